from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EvidenceCitedOut")


@_attrs_define
class EvidenceCitedOut:
    """A document a finding cites: the evidence behind one element of one record (or of the provider).

    Attributes:
        document_id (UUID):
        document_kind (str):
        element_key (str):
        pages (None | str):
        record_id (None | UUID):
        version_number (int):
    """

    document_id: UUID
    document_kind: str
    element_key: str
    pages: None | str
    record_id: None | UUID
    version_number: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        document_id = str(self.document_id)

        document_kind = self.document_kind

        element_key = self.element_key

        pages: None | str
        pages = self.pages

        record_id: None | str
        if isinstance(self.record_id, UUID):
            record_id = str(self.record_id)
        else:
            record_id = self.record_id

        version_number = self.version_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "document_id": document_id,
                "document_kind": document_kind,
                "element_key": element_key,
                "pages": pages,
                "record_id": record_id,
                "version_number": version_number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        document_id = UUID(d.pop("document_id"))

        document_kind = d.pop("document_kind")

        element_key = d.pop("element_key")

        def _parse_pages(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pages = _parse_pages(d.pop("pages"))

        def _parse_record_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                record_id_type_0 = UUID(data)

                return record_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        record_id = _parse_record_id(d.pop("record_id"))

        version_number = d.pop("version_number")

        evidence_cited_out = cls(
            document_id=document_id,
            document_kind=document_kind,
            element_key=element_key,
            pages=pages,
            record_id=record_id,
            version_number=version_number,
        )

        evidence_cited_out.additional_properties = d
        return evidence_cited_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
