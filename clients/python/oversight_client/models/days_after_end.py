from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..models.days_after_end_day_type import DaysAfterEndDayType
from ..types import UNSET, Unset

T = TypeVar("T", bound="DaysAfterEnd")


@_attrs_define
class DaysAfterEnd:
    """
    Attributes:
        days (int):
        kind (Literal['days_after_end']):
        day_type (DaysAfterEndDayType | Unset):  Default: DaysAfterEndDayType.CALENDAR.
    """

    days: int
    kind: Literal["days_after_end"]
    day_type: DaysAfterEndDayType | Unset = DaysAfterEndDayType.CALENDAR

    def to_dict(self) -> dict[str, Any]:
        days = self.days

        kind = self.kind

        day_type: str | Unset = UNSET
        if not isinstance(self.day_type, Unset):
            day_type = self.day_type.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "days": days,
                "kind": kind,
            }
        )
        if day_type is not UNSET:
            field_dict["day_type"] = day_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        days = d.pop("days")

        kind = cast(Literal["days_after_end"], d.pop("kind"))
        if kind != "days_after_end":
            raise ValueError(f"kind must match const 'days_after_end', got '{kind}'")

        _day_type = d.pop("day_type", UNSET)
        day_type: DaysAfterEndDayType | Unset
        if isinstance(_day_type, Unset):
            day_type = UNSET
        else:
            day_type = DaysAfterEndDayType(_day_type)

        days_after_end = cls(
            days=days,
            kind=kind,
            day_type=day_type,
        )

        return days_after_end
