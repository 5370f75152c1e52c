from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.suggestion_out_final_answer_type_0 import SuggestionOutFinalAnswerType0
from ..models.suggestion_out_status import SuggestionOutStatus
from ..models.suggestion_out_suggested_answer import SuggestionOutSuggestedAnswer

if TYPE_CHECKING:
    from ..models.suggestion_reason import SuggestionReason


T = TypeVar("T", bound="SuggestionOut")


@_attrs_define
class SuggestionOut:
    """
    Attributes:
        comment (None | str):
        created_at (datetime.datetime):
        decided_at (datetime.datetime | None):
        decided_by (None | str):
        element_key (str):
        final_answer (None | SuggestionOutFinalAnswerType0):
        id (UUID):
        reasons (list[SuggestionReason]):
        record_id (None | UUID): The sampled record; null for a provider-level element
        review_id (UUID):
        status (SuggestionOutStatus):
        suggested_answer (SuggestionOutSuggestedAnswer):
        updated_at (datetime.datetime):
    """

    comment: None | str
    created_at: datetime.datetime
    decided_at: datetime.datetime | None
    decided_by: None | str
    element_key: str
    final_answer: None | SuggestionOutFinalAnswerType0
    id: UUID
    reasons: list[SuggestionReason]
    record_id: None | UUID
    review_id: UUID
    status: SuggestionOutStatus
    suggested_answer: SuggestionOutSuggestedAnswer
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        comment: None | str
        comment = self.comment

        created_at = self.created_at.isoformat()

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decided_by: None | str
        decided_by = self.decided_by

        element_key = self.element_key

        final_answer: None | str
        if isinstance(self.final_answer, SuggestionOutFinalAnswerType0):
            final_answer = self.final_answer.value
        else:
            final_answer = self.final_answer

        id = str(self.id)

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.to_dict()
            reasons.append(reasons_item)

        record_id: None | str
        if isinstance(self.record_id, UUID):
            record_id = str(self.record_id)
        else:
            record_id = self.record_id

        review_id = str(self.review_id)

        status = self.status.value

        suggested_answer = self.suggested_answer.value

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "comment": comment,
                "created_at": created_at,
                "decided_at": decided_at,
                "decided_by": decided_by,
                "element_key": element_key,
                "final_answer": final_answer,
                "id": id,
                "reasons": reasons,
                "record_id": record_id,
                "review_id": review_id,
                "status": status,
                "suggested_answer": suggested_answer,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.suggestion_reason import SuggestionReason  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_comment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        comment = _parse_comment(d.pop("comment"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_decided_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        element_key = d.pop("element_key")

        def _parse_final_answer(data: object) -> None | SuggestionOutFinalAnswerType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                final_answer_type_0 = SuggestionOutFinalAnswerType0(data)

                return final_answer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SuggestionOutFinalAnswerType0, data)

        final_answer = _parse_final_answer(d.pop("final_answer"))

        id = UUID(d.pop("id"))

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = SuggestionReason.from_dict(reasons_item_data)

            reasons.append(reasons_item)

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

        review_id = UUID(d.pop("review_id"))

        status = SuggestionOutStatus(d.pop("status"))

        suggested_answer = SuggestionOutSuggestedAnswer(d.pop("suggested_answer"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        suggestion_out = cls(
            comment=comment,
            created_at=created_at,
            decided_at=decided_at,
            decided_by=decided_by,
            element_key=element_key,
            final_answer=final_answer,
            id=id,
            reasons=reasons,
            record_id=record_id,
            review_id=review_id,
            status=status,
            suggested_answer=suggested_answer,
            updated_at=updated_at,
        )

        suggestion_out.additional_properties = d
        return suggestion_out

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
