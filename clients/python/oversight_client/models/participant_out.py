from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.milestone_out import MilestoneOut


T = TypeVar("T", bound="ParticipantOut")


@_attrs_define
class ParticipantOut:
    """
    Attributes:
        created_at (datetime.datetime):
        distribution_plan_status (str):
        id (UUID):
        milestones (list[MilestoneOut]):
        plan_id (UUID):
        program_id (UUID):
    """

    created_at: datetime.datetime
    distribution_plan_status: str
    id: UUID
    milestones: list[MilestoneOut]
    plan_id: UUID
    program_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        distribution_plan_status = self.distribution_plan_status

        id = str(self.id)

        milestones = []
        for milestones_item_data in self.milestones:
            milestones_item = milestones_item_data.to_dict()
            milestones.append(milestones_item)

        plan_id = str(self.plan_id)

        program_id = str(self.program_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "distribution_plan_status": distribution_plan_status,
                "id": id,
                "milestones": milestones,
                "plan_id": plan_id,
                "program_id": program_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.milestone_out import MilestoneOut  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        distribution_plan_status = d.pop("distribution_plan_status")

        id = UUID(d.pop("id"))

        milestones = []
        _milestones = d.pop("milestones")
        for milestones_item_data in _milestones:
            milestones_item = MilestoneOut.from_dict(milestones_item_data)

            milestones.append(milestones_item)

        plan_id = UUID(d.pop("plan_id"))

        program_id = UUID(d.pop("program_id"))

        participant_out = cls(
            created_at=created_at,
            distribution_plan_status=distribution_plan_status,
            id=id,
            milestones=milestones,
            plan_id=plan_id,
            program_id=program_id,
        )

        participant_out.additional_properties = d
        return participant_out

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
