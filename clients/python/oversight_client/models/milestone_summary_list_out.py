from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.milestone_summary_out import MilestoneSummaryOut


T = TypeVar("T", bound="MilestoneSummaryListOut")


@_attrs_define
class MilestoneSummaryListOut:
    """
    Attributes:
        as_of (datetime.date):
        milestones (list[MilestoneSummaryOut]):
        participant_id (UUID):
    """

    as_of: datetime.date
    milestones: list[MilestoneSummaryOut]
    participant_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        milestones = []
        for milestones_item_data in self.milestones:
            milestones_item = milestones_item_data.to_dict()
            milestones.append(milestones_item)

        participant_id = str(self.participant_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "milestones": milestones,
                "participant_id": participant_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.milestone_summary_out import MilestoneSummaryOut  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        milestones = []
        _milestones = d.pop("milestones")
        for milestones_item_data in _milestones:
            milestones_item = MilestoneSummaryOut.from_dict(milestones_item_data)

            milestones.append(milestones_item)

        participant_id = UUID(d.pop("participant_id"))

        milestone_summary_list_out = cls(
            as_of=as_of,
            milestones=milestones,
            participant_id=participant_id,
        )

        milestone_summary_list_out.additional_properties = d
        return milestone_summary_list_out

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
