from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FollowUpResultOut")


@_attrs_define
class FollowUpResultOut:
    """What a finalized follow-up review did to its action plan.

    Attributes:
        action_plan_id (UUID):
        compliant (bool): true when the score reached the policy's compliant_at (100%): the plan closed
        total_percent (None | str): The score over the follow-up's sections, as a percentage
    """

    action_plan_id: UUID
    compliant: bool
    total_percent: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action_plan_id = str(self.action_plan_id)

        compliant = self.compliant

        total_percent: None | str
        total_percent = self.total_percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action_plan_id": action_plan_id,
                "compliant": compliant,
                "total_percent": total_percent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action_plan_id = UUID(d.pop("action_plan_id"))

        compliant = d.pop("compliant")

        def _parse_total_percent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        total_percent = _parse_total_percent(d.pop("total_percent"))

        follow_up_result_out = cls(
            action_plan_id=action_plan_id,
            compliant=compliant,
            total_percent=total_percent,
        )

        follow_up_result_out.additional_properties = d
        return follow_up_result_out

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
