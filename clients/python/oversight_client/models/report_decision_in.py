from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.report_decision_in_decision import ReportDecisionInDecision
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReportDecisionIn")


@_attrs_define
class ReportDecisionIn:
    """
    Attributes:
        decision (ReportDecisionInDecision):
        comments (None | str | Unset):
    """

    decision: ReportDecisionInDecision
    comments: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision.value

        comments: None | str | Unset
        if isinstance(self.comments, Unset):
            comments = UNSET
        else:
            comments = self.comments

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decision": decision,
            }
        )
        if comments is not UNSET:
            field_dict["comments"] = comments

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decision = ReportDecisionInDecision(d.pop("decision"))

        def _parse_comments(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comments = _parse_comments(d.pop("comments", UNSET))

        report_decision_in = cls(
            decision=decision,
            comments=comments,
        )

        return report_decision_in
