from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CalendarDayChange")


@_attrs_define
class CalendarDayChange:
    """
    Attributes:
        closed (bool): true to close the day (a business day no more), false to keep it open
        day (datetime.date):
        reason (str):
    """

    closed: bool
    day: datetime.date
    reason: str

    def to_dict(self) -> dict[str, Any]:
        closed = self.closed

        day = self.day.isoformat()

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "closed": closed,
                "day": day,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        closed = d.pop("closed")

        day = datetime.date.fromisoformat(d.pop("day"))

        reason = d.pop("reason")

        calendar_day_change = cls(
            closed=closed,
            day=day,
            reason=reason,
        )

        return calendar_day_change
