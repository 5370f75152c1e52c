from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.roi_check_item_current_answer_type_0 import RoiCheckItemCurrentAnswerType0
from ..models.roi_check_item_suggested_answer import RoiCheckItemSuggestedAnswer

T = TypeVar("T", bound="RoiCheckItem")


@_attrs_define
class RoiCheckItem:
    """
    Attributes:
        current_answer (None | RoiCheckItemCurrentAnswerType0): The reviewer's recorded answer to the element for this
            record; null: not answered yet
        document_id (None | UUID): The ROI version the suggestion rests on, if any
        element_key (str):
        reason (str):
        record_id (UUID):
        suggested_answer (RoiCheckItemSuggestedAnswer): What the uploaded ROIs suggest; nothing is recorded until the
            reviewer answers the element
    """

    current_answer: None | RoiCheckItemCurrentAnswerType0
    document_id: None | UUID
    element_key: str
    reason: str
    record_id: UUID
    suggested_answer: RoiCheckItemSuggestedAnswer
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current_answer: None | str
        if isinstance(self.current_answer, RoiCheckItemCurrentAnswerType0):
            current_answer = self.current_answer.value
        else:
            current_answer = self.current_answer

        document_id: None | str
        if isinstance(self.document_id, UUID):
            document_id = str(self.document_id)
        else:
            document_id = self.document_id

        element_key = self.element_key

        reason = self.reason

        record_id = str(self.record_id)

        suggested_answer = self.suggested_answer.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "current_answer": current_answer,
                "document_id": document_id,
                "element_key": element_key,
                "reason": reason,
                "record_id": record_id,
                "suggested_answer": suggested_answer,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_current_answer(data: object) -> None | RoiCheckItemCurrentAnswerType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                current_answer_type_0 = RoiCheckItemCurrentAnswerType0(data)

                return current_answer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RoiCheckItemCurrentAnswerType0, data)

        current_answer = _parse_current_answer(d.pop("current_answer"))

        def _parse_document_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                document_id_type_0 = UUID(data)

                return document_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        document_id = _parse_document_id(d.pop("document_id"))

        element_key = d.pop("element_key")

        reason = d.pop("reason")

        record_id = UUID(d.pop("record_id"))

        suggested_answer = RoiCheckItemSuggestedAnswer(d.pop("suggested_answer"))

        roi_check_item = cls(
            current_answer=current_answer,
            document_id=document_id,
            element_key=element_key,
            reason=reason,
            record_id=record_id,
            suggested_answer=suggested_answer,
        )

        roi_check_item.additional_properties = d
        return roi_check_item

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
