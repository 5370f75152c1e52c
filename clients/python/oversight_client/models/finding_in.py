from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.finding_in_answer import FindingInAnswer
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.citation_in import CitationIn


T = TypeVar("T", bound="FindingIn")


@_attrs_define
class FindingIn:
    """
    Attributes:
        answer (FindingInAnswer):
        element_key (str):
        citations (list[CitationIn] | None | Unset): Available documents of this review the answer rests on. Omitted:
            the finding's citations stay as they are; a list (empty too) replaces them
        comment (None | str | Unset):
        corrected_on (datetime.date | None | Unset):
        correction_required (bool | Unset):  Default: False.
        record_id (None | Unset | UUID):
    """

    answer: FindingInAnswer
    element_key: str
    citations: list[CitationIn] | None | Unset = UNSET
    comment: None | str | Unset = UNSET
    corrected_on: datetime.date | None | Unset = UNSET
    correction_required: bool | Unset = False
    record_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        answer = self.answer.value

        element_key = self.element_key

        citations: list[dict[str, Any]] | None | Unset
        if isinstance(self.citations, Unset):
            citations = UNSET
        elif isinstance(self.citations, list):
            citations = []
            for citations_type_0_item_data in self.citations:
                citations_type_0_item = citations_type_0_item_data.to_dict()
                citations.append(citations_type_0_item)

        else:
            citations = self.citations

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        corrected_on: None | str | Unset
        if isinstance(self.corrected_on, Unset):
            corrected_on = UNSET
        elif isinstance(self.corrected_on, datetime.date):
            corrected_on = self.corrected_on.isoformat()
        else:
            corrected_on = self.corrected_on

        correction_required = self.correction_required

        record_id: None | str | Unset
        if isinstance(self.record_id, Unset):
            record_id = UNSET
        elif isinstance(self.record_id, UUID):
            record_id = str(self.record_id)
        else:
            record_id = self.record_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answer": answer,
                "element_key": element_key,
            }
        )
        if citations is not UNSET:
            field_dict["citations"] = citations
        if comment is not UNSET:
            field_dict["comment"] = comment
        if corrected_on is not UNSET:
            field_dict["corrected_on"] = corrected_on
        if correction_required is not UNSET:
            field_dict["correction_required"] = correction_required
        if record_id is not UNSET:
            field_dict["record_id"] = record_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.citation_in import CitationIn  # noqa: PLC0415

        d = dict(src_dict)
        answer = FindingInAnswer(d.pop("answer"))

        element_key = d.pop("element_key")

        def _parse_citations(data: object) -> list[CitationIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                citations_type_0 = []
                _citations_type_0 = data
                for citations_type_0_item_data in _citations_type_0:
                    citations_type_0_item = CitationIn.from_dict(citations_type_0_item_data)

                    citations_type_0.append(citations_type_0_item)

                return citations_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[CitationIn] | None | Unset, data)

        citations = _parse_citations(d.pop("citations", UNSET))

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        def _parse_corrected_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                corrected_on_type_0 = datetime.date.fromisoformat(data)

                return corrected_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        corrected_on = _parse_corrected_on(d.pop("corrected_on", UNSET))

        correction_required = d.pop("correction_required", UNSET)

        def _parse_record_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                record_id_type_0 = UUID(data)

                return record_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        record_id = _parse_record_id(d.pop("record_id", UNSET))

        finding_in = cls(
            answer=answer,
            element_key=element_key,
            citations=citations,
            comment=comment,
            corrected_on=corrected_on,
            correction_required=correction_required,
            record_id=record_id,
        )

        return finding_in
