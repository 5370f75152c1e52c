"""Business calendars and clocks.

A :class:`Calendar` is a jurisdiction (``"US"``, ``"US-NC"``, ``"US-CA"``) plus an organization's own
changes: extra closure dates (``extra_closures``) and days it keeps open although its schedule closes them
(``open_days``). Business days are Monday-Friday that are not closed.

Which days a jurisdiction closes comes from its **published schedule** when the domain ships one for the
year (:func:`published_schedule`: ``policies/business-calendar-us-nc.yaml`` from NC's Office of State
Human Resources, ``policies/business-calendar-us-ca.yaml`` from CalHR, each citing its source and year):
the days State offices close, and only those. The ``holidays`` package is the fallback for the rest: the
federal calendar (``"US"``) and years no schedule covers. Its lists differ from the states' own: it closes
NC on Washington's Birthday and Juneteenth, which NC's schedule does not, and CA on the Friday before a
Saturday holiday, which CalHR does not (a Saturday holiday earns holiday credit, nothing closes). With the
package, holidays follow its ``observed`` rules: a holiday on a weekend is also observed on the weekday it
names, and both dates are non-business days.

Counting. ``add_days(start, n, "business", cal)`` moves ``n`` business days after ``start`` (the start
itself is not counted, so the result is always a business day; ``n = 0`` rolls a non-business
``start`` forward; negative ``n`` counts backwards). ``"calendar"`` adds plain days. A deadline is
met when something arrives on or before its due date (:func:`is_late`).
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

import holidays
import yaml

from oversight_domain.types import DayType

PUBLISHED_JURISDICTIONS = ("US-CA", "US-NC")


@dataclass(frozen=True)
class PublishedYear:
    basis: str  # "published": from the state's published schedule; "derived": from its rules, not checked
    days: Mapping[date, str]  # the days State offices close, and why


@dataclass(frozen=True)
class PublishedSchedule:
    """A state's published holiday schedule, shipped as data with its source."""

    jurisdiction: str
    title: str
    source: str
    source_url: str
    published_year: int
    years: Mapping[int, PublishedYear]

    def closed(self, day: date) -> str | None:
        """Why State offices close on ``day`` (None when open or the year is not covered)."""
        year = self.years.get(day.year)
        return None if year is None else year.days.get(day)


@lru_cache(maxsize=8)
def published_schedule(jurisdiction: str) -> PublishedSchedule | None:
    """The shipped schedule of ``jurisdiction`` (``None`` when the domain ships none)."""
    if jurisdiction not in PUBLISHED_JURISDICTIONS:
        return None
    name = f"business-calendar-{jurisdiction.lower()}.yaml"
    text = resources.files("oversight_domain.policies").joinpath(name).read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    years = {
        int(year): PublishedYear(str(entry["basis"]), {d: str(why) for d, why in entry["days"].items()})
        for year, entry in raw["years"].items()
    }
    return PublishedSchedule(
        raw["jurisdiction"], raw["title"], raw["source"], raw["source_url"], int(raw["published_year"]), years
    )


@lru_cache(maxsize=256)
def _holidays(country: str, subdiv: str | None, year: int) -> frozenset[date]:
    schedule = published_schedule(f"{country}-{subdiv}") if subdiv else None
    if schedule is not None and year in schedule.years:
        return frozenset(schedule.years[year].days)
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
    open_days: frozenset[date] = field(default_factory=frozenset)

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
        if day in self.extra_closures:
            return True
        return day not in self.open_days and day in _holidays(self.country, self.subdivision, day.year)

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
