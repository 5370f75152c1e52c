from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ActionPlanClock")


@_attrs_define
class ActionPlanClock:
    """
    Attributes:
        action_plan_id (UUID):
        days_left (int): Calendar days to the due date (negative: overdue)
        due_on (datetime.date):
        issued_on (datetime.date):
        kind (str):
        overdue (bool):
        provider_id (UUID):
        review_id (None | UUID):
        status (str):
    """

    action_plan_id: UUID
    days_left: int
    due_on: datetime.date
    issued_on: datetime.date
    kind: str
    overdue: bool
    provider_id: UUID
    review_id: None | UUID
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action_plan_id = str(self.action_plan_id)

        days_left = self.days_left

        due_on = self.due_on.isoformat()

        issued_on = self.issued_on.isoformat()

        kind = self.kind

        overdue = self.overdue

        provider_id = str(self.provider_id)

        review_id: None | str
        if isinstance(self.review_id, UUID):
            review_id = str(self.review_id)
        else:
            review_id = self.review_id

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action_plan_id": action_plan_id,
                "days_left": days_left,
                "due_on": due_on,
                "issued_on": issued_on,
                "kind": kind,
                "overdue": overdue,
                "provider_id": provider_id,
                "review_id": review_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action_plan_id = UUID(d.pop("action_plan_id"))

        days_left = d.pop("days_left")

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        issued_on = datetime.date.fromisoformat(d.pop("issued_on"))

        kind = d.pop("kind")

        overdue = d.pop("overdue")

        provider_id = UUID(d.pop("provider_id"))

        def _parse_review_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_id_type_0 = UUID(data)

                return review_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        review_id = _parse_review_id(d.pop("review_id"))

        status = d.pop("status")

        action_plan_clock = cls(
            action_plan_id=action_plan_id,
            days_left=days_left,
            due_on=due_on,
            issued_on=issued_on,
            kind=kind,
            overdue=overdue,
            provider_id=provider_id,
            review_id=review_id,
            status=status,
        )

        action_plan_clock.additional_properties = d
        return action_plan_clock

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
