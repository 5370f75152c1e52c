from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CalendarChangeOut")


@_attrs_define
class CalendarChangeOut:
    """
    Attributes:
        changed_at (datetime.datetime):
        changed_by (str):
        closed (bool): true: closed though the schedule keeps it open; false: kept open
        day (datetime.date):
        reason (str):
    """

    changed_at: datetime.datetime
    changed_by: str
    closed: bool
    day: datetime.date
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changed_at = self.changed_at.isoformat()

        changed_by = self.changed_by

        closed = self.closed

        day = self.day.isoformat()

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changed_at": changed_at,
                "changed_by": changed_by,
                "closed": closed,
                "day": day,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        changed_by = d.pop("changed_by")

        closed = d.pop("closed")

        day = datetime.date.fromisoformat(d.pop("day"))

        reason = d.pop("reason")

        calendar_change_out = cls(
            changed_at=changed_at,
            changed_by=changed_by,
            closed=closed,
            day=day,
            reason=reason,
        )

        calendar_change_out.additional_properties = d
        return calendar_change_out

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
