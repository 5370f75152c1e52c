from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RemindersIn")


@_attrs_define
class RemindersIn:
    """When each report's reminders go to the plan's admins (default: 14, 7 and 1 days before the due date and an
    overdue notice, copied to the state, the day after).

        Attributes:
            days_before (list[int] | None | Unset): Calendar days before
            overdue_days_after (int | None | Unset): Calendar days after the due date
    """

    days_before: list[int] | None | Unset = UNSET
    overdue_days_after: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        days_before: list[int] | None | Unset
        if isinstance(self.days_before, Unset):
            days_before = UNSET
        elif isinstance(self.days_before, list):
            days_before = self.days_before

        else:
            days_before = self.days_before

        overdue_days_after: int | None | Unset
        if isinstance(self.overdue_days_after, Unset):
            overdue_days_after = UNSET
        else:
            overdue_days_after = self.overdue_days_after

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if days_before is not UNSET:
            field_dict["days_before"] = days_before
        if overdue_days_after is not UNSET:
            field_dict["overdue_days_after"] = overdue_days_after

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_days_before(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                days_before_type_0 = cast(list[int], data)

                return days_before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        days_before = _parse_days_before(d.pop("days_before", UNSET))

        def _parse_overdue_days_after(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        overdue_days_after = _parse_overdue_days_after(d.pop("overdue_days_after", UNSET))

        reminders_in = cls(
            days_before=days_before,
            overdue_days_after=overdue_days_after,
        )

        return reminders_in
