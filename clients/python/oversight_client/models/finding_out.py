from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.finding_out_answer import FindingOutAnswer
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.citation_out import CitationOut


T = TypeVar("T", bound="FindingOut")


@_attrs_define
class FindingOut:
    """
    Attributes:
        answer (FindingOutAnswer):
        comment (None | str):
        corrected_on (datetime.date | None):
        correction_required (bool):
        element_key (str):
        id (UUID):
        record_id (None | UUID):
        updated_at (datetime.datetime):
        updated_by (str):
        citations (list[CitationOut] | Unset):
    """

    answer: FindingOutAnswer
    comment: None | str
    corrected_on: datetime.date | None
    correction_required: bool
    element_key: str
    id: UUID
    record_id: None | UUID
    updated_at: datetime.datetime
    updated_by: str
    citations: list[CitationOut] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        answer = self.answer.value

        comment: None | str
        comment = self.comment

        corrected_on: None | str
        if isinstance(self.corrected_on, datetime.date):
            corrected_on = self.corrected_on.isoformat()
        else:
            corrected_on = self.corrected_on

        correction_required = self.correction_required

        element_key = self.element_key

        id = str(self.id)

        record_id: None | str
        if isinstance(self.record_id, UUID):
            record_id = str(self.record_id)
        else:
            record_id = self.record_id

        updated_at = self.updated_at.isoformat()

        updated_by = self.updated_by

        citations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.citations, Unset):
            citations = []
            for citations_item_data in self.citations:
                citations_item = citations_item_data.to_dict()
                citations.append(citations_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "answer": answer,
                "comment": comment,
                "corrected_on": corrected_on,
                "correction_required": correction_required,
                "element_key": element_key,
                "id": id,
                "record_id": record_id,
                "updated_at": updated_at,
                "updated_by": updated_by,
            }
        )
        if citations is not UNSET:
            field_dict["citations"] = citations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.citation_out import CitationOut  # noqa: PLC0415

        d = dict(src_dict)
        answer = FindingOutAnswer(d.pop("answer"))

        def _parse_comment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment = _parse_comment(d.pop("comment"))

        def _parse_corrected_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                corrected_on_type_0 = datetime.date.fromisoformat(data)

                return corrected_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        corrected_on = _parse_corrected_on(d.pop("corrected_on"))

        correction_required = d.pop("correction_required")

        element_key = d.pop("element_key")

        id = UUID(d.pop("id"))

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

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        updated_by = d.pop("updated_by")

        _citations = d.pop("citations", UNSET)
        citations: list[CitationOut] | Unset = UNSET
        if _citations is not UNSET:
            citations = []
            for citations_item_data in _citations:
                citations_item = CitationOut.from_dict(citations_item_data)

                citations.append(citations_item)

        finding_out = cls(
            answer=answer,
            comment=comment,
            corrected_on=corrected_on,
            correction_required=correction_required,
            element_key=element_key,
            id=id,
            record_id=record_id,
            updated_at=updated_at,
            updated_by=updated_by,
            citations=citations,
        )

        finding_out.additional_properties = d
        return finding_out

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
