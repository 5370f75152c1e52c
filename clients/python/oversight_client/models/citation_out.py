from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CitationOut")


@_attrs_define
class CitationOut:
    """A cited document by id, kind and version (its name is member data: read it on the document).

    Attributes:
        cited_at (datetime.datetime):
        cited_by (str):
        document_id (UUID):
        document_kind (str):
        pages (None | str):
        version_number (int):
    """

    cited_at: datetime.datetime
    cited_by: str
    document_id: UUID
    document_kind: str
    pages: None | str
    version_number: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cited_at = self.cited_at.isoformat()

        cited_by = self.cited_by

        document_id = str(self.document_id)

        document_kind = self.document_kind

        pages: None | str
        pages = self.pages

        version_number = self.version_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cited_at": cited_at,
                "cited_by": cited_by,
                "document_id": document_id,
                "document_kind": document_kind,
                "pages": pages,
                "version_number": version_number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cited_at = datetime.datetime.fromisoformat(d.pop("cited_at"))

        cited_by = d.pop("cited_by")

        document_id = UUID(d.pop("document_id"))

        document_kind = d.pop("document_kind")

        def _parse_pages(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pages = _parse_pages(d.pop("pages"))

        version_number = d.pop("version_number")

        citation_out = cls(
            cited_at=cited_at,
            cited_by=cited_by,
            document_id=document_id,
            document_kind=document_kind,
            pages=pages,
            version_number=version_number,
        )

        citation_out.additional_properties = d
        return citation_out

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
