from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ParticipantTotalsOut")


@_attrs_define
class ParticipantTotalsOut:
    """
    Attributes:
        budgeted (str):
        earned (str):
        participant_id (UUID):
        plan_id (UUID):
    """

    budgeted: str
    earned: str
    participant_id: UUID
    plan_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        budgeted = self.budgeted

        earned = self.earned

        participant_id = str(self.participant_id)

        plan_id = str(self.plan_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "budgeted": budgeted,
                "earned": earned,
                "participant_id": participant_id,
                "plan_id": plan_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        budgeted = d.pop("budgeted")

        earned = d.pop("earned")

        participant_id = UUID(d.pop("participant_id"))

        plan_id = UUID(d.pop("plan_id"))

        participant_totals_out = cls(
            budgeted=budgeted,
            earned=earned,
            participant_id=participant_id,
            plan_id=plan_id,
        )

        participant_totals_out.additional_properties = d
        return participant_totals_out

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
