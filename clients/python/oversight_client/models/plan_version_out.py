from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.plan_version_out_decision_type_0 import PlanVersionOutDecisionType0

if TYPE_CHECKING:
    from ..models.distribution_plan_in import DistributionPlanIn


T = TypeVar("T", bound="PlanVersionOut")


@_attrs_define
class PlanVersionOut:
    """
    Attributes:
        content (DistributionPlanIn):
        decided_at (datetime.datetime | None):
        decision (None | PlanVersionOutDecisionType0):
        decision_comments (None | str):
        late (bool):
        number (int):
        participant_id (UUID):
        submitted_at (datetime.datetime):
        submitted_by (str):
    """

    content: DistributionPlanIn
    decided_at: datetime.datetime | None
    decision: None | PlanVersionOutDecisionType0
    decision_comments: None | str
    late: bool
    number: int
    participant_id: UUID
    submitted_at: datetime.datetime
    submitted_by: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content = self.content.to_dict()

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decision: None | str
        if isinstance(self.decision, PlanVersionOutDecisionType0):
            decision = self.decision.value
        else:
            decision = self.decision

        decision_comments: None | str
        decision_comments = self.decision_comments

        late = self.late

        number = self.number

        participant_id = str(self.participant_id)

        submitted_at = self.submitted_at.isoformat()

        submitted_by = self.submitted_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "decided_at": decided_at,
                "decision": decision,
                "decision_comments": decision_comments,
                "late": late,
                "number": number,
                "participant_id": participant_id,
                "submitted_at": submitted_at,
                "submitted_by": submitted_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.distribution_plan_in import DistributionPlanIn  # noqa: PLC0415

        d = dict(src_dict)
        content = DistributionPlanIn.from_dict(d.pop("content"))

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

        def _parse_decision(data: object) -> None | PlanVersionOutDecisionType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decision_type_0 = PlanVersionOutDecisionType0(data)

                return decision_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanVersionOutDecisionType0, data)

        decision = _parse_decision(d.pop("decision"))

        def _parse_decision_comments(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_comments = _parse_decision_comments(d.pop("decision_comments"))

        late = d.pop("late")

        number = d.pop("number")

        participant_id = UUID(d.pop("participant_id"))

        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))

        submitted_by = d.pop("submitted_by")

        plan_version_out = cls(
            content=content,
            decided_at=decided_at,
            decision=decision,
            decision_comments=decision_comments,
            late=late,
            number=number,
            participant_id=participant_id,
            submitted_at=submitted_at,
            submitted_by=submitted_by,
        )

        plan_version_out.additional_properties = d
        return plan_version_out

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
