from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.suggestion_override_in_answer import SuggestionOverrideInAnswer

T = TypeVar("T", bound="SuggestionOverrideIn")


@_attrs_define
class SuggestionOverrideIn:
    """
    Attributes:
        answer (SuggestionOverrideInAnswer): The reviewer's answer; not the suggested one (accept that)
        comment (str): Why the suggestion is overridden
    """

    answer: SuggestionOverrideInAnswer
    comment: str

    def to_dict(self) -> dict[str, Any]:
        answer = self.answer.value

        comment = self.comment

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answer": answer,
                "comment": comment,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        answer = SuggestionOverrideInAnswer(d.pop("answer"))

        comment = d.pop("comment")

        suggestion_override_in = cls(
            answer=answer,
            comment=comment,
        )

        return suggestion_override_in
