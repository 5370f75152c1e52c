from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.decision_in_decision import DecisionInDecision

T = TypeVar("T", bound="DecisionIn")


@_attrs_define
class DecisionIn:
    """
    Attributes:
        comment (str):
        decision (DecisionInDecision):
    """

    comment: str
    decision: DecisionInDecision

    def to_dict(self) -> dict[str, Any]:
        comment = self.comment

        decision = self.decision.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "comment": comment,
                "decision": decision,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        comment = d.pop("comment")

        decision = DecisionInDecision(d.pop("decision"))

        decision_in = cls(
            comment=comment,
            decision=decision,
        )

        return decision_in
