from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.dispute_decision import DisputeDecision
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.amendment_in import AmendmentIn


T = TypeVar("T", bound="DisputeDecisionIn")


@_attrs_define
class DisputeDecisionIn:
    """
    Attributes:
        comment (str):
        decision (DisputeDecision): The plan's decision on a dispute.
        amendments (list[AmendmentIn] | Unset): Findings of the disputed review to change (review_result and finding
            disputes): the review is re-scored into a new scorecard version
        due_on (datetime.date | None | Unset): For an overturned CAP or termination recommendation: the due date of the
            stage the plan goes back to
    """

    comment: str
    decision: DisputeDecision
    amendments: list[AmendmentIn] | Unset = UNSET
    due_on: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        comment = self.comment

        decision = self.decision.value

        amendments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.amendments, Unset):
            amendments = []
            for amendments_item_data in self.amendments:
                amendments_item = amendments_item_data.to_dict()
                amendments.append(amendments_item)

        due_on: None | str | Unset
        if isinstance(self.due_on, Unset):
            due_on = UNSET
        elif isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "comment": comment,
                "decision": decision,
            }
        )
        if amendments is not UNSET:
            field_dict["amendments"] = amendments
        if due_on is not UNSET:
            field_dict["due_on"] = due_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.amendment_in import AmendmentIn  # noqa: PLC0415

        d = dict(src_dict)
        comment = d.pop("comment")

        decision = DisputeDecision(d.pop("decision"))

        _amendments = d.pop("amendments", UNSET)
        amendments: list[AmendmentIn] | Unset = UNSET
        if _amendments is not UNSET:
            amendments = []
            for amendments_item_data in _amendments:
                amendments_item = AmendmentIn.from_dict(amendments_item_data)

                amendments.append(amendments_item)

        def _parse_due_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_on = _parse_due_on(d.pop("due_on", UNSET))

        dispute_decision_in = cls(
            comment=comment,
            decision=decision,
            amendments=amendments,
            due_on=due_on,
        )

        return dispute_decision_in
