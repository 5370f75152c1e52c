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
    from ..models.period_in import PeriodIn


T = TypeVar("T", bound="QuarterlyPeriodsIn")


@_attrs_define
class QuarterlyPeriodsIn:
    """Generated periods (``first_start``..``last_end`` in ``months_per_period`` steps) or explicit ``periods``.

    Attributes:
        due_rule (DayOfFollowingMonth | DaysAfterEnd | LastDayOfMonth):
        first_start (datetime.date | None | Unset):
        last_end (datetime.date | None | Unset):
        months_per_period (int | Unset):  Default: 3.
        periods (list[PeriodIn] | None | Unset):
    """

    due_rule: DayOfFollowingMonth | DaysAfterEnd | LastDayOfMonth
    first_start: datetime.date | None | Unset = UNSET
    last_end: datetime.date | None | Unset = UNSET
    months_per_period: int | Unset = 3
    periods: list[PeriodIn] | None | Unset = UNSET

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

        first_start: None | str | Unset
        if isinstance(self.first_start, Unset):
            first_start = UNSET
        elif isinstance(self.first_start, datetime.date):
            first_start = self.first_start.isoformat()
        else:
            first_start = self.first_start

        last_end: None | str | Unset
        if isinstance(self.last_end, Unset):
            last_end = UNSET
        elif isinstance(self.last_end, datetime.date):
            last_end = self.last_end.isoformat()
        else:
            last_end = self.last_end

        months_per_period = self.months_per_period

        periods: list[dict[str, Any]] | None | Unset
        if isinstance(self.periods, Unset):
            periods = UNSET
        elif isinstance(self.periods, list):
            periods = []
            for periods_type_0_item_data in self.periods:
                periods_type_0_item = periods_type_0_item_data.to_dict()
                periods.append(periods_type_0_item)

        else:
            periods = self.periods

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "due_rule": due_rule,
            }
        )
        if first_start is not UNSET:
            field_dict["first_start"] = first_start
        if last_end is not UNSET:
            field_dict["last_end"] = last_end
        if months_per_period is not UNSET:
            field_dict["months_per_period"] = months_per_period
        if periods is not UNSET:
            field_dict["periods"] = periods

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.day_of_following_month import DayOfFollowingMonth  # noqa: PLC0415
        from ..models.days_after_end import DaysAfterEnd  # noqa: PLC0415
        from ..models.last_day_of_month import LastDayOfMonth  # noqa: PLC0415
        from ..models.period_in import PeriodIn  # noqa: PLC0415

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

        def _parse_first_start(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_start_type_0 = datetime.date.fromisoformat(data)

                return first_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        first_start = _parse_first_start(d.pop("first_start", UNSET))

        def _parse_last_end(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_end_type_0 = datetime.date.fromisoformat(data)

                return last_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        last_end = _parse_last_end(d.pop("last_end", UNSET))

        months_per_period = d.pop("months_per_period", UNSET)

        def _parse_periods(data: object) -> list[PeriodIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                periods_type_0 = []
                _periods_type_0 = data
                for periods_type_0_item_data in _periods_type_0:
                    periods_type_0_item = PeriodIn.from_dict(periods_type_0_item_data)

                    periods_type_0.append(periods_type_0_item)

                return periods_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PeriodIn] | None | Unset, data)

        periods = _parse_periods(d.pop("periods", UNSET))

        quarterly_periods_in = cls(
            due_rule=due_rule,
            first_start=first_start,
            last_end=last_end,
            months_per_period=months_per_period,
            periods=periods,
        )

        return quarterly_periods_in
