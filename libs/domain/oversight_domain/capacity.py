"""NC Tailored Care Management Capacity Building program (seed 001).

* :data:`MILESTONES`: Table 1, milestones 1-6.
* :func:`generate_schedule`: report deadlines from program data. Seed 001 Table 2 for the NC program
  (shipped as ``programs/nc-tcm-capacity-building.yaml``, :func:`load_program`): the distribution plan
  due 2021-11-30; six quarterly reports for 2022-01-01..2023-06-30, each due the 30th of the month
  after the quarter (2022-04-30, 2022-07-30, 2022-10-30, 2023-01-30, 2023-04-30, 2023-07-30); monthly
  reports due the last day of each month from December 2021 (through June 2023, the last quarter's
  final month, unless the spec says otherwise).
* :func:`milestone_status`: ``met`` when the reported progress reaches the quarter's target.
* :func:`reminder_dates`: when a report's reminders fire, from the program's ``reminders`` data.

Due rules are data:
``{"kind": "day_of_following_month", "day": 30, "months_after": 1}`` - that day of the month
``months_after`` months after the period's end month (clamped to the month's last day, so day 30 in
February is Feb 28/29); ``{"kind": "last_day_of_month", "months_after": 0}``; and
``{"kind": "days_after_end", "days": 30, "day_type": "calendar"}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from oversight_domain.calendars import Calendar, add_days, add_months, last_day_of_month
from oversight_domain.tools.models import errors_from_pydantic
from oversight_domain.types import DayType


class CapacityError(ValueError):
    """Invalid program data, periods, targets or progress. ``errors`` lists ``{"path", "message"}``."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{e['path'] or '<program>'}: {e['message']}" for e in errors))


@dataclass(frozen=True, slots=True)
class Milestone:
    number: int
    text: str


MILESTONES: tuple[Milestone, ...] = (
    Milestone(
        1,
        "Submission of a detailed distribution plan that specifies the Tailored Plan's approach (including "
        "quarterly targets) and proposed budget for meeting the remaining capacity building milestones, for "
        "DHHS approval.",
    ),
    Milestone(
        2,
        "Submission of a Tailored Care Management training curriculum and conducting trainings for care "
        "managers employed by Tailored Plan awardee and contracted AMH+s and CMAs",
    ),
    Milestone(
        3, "Purchase or upgrades of care management related HIT infrastructure and systems for AMH+s/CMAs"
    ),
    Milestone(4, "Hiring new care managers and supervisors at AMH+s and CMAs"),
    Milestone(
        5, "Completing Tailored Care Management training for AMH+ and CMA care managers and supervisors"
    ),
    Milestone(
        6,
        "AMH+s/CMAs meeting other competencies linked to operationalizing Tailored Care Management (e.g., "
        "development of policies and procedures and education and outreach to members on the Tailored Care "
        "Management outreach)",
    ),
)
"""Seed 001 Table 1. Milestones may be met in any order unless the distribution plan says otherwise."""


# --------------------------------------------------------------------------- program data


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# Bounds on the numbers that drive the schedule's loops: every period and month is a report, and a due date in
# business days is counted one calendar day at a time (2,000,000 business days took 11.8 s; 10**12 overflowed
# the date type). Far above Table 2 (seed 001: 6 quarters, 19 months, due 30 days or a month after).
MAX_DUE_DAYS = 180
"""Days from a period's end to its report's due date."""
MAX_DUE_MONTHS_AFTER = 12
"""Months from a period's end month to its report's due month."""
MAX_PERIODS = 60
"""Quarterly (or other) performance periods in a program: 15 years of quarters."""
MAX_MONTHLY_REPORTS = 60
"""Monthly reports in a program: five years."""
MAX_MONTHS_PER_PERIOD = 12


class DayOfFollowingMonth(_Model):
    kind: Literal["day_of_following_month"]
    day: int = Field(ge=1, le=31)
    months_after: int = Field(default=1, ge=0, le=MAX_DUE_MONTHS_AFTER)


class LastDayOfMonth(_Model):
    kind: Literal["last_day_of_month"]
    months_after: int = Field(default=0, ge=0, le=MAX_DUE_MONTHS_AFTER)


class DaysAfterEnd(_Model):
    kind: Literal["days_after_end"]
    days: int = Field(ge=0, le=MAX_DUE_DAYS)
    day_type: DayType = "calendar"


DueRule = Annotated[DayOfFollowingMonth | LastDayOfMonth | DaysAfterEnd, Field(discriminator="kind")]


class PeriodSpec(_Model):
    start: date
    end: date


class QuarterlySpec(_Model):
    """Either generated periods (``first_start``, ``last_end``, ``months_per_period``) or explicit
    ``periods``; the periods must be contiguous and must not overlap."""

    first_start: date | None = None
    last_end: date | None = None
    months_per_period: int = Field(default=3, ge=1, le=MAX_MONTHS_PER_PERIOD)
    periods: tuple[PeriodSpec, ...] | None = Field(default=None, max_length=MAX_PERIODS)
    due_rule: DueRule


class MonthlySpec(_Model):
    first_month: date
    last_month: date | None = None
    """Default: the month of the last quarterly period's end."""
    due_rule: DueRule


class ReminderSpec(_Model):
    """When a report's reminders fire, in calendar days from its due date. Seed 001 gives only the due dates
    (Table 2); the defaults are issue 7's: 14, 7 and 1 days before each due date and an overdue notice the
    day after."""

    days_before: tuple[int, ...] = Field(default=(14, 7, 1), max_length=10)
    overdue_days_after: int = Field(default=1, ge=1, le=90)

    @field_validator("days_before")
    @classmethod
    def _distinct_and_positive(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(n < 1 or n > 365 for n in value):
            raise ValueError("each must be 1-365 days before the due date")
        if len(set(value)) != len(value):
            raise ValueError("must not repeat a day")
        return tuple(sorted(value, reverse=True))


class ProgramSpec(_Model):
    key: str
    title: str
    jurisdiction: str = "US-NC"
    source: str = ""
    distribution_plan_due_on: date | None = None
    quarterly: QuarterlySpec
    monthly: MonthlySpec | None = None
    reminders: ReminderSpec = ReminderSpec()


def reminder_dates(due_on: date, reminders: ReminderSpec) -> dict[str, date]:
    """Reminder kind (``reminder_14`` ... ``overdue``) -> the day it fires, earliest first."""
    out = {f"reminder_{n}": due_on - timedelta(days=n) for n in reminders.days_before}
    out["overdue"] = due_on + timedelta(days=reminders.overdue_days_after)
    return out


ReportKind = Literal["distribution_plan", "quarterly", "monthly"]


@dataclass(frozen=True, slots=True)
class ScheduledReport:
    kind: ReportKind
    label: str
    due_on: date
    period_start: date | None = None
    period_end: date | None = None
    period_index: int | None = None
    """1-based index among reports of the same kind."""


@dataclass(frozen=True, slots=True)
class Schedule:
    program_key: str
    reports: tuple[ScheduledReport, ...]

    def of_kind(self, kind: ReportKind) -> tuple[ScheduledReport, ...]:
        return tuple(r for r in self.reports if r.kind == kind)

    def quarter(self, index: int) -> ScheduledReport:
        for r in self.reports:
            if r.kind == "quarterly" and r.period_index == index:
                return r
        raise KeyError(index)


def parse_program(data: Mapping[str, Any]) -> ProgramSpec:
    try:
        return ProgramSpec.model_validate(dict(data))
    except ValidationError as exc:
        raise CapacityError(errors_from_pydantic(list(exc.errors()))) from exc


@cache
def load_program(key: str) -> ProgramSpec:
    """A shipped program spec (``nc-tcm-capacity-building``)."""
    try:
        text = (
            resources.files("oversight_domain.programs").joinpath(f"{key}.yaml").read_text(encoding="utf-8")
        )
    except FileNotFoundError as exc:
        raise KeyError(f"no shipped program {key!r}") from exc
    return parse_program(yaml.safe_load(text))


# --------------------------------------------------------------------------- schedule


def due_date(
    rule: DayOfFollowingMonth | LastDayOfMonth | DaysAfterEnd, period_end: date, calendar: Calendar
) -> date:
    if isinstance(rule, DayOfFollowingMonth):
        month = add_months(period_end.replace(day=1), rule.months_after)
        return month.replace(day=min(rule.day, last_day_of_month(month).day))
    if isinstance(rule, LastDayOfMonth):
        return last_day_of_month(add_months(period_end.replace(day=1), rule.months_after))
    return add_days(period_end, rule.days, rule.day_type, calendar)


def _due_date_in_range(
    rule: DayOfFollowingMonth | LastDayOfMonth | DaysAfterEnd, period_end: date, calendar: Calendar, path: str
) -> date:
    """:func:`due_date`, refusing a due date past the last date Python represents (9999-12-31)."""
    try:
        return due_date(rule, period_end, calendar)
    except (OverflowError, ValueError):  # date + timedelta overflows; date(10000, ...) is a ValueError
        raise CapacityError([{"path": path, "message": "the due date falls after 9999-12-31"}]) from None


def _quarter_label(start: date, end: date, index: int) -> str:
    if start.day == 1 and start.month % 3 == 1 and end == last_day_of_month(add_months(start, 2)):
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"P{index}"


def _generation_errors(first_start: date, last_end: date, months_per_period: int) -> list[dict[str, str]]:
    """Problems with generated periods' bounds: month-aligned and a whole number of periods."""
    errors: list[dict[str, str]] = []
    if first_start.day != 1:
        errors.append({"path": "quarterly.first_start", "message": "must be the first day of a month"})
    if last_end != last_day_of_month(last_end):
        errors.append({"path": "quarterly.last_end", "message": "must be the last day of a month"})
    months = (last_end.year - first_start.year) * 12 + last_end.month - first_start.month + 1
    if months <= 0 or months % months_per_period:
        errors.append(
            {
                "path": "quarterly",
                "message": f"{months} months from first_start to last_end is not a whole number of "
                f"{months_per_period}-month periods",
            }
        )
    elif months // months_per_period > MAX_PERIODS:
        errors.append(
            {"path": "quarterly", "message": f"{months // months_per_period} periods; at most {MAX_PERIODS}"}
        )
    return errors


def _periods_between(first_start: date, last_end: date, months_per_period: int) -> list[tuple[date, date]]:
    """Consecutive ``months_per_period``-month periods from ``first_start`` through ``last_end``."""
    periods = []
    start = first_start
    while start <= last_end:
        end = last_day_of_month(add_months(start, months_per_period - 1))
        periods.append((start, end))
        if end >= last_end:  # no next start computed: after 9999-12-31 there is none
            break
        start = end + timedelta(days=1)
    return periods


def _generated_periods(spec: QuarterlySpec) -> list[tuple[date, date]]:
    """The periods from ``first_start``/``last_end``; raises :class:`CapacityError` if they are unusable."""
    if spec.first_start is None or spec.last_end is None:
        raise CapacityError([{"path": "quarterly", "message": "first_start and last_end are required"}])
    errors = _generation_errors(spec.first_start, spec.last_end, spec.months_per_period)
    if errors:
        raise CapacityError(errors)
    return _periods_between(spec.first_start, spec.last_end, spec.months_per_period)


def _period_errors(i: int, start: date, end: date, prev_end: date | None) -> list[dict[str, str]]:
    """Problems with period ``i``: it ends before it starts, or it overlaps or leaves a gap after the previous."""
    path = f"quarterly.periods[{i}]"
    errors: list[dict[str, str]] = []
    if end < start:
        errors.append({"path": path, "message": f"ends ({end}) before it starts ({start})"})
    if prev_end is None:
        return errors
    if start <= prev_end:
        errors.append({"path": path, "message": f"overlaps the previous period (ends {prev_end})"})
    elif start != prev_end + timedelta(days=1):
        errors.append(
            {"path": path, "message": f"is not contiguous: starts {start}, previous period ends {prev_end}"}
        )
    return errors


def _sequence_errors(periods: list[tuple[date, date]]) -> list[dict[str, str]]:
    """Problems with the periods as a whole: none at all, or any period out of order, overlapping or gapped."""
    errors: list[dict[str, str]] = []
    if not periods:
        errors.append({"path": "quarterly.periods", "message": "at least one period is required"})
    for i, (start, end) in enumerate(periods):
        errors += _period_errors(i, start, end, periods[i - 1][1] if i else None)
    return errors


def quarterly_periods(spec: QuarterlySpec) -> list[tuple[date, date]]:
    """The performance periods, validated: each ``start <= end``, in order, contiguous, no overlap."""
    errors: list[dict[str, str]] = []
    if spec.periods is not None:
        if spec.first_start is not None or spec.last_end is not None:
            errors.append({"path": "quarterly", "message": "give either periods or first_start/last_end"})
        periods = [(p.start, p.end) for p in spec.periods]
    else:
        periods = _generated_periods(spec)
    errors += _sequence_errors(periods)
    if errors:
        raise CapacityError(errors)
    return periods


def generate_schedule(spec: ProgramSpec | Mapping[str, Any], calendar: Calendar | None = None) -> Schedule:
    """Every report of the program with its due date, in due-date order (distribution plan first)."""
    program = spec if isinstance(spec, ProgramSpec) else parse_program(spec)
    cal = calendar or Calendar(program.jurisdiction)
    reports: list[ScheduledReport] = []
    if program.distribution_plan_due_on is not None:
        reports.append(
            ScheduledReport(
                "distribution_plan", "Initial Distribution Plan", program.distribution_plan_due_on
            )
        )
    periods = quarterly_periods(program.quarterly)
    for i, (start, end) in enumerate(periods, start=1):
        reports.append(
            ScheduledReport(
                "quarterly",
                _quarter_label(start, end, i),
                _due_date_in_range(program.quarterly.due_rule, end, cal, "quarterly.due_rule"),
                start,
                end,
                i,
            )
        )
    if program.monthly is not None:
        m = program.monthly
        if m.first_month.day != 1:
            raise CapacityError(
                [{"path": "monthly.first_month", "message": "must be the first day of a month"}]
            )
        last = (m.last_month or periods[-1][1]).replace(day=1)
        if last < m.first_month:
            raise CapacityError([{"path": "monthly.last_month", "message": "is before first_month"}])
        count = (last.year - m.first_month.year) * 12 + last.month - m.first_month.month + 1
        if count > MAX_MONTHLY_REPORTS:
            raise CapacityError(
                [{"path": "monthly", "message": f"{count} monthly reports; at most {MAX_MONTHLY_REPORTS}"}]
            )
        month, i = m.first_month, 1
        while month <= last:
            end = last_day_of_month(month)
            due_on = _due_date_in_range(m.due_rule, end, cal, "monthly.due_rule")
            reports.append(ScheduledReport("monthly", f"{month:%Y-%m}", due_on, month, end, i))
            month, i = add_months(month, 1), i + 1
    order = {"distribution_plan": 0, "quarterly": 1, "monthly": 2}
    reports.sort(key=lambda r: (r.due_on, order[r.kind]))
    return Schedule(program.key, tuple(reports))


# --------------------------------------------------------------------------- milestone status

Number = int | Decimal


@dataclass(frozen=True, slots=True)
class MilestoneTarget:
    milestone: int
    period_index: int
    target: Number


@dataclass(frozen=True, slots=True)
class ProgressReport:
    milestone: int
    period_index: int
    reported: Number


MilestoneState = Literal["met", "not_met", "in_progress", "pending", "not_reported"]


@dataclass(frozen=True, slots=True)
class MilestoneStatus:
    milestone: int
    period_index: int
    label: str
    due_on: date
    target: Number
    reported: Number | None
    status: MilestoneState


def _targets_by_key(
    targets: Iterable[MilestoneTarget],
) -> tuple[dict[tuple[int, int], Number], list[dict[str, str]]]:
    """Each target by (milestone, quarter), the last one winning, and the problems with the targets."""
    known = {m.number for m in MILESTONES}
    errors: list[dict[str, str]] = []
    wanted: dict[tuple[int, int], Number] = {}
    for i, t in enumerate(targets):
        path = f"targets[{i}]"
        if t.milestone not in known:
            errors.append({"path": f"{path}.milestone", "message": f"no milestone {t.milestone} (1-6)"})
        if t.target < 0:
            errors.append({"path": f"{path}.target", "message": f"must be >= 0, got {t.target}"})
        if (t.milestone, t.period_index) in wanted:
            errors.append({"path": path, "message": "duplicate target for this milestone and quarter"})
        wanted[(t.milestone, t.period_index)] = t.target
    return wanted, errors


def _progress_by_key(
    progress: Iterable[ProgressReport],
) -> tuple[dict[tuple[int, int], Number], list[dict[str, str]]]:
    """Each reported figure by (milestone, quarter), the last one winning, and the problems with them."""
    errors: list[dict[str, str]] = []
    got: dict[tuple[int, int], Number] = {}
    for i, p in enumerate(progress):
        path = f"progress[{i}]"
        if p.reported < 0:
            errors.append({"path": f"{path}.reported", "message": f"must be >= 0, got {p.reported}"})
        if (p.milestone, p.period_index) in got:
            errors.append({"path": path, "message": "duplicate progress for this milestone and quarter"})
        got[(p.milestone, p.period_index)] = p.reported
    return got, errors


def _unknown_quarter_errors(
    wanted: Mapping[tuple[int, int], Number], quarters: Mapping[int | None, ScheduledReport]
) -> list[dict[str, str]]:
    """One error per targeted (milestone, quarter) whose quarter is not in the schedule."""
    return [
        {"path": "targets", "message": f"milestone {milestone}: no quarter {index} in the schedule"}
        for milestone, index in wanted
        if index not in quarters
    ]


def _state(target: Number, reported: Number | None, due_on: date, as_of: date) -> MilestoneState:
    """``met``; else ``in_progress``/``pending`` until the report is due, ``not_met``/``not_reported`` after."""
    if reported is not None and reported >= target:
        return "met"
    if as_of > due_on:
        return "not_reported" if reported is None else "not_met"
    return "pending" if reported is None else "in_progress"


def milestone_status(
    schedule: Schedule,
    targets: Iterable[MilestoneTarget],
    progress: Iterable[ProgressReport],
    as_of: date,
) -> list[MilestoneStatus]:
    """Status of each (milestone, quarter) target as of a date.

    ``met``: reported >= target. Otherwise, before the quarter's report is due: ``in_progress`` (some
    progress reported) or ``pending`` (none); after it: ``not_met`` or ``not_reported``. Targets and
    progress must be >= 0, name milestones 1-6 and quarters of the schedule, and not repeat.
    """
    wanted, target_errors = _targets_by_key(targets)
    got, progress_errors = _progress_by_key(progress)
    quarters = {r.period_index: r for r in schedule.of_kind("quarterly")}
    errors = target_errors + progress_errors + _unknown_quarter_errors(wanted, quarters)
    if errors:
        raise CapacityError(errors)
    out: list[MilestoneStatus] = []
    for (milestone, index), target in sorted(wanted.items()):
        report = quarters[index]
        reported = got.get((milestone, index))
        status = _state(target, reported, report.due_on, as_of)
        out.append(MilestoneStatus(milestone, index, report.label, report.due_on, target, reported, status))
    return out
