"""Calendars and clocks (issue 3 item 4; TAR clock of seed 003, notice clock of seed 000)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oversight_domain.calendars import (
    Calendar,
    add_days,
    add_months,
    business_days_between,
    days_late,
    is_business_day,
    is_late,
    last_day_of_month,
    quarter_end,
    quarter_start,
)

US = Calendar("US")
NC = Calendar("US-NC")
CA = Calendar("US-CA")


def test_weekends_and_federal_holidays_are_not_business_days() -> None:
    assert not is_business_day(date(2024, 7, 6), US)  # Saturday
    assert not is_business_day(date(2024, 7, 4), US)  # Independence Day (Thu)
    assert is_business_day(date(2024, 7, 5), US)
    assert not is_business_day(date(2024, 11, 28), US)  # Thanksgiving


def test_weekend_holiday_is_observed_on_the_weekday() -> None:
    # 2026-07-04 is a Saturday: observed Friday 2026-07-03
    assert not is_business_day(date(2026, 7, 3), US)
    # 2021-12-25 is a Saturday: observed Friday 2021-12-24; 2022-12-25 is a Sunday: observed Monday 12-26
    assert not is_business_day(date(2021, 12, 24), US)
    assert not is_business_day(date(2022, 12, 26), US)


def test_state_calendars_add_state_holidays() -> None:
    assert is_business_day(date(2024, 11, 29), US)
    assert not is_business_day(date(2024, 11, 29), NC)  # day after Thanksgiving
    assert not is_business_day(date(2024, 12, 24), NC)  # Christmas Eve
    assert not is_business_day(date(2024, 12, 26), NC)  # day after Christmas
    assert not is_business_day(date(2024, 3, 29), NC)  # Good Friday
    assert is_business_day(date(2024, 3, 29), CA)
    assert not is_business_day(date(2026, 3, 31), CA)  # Cesar Chavez Day (Tue)


def test_extra_closures() -> None:
    cal = Calendar.for_jurisdiction("US-NC", [date(2024, 9, 27)])  # e.g. a storm closure (Fri)
    assert not cal.is_business_day(date(2024, 9, 27))
    assert add_days(date(2024, 9, 26), 1, "business", cal) == date(2024, 9, 30)


def test_unknown_jurisdiction_is_rejected() -> None:
    with pytest.raises(ValueError):
        Calendar("XX")


def test_seed003_tar_15_business_days_from_date_of_service() -> None:
    # DOS Mon 2024-06-10 (CA): Juneteenth Wed 06-19 and Independence Day Thu 07-04 are skipped
    assert add_days(date(2024, 6, 10), 15, "business", CA) == date(2024, 7, 2)
    assert business_days_between(date(2024, 6, 10), date(2024, 7, 2), CA) == 15


def test_seed000_28_calendar_day_notice() -> None:
    assert add_days(date(2024, 6, 3), 28, "calendar", NC) == date(2024, 7, 1)
    assert add_days(date(2024, 7, 1), -28, "calendar", NC) == date(2024, 6, 3)


def test_business_zero_and_negative() -> None:
    assert add_days(date(2024, 7, 6), 0, "business", US) == date(2024, 7, 8)  # Sat -> Mon
    assert add_days(date(2024, 7, 8), -1, "business", US) == date(2024, 7, 5)  # Mon -> Fri before
    assert business_days_between(date(2024, 7, 8), date(2024, 7, 5), US) == -1


def test_deadline_checks() -> None:
    due = date(2024, 4, 30)
    assert not is_late(due, due)
    assert is_late(due, date(2024, 5, 1))
    assert days_late(due, date(2024, 5, 6), "business", US) == 4
    assert days_late(due, date(2024, 5, 6), "calendar", US) == 6
    assert days_late(due, date(2024, 4, 1), "calendar", US) == 0


def test_month_and_quarter_helpers() -> None:
    assert last_day_of_month(date(2024, 2, 10)) == date(2024, 2, 29)
    assert last_day_of_month(date(2023, 2, 1)) == date(2023, 2, 28)
    assert last_day_of_month(date(2021, 12, 5)) == date(2021, 12, 31)
    assert quarter_end(date(2022, 2, 15)) == date(2022, 3, 31)
    assert quarter_end(date(2022, 12, 1)) == date(2022, 12, 31)
    assert quarter_start(date(2022, 8, 31)) == date(2022, 7, 1)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 11, 30), 2) == date(2024, 1, 30)


days = st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31))
cals = st.sampled_from([US, NC, CA])


@given(days, st.integers(-60, 60), cals)
def test_property_business_arithmetic_never_lands_on_a_weekend_or_holiday(start, n, cal) -> None:
    result = add_days(start, n, "business", cal)
    assert cal.is_business_day(result)
    assert result.weekday() < 5
    if n > 0:
        assert result > start
        assert business_days_between(start, result, cal) == n
    if n < 0:
        assert result < start


@given(days, st.integers(1, 40), cals)
def test_property_business_days_are_at_least_as_long_as_calendar_days(start, n, cal) -> None:
    assert add_days(start, n, "business", cal) >= add_days(start, n, "calendar", cal)
    # and every day skipped over is a non-business day, except exactly n business days
    end = add_days(start, n, "business", cal)
    between = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(cal.is_business_day(d) for d in between) == n
