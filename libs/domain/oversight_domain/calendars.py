"""Business calendars and clocks.

A :class:`Calendar` is a jurisdiction (``"US"``, ``"US-NC"``, ``"US-CA"``: country and optional
subdivision of the ``holidays`` package) plus configured extra closure dates. Business days are
Monday-Friday that are neither a holiday nor a closure.

Holidays are the ``holidays`` package's default (public) holidays for the country and subdivision,
with its ``observed`` rules on: a holiday falling on a weekend is also observed on the weekday the
package names (e.g. US Independence Day on Saturday 2026-07-04 is observed Friday 2026-07-03; on a
Sunday, the following Monday). Both the actual and the observed date are non-business days. State
subdivisions add their own holidays (NC: Good Friday, the day after Thanksgiving, Christmas Eve and
the day after Christmas; CA: Cesar Chavez Day, the day after Thanksgiving, ...).

Counting. ``add_days(start, n, "business", cal)`` moves ``n`` business days after ``start`` (the start
itself is not counted, so the result is always a business day; ``n = 0`` rolls a non-business
``start`` forward; negative ``n`` counts backwards). ``"calendar"`` adds plain days. A deadline is
met when something arrives on or before its due date (:func:`is_late`).
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

from oversight_domain.types import DayType


@lru_cache(maxsize=256)
def _holidays(country: str, subdiv: str | None, year: int) -> frozenset[date]:
    try:
        table = holidays.country_holidays(country, subdiv=subdiv, years=year, observed=True)
    except NotImplementedError as exc:
        raise ValueError(
            f"unknown jurisdiction {country}-{subdiv}" if subdiv else f"unknown country {country}"
        ) from exc
    return frozenset(table.keys())


@dataclass(frozen=True)
class Calendar:
    jurisdiction: str = "US"
    extra_closures: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        # fail early on an unknown jurisdiction
        _holidays(self.country, self.subdivision, 2000)

    @classmethod
    def for_jurisdiction(cls, jurisdiction: str, extra_closures: Iterable[date] = ()) -> Calendar:
        return cls(jurisdiction, frozenset(extra_closures))

    @property
    def country(self) -> str:
        return self.jurisdiction.split("-", 1)[0]

    @property
    def subdivision(self) -> str | None:
        parts = self.jurisdiction.split("-", 1)
        return parts[1] if len(parts) == 2 else None

    def is_holiday(self, day: date) -> bool:
        return day in _holidays(self.country, self.subdivision, day.year) or day in self.extra_closures

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day)


def is_business_day(day: date, calendar: Calendar) -> bool:
    return calendar.is_business_day(day)


def add_days(start: date, n: int, day_type: DayType, calendar: Calendar) -> date:
    """``n`` calendar or business days after ``start`` (before it when ``n`` < 0); see module doc."""
    if day_type == "calendar":
        return start + timedelta(days=n)
    if day_type != "business":
        raise ValueError(f"unknown day type {day_type!r}")
    day = start
    if n == 0:
        while not calendar.is_business_day(day):
            day += timedelta(days=1)
        return day
    step = timedelta(days=1 if n > 0 else -1)
    remaining = abs(n)
    while remaining:
        day += step
        if calendar.is_business_day(day):
            remaining -= 1
    return day


def business_days_between(start: date, end: date, calendar: Calendar) -> int:
    """Business days in ``(start, end]`` (negative when ``end`` is before ``start``), so that
    ``business_days_between(d, add_days(d, n, "business", cal), cal) == n`` for ``n`` >= 1."""
    if end < start:
        return -business_days_between(end, start, calendar)
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if calendar.is_business_day(day):
            count += 1
    return count


def days_between(start: date, end: date, day_type: DayType, calendar: Calendar) -> int:
    if day_type == "calendar":
        return (end - start).days
    return business_days_between(start, end, calendar)


def is_late(due: date, submitted_on: date) -> bool:
    """A submission is on time when it arrives on or before the due date."""
    return submitted_on > due


def days_late(due: date, submitted_on: date, day_type: DayType, calendar: Calendar) -> int:
    """How many (calendar or business) days after ``due`` the submission came; 0 when on time."""
    if not is_late(due, submitted_on):
        return 0
    return days_between(due, submitted_on, day_type, calendar)


def last_day_of_month(day: date) -> date:
    return day.replace(day=_stdlib_calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
    """Same day-of-month ``months`` later, clamped to the month's last day (Jan 31 + 1 -> Feb 28/29)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = _stdlib_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_end(day: date) -> date:
    """Last day of the calendar quarter containing ``day`` (Mar 31, Jun 30, Sep 30, Dec 31)."""
    return last_day_of_month(date(day.year, 3 * ((day.month - 1) // 3) + 3, 1))
