from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.day_of_following_month import DayOfFollowingMonth
    from ..models.days_after_end import DaysAfterEnd
    from ..models.last_day_of_month import LastDayOfMonth


T = TypeVar("T", bound="MonthlyReportsIn")


@_attrs_define
class MonthlyReportsIn:
    """
    Attributes:
        due_rule (DayOfFollowingMonth | DaysAfterEnd | LastDayOfMonth):
        first_month (datetime.date):
        last_month (datetime.date | None | Unset): Default: the month the last quarter ends
    """

    due_rule: DayOfFollowingMonth | DaysAfterEnd | LastDayOfMonth
    first_month: datetime.date
    last_month: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.day_of_following_month import DayOfFollowingMonth  # noqa: PLC0415
        from ..models.last_day_of_month import LastDayOfMonth  # noqa: PLC0415

        due_rule: dict[str, Any]
        if isinstance(self.due_rule, DayOfFollowingMonth):
            due_rule = self.due_rule.to_dict()
        elif isinstance(self.due_rule, LastDayOfMonth):
            due_rule = self.due_rule.to_dict()
        else:
            due_rule = self.due_rule.to_dict()

        first_month = self.first_month.isoformat()

        last_month: None | str | Unset
        if isinstance(self.last_month, Unset):
            last_month = UNSET
        elif isinstance(self.last_month, datetime.date):
            last_month = self.last_month.isoformat()
        else:
            last_month = self.last_month

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "due_rule": due_rule,
                "first_month": first_month,
            }
        )
        if last_month is not UNSET:
            field_dict["last_month"] = last_month

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.day_of_following_month import DayOfFollowingMonth  # noqa: PLC0415
        from ..models.days_after_end import DaysAfterEnd  # noqa: PLC0415
        from ..models.last_day_of_month import LastDayOfMonth  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_due_rule(data: object) -> DayOfFollowingMonth | DaysAfterEnd | LastDayOfMonth:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                due_rule_type_0 = DayOfFollowingMonth.from_dict(data)

                return due_rule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                due_rule_type_1 = LastDayOfMonth.from_dict(data)

                return due_rule_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            due_rule_type_2 = DaysAfterEnd.from_dict(data)

            return due_rule_type_2

        due_rule = _parse_due_rule(d.pop("due_rule"))

        first_month = datetime.date.fromisoformat(d.pop("first_month"))

        def _parse_last_month(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_month_type_0 = datetime.date.fromisoformat(data)

                return last_month_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        last_month = _parse_last_month(d.pop("last_month", UNSET))

        monthly_reports_in = cls(
            due_rule=due_rule,
            first_month=first_month,
            last_month=last_month,
        )

        return monthly_reports_in
