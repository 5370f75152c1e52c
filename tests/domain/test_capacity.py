"""Capacity Building (seed 001): Table 1 milestones, Table 2 deadlines, milestone status."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from oversight_domain.capacity import (
    MILESTONES,
    CapacityError,
    MilestoneStatus,
    MilestoneTarget,
    ProgressReport,
    ReminderSpec,
    generate_schedule,
    load_program,
    milestone_status,
    parse_program,
    reminder_dates,
)

NC = load_program("nc-tcm-capacity-building")


def test_seed001_table1_has_milestones_1_to_6() -> None:
    assert [m.number for m in MILESTONES] == [1, 2, 3, 4, 5, 6]
    assert MILESTONES[0].text.startswith("Submission of a detailed distribution plan")
    assert MILESTONES[3].text == "Hiring new care managers and supervisors at AMH+s and CMAs"


def test_seed001_table2_distribution_plan_and_quarterly_reports_exactly() -> None:
    sched = generate_schedule(NC)
    assert [r.due_on for r in sched.of_kind("distribution_plan")] == [date(2021, 11, 30)]
    quarters = [(r.period_start, r.period_end, r.due_on) for r in sched.of_kind("quarterly")]
    assert quarters == [
        (date(2022, 1, 1), date(2022, 3, 31), date(2022, 4, 30)),
        (date(2022, 4, 1), date(2022, 6, 30), date(2022, 7, 30)),
        (date(2022, 7, 1), date(2022, 9, 30), date(2022, 10, 30)),
        (date(2022, 10, 1), date(2022, 12, 31), date(2023, 1, 30)),
        (date(2023, 1, 1), date(2023, 3, 31), date(2023, 4, 30)),
        (date(2023, 4, 1), date(2023, 6, 30), date(2023, 7, 30)),
    ]
    assert [r.label for r in sched.of_kind("quarterly")] == [
        "2022-Q1",
        "2022-Q2",
        "2022-Q3",
        "2022-Q4",
        "2023-Q1",
        "2023-Q2",
    ]


def test_seed001_table2_monthly_reports_due_last_day_of_each_month_from_december_2021() -> None:
    monthly = generate_schedule(NC).of_kind("monthly")
    assert monthly[0].label == "2021-12" and monthly[0].due_on == date(2021, 12, 31)
    assert monthly[2].due_on == date(2022, 2, 28)
    assert monthly[-1].label == "2023-06" and monthly[-1].due_on == date(2023, 6, 30)
    assert len(monthly) == 19
    assert all(r.due_on == r.period_end for r in monthly)


def test_schedule_is_in_due_date_order() -> None:
    dues = [r.due_on for r in generate_schedule(NC).reports]
    assert dues == sorted(dues)


def _spec(**quarterly: Any) -> dict[str, Any]:
    return {
        "key": "x",
        "title": "x",
        "quarterly": {"due_rule": {"kind": "days_after_end", "days": 30}, **quarterly},
    }


def test_due_rules_as_data() -> None:
    sched = generate_schedule(_spec(first_start="2022-10-01", last_end="2022-12-31"))
    assert sched.quarter(1).due_on == date(2023, 1, 30)  # +30 calendar days happens to match here
    sched = generate_schedule(_spec(first_start="2023-01-01", last_end="2023-03-31"))
    assert sched.quarter(1).due_on == date(2023, 4, 30)
    feb = {
        "key": "x",
        "title": "x",
        "quarterly": {
            "periods": [{"start": "2023-01-01", "end": "2023-01-31"}],
            "due_rule": {"kind": "day_of_following_month", "day": 30, "months_after": 1},
        },
    }
    assert generate_schedule(feb).quarter(1).due_on == date(2023, 2, 28)  # clamped
    biz = _spec(first_start="2024-04-01", last_end="2024-06-30")
    biz["quarterly"]["due_rule"] = {"kind": "days_after_end", "days": 4, "day_type": "business"}
    assert generate_schedule(biz).quarter(1).due_on == date(2024, 7, 5)  # skips Jul 4 (NC calendar)


@pytest.mark.parametrize(
    ("periods", "message"),
    [
        ([("2022-01-01", "2022-03-31"), ("2022-03-15", "2022-06-30")], "overlaps"),
        ([("2022-01-01", "2022-03-31"), ("2022-04-02", "2022-06-30")], "not contiguous"),
        ([("2022-03-31", "2022-01-01")], "before it starts"),
    ],
)
def test_invalid_periods_raise_a_clear_error(periods: list[tuple[str, str]], message: str) -> None:
    spec = _spec(periods=[{"start": s, "end": e} for s, e in periods])
    with pytest.raises(CapacityError, match=message) as info:
        generate_schedule(spec)
    assert info.value.errors[0]["path"].startswith("quarterly.periods[")


def test_generated_periods_must_be_whole_quarters() -> None:
    with pytest.raises(CapacityError, match="whole number"):
        generate_schedule(_spec(first_start="2022-01-01", last_end="2022-04-30"))
    with pytest.raises(CapacityError, match="first day"):
        generate_schedule(_spec(first_start="2022-01-02", last_end="2022-03-31"))


def test_milestone_status_met_when_reported_reaches_target() -> None:
    sched = generate_schedule(NC)
    targets = [
        MilestoneTarget(4, 1, 20),  # hire 20 care managers in 2022-Q1
        MilestoneTarget(4, 2, 35),
        MilestoneTarget(5, 1, Decimal("0.75")),
        MilestoneTarget(3, 2, 5),
    ]
    progress = [ProgressReport(4, 1, 20), ProgressReport(4, 2, 30), ProgressReport(5, 1, Decimal("0.70"))]
    status = {
        (s.milestone, s.period_index): s.status
        for s in milestone_status(sched, targets, progress, date(2022, 5, 2))
    }
    assert status == {(3, 2): "pending", (4, 1): "met", (4, 2): "in_progress", (5, 1): "not_met"}
    later = {
        (s.milestone, s.period_index): s.status
        for s in milestone_status(sched, targets, progress, date(2022, 8, 1))
    }
    assert later[(3, 2)] == "not_reported" and later[(4, 2)] == "not_met"
    # on the due date itself the quarter is not yet over
    on_due = milestone_status(sched, targets, progress, date(2022, 7, 30))
    assert {(s.milestone, s.period_index): s.status for s in on_due}[(3, 2)] == "pending"


def test_negative_targets_and_unknown_milestones_raise() -> None:
    sched = generate_schedule(NC)
    with pytest.raises(CapacityError, match="must be >= 0"):
        milestone_status(sched, [MilestoneTarget(4, 1, -1)], [], date(2022, 1, 1))
    with pytest.raises(CapacityError, match="no milestone 7"):
        milestone_status(sched, [MilestoneTarget(7, 1, 1)], [], date(2022, 1, 1))
    with pytest.raises(CapacityError, match="no quarter 9"):
        milestone_status(sched, [MilestoneTarget(4, 9, 1)], [], date(2022, 1, 1))
    with pytest.raises(CapacityError, match="must be >= 0"):
        milestone_status(sched, [MilestoneTarget(4, 1, 1)], [ProgressReport(4, 1, -2)], date(2022, 1, 1))


def test_reminder_offsets_are_program_data_defaulting_to_issue7_14_7_1_and_overdue_the_day_after() -> None:
    # The NC program ships them (issue 7; seed 001 gives only the Table 2 due dates).
    assert NC.reminders.days_before == (14, 7, 1) and NC.reminders.overdue_days_after == 1
    assert ReminderSpec() == NC.reminders
    assert reminder_dates(date(2022, 4, 30), NC.reminders) == {
        "reminder_14": date(2022, 4, 16),
        "reminder_7": date(2022, 4, 23),
        "reminder_1": date(2022, 4, 29),
        "overdue": date(2022, 5, 1),
    }
    # A program without a reminders section takes the defaults; one with its own uses them.
    data = NC.model_dump(mode="json")
    del data["reminders"]
    assert parse_program(data).reminders == ReminderSpec()
    own = parse_program(data | {"reminders": {"days_before": [3, 10], "overdue_days_after": 2}})
    assert reminder_dates(date(2022, 4, 30), own.reminders) == {
        "reminder_10": date(2022, 4, 20),
        "reminder_3": date(2022, 4, 27),
        "overdue": date(2022, 5, 2),
    }


@pytest.mark.parametrize(
    ("reminders", "path"),
    [
        ({"days_before": [7, 0]}, "reminders.days_before"),
        ({"days_before": [7, 7]}, "reminders.days_before"),
        ({"days_before": [-1]}, "reminders.days_before"),
        ({"overdue_days_after": 0}, "reminders.overdue_days_after"),
        ({"every": "week"}, "reminders.every"),
    ],
)
def test_bad_reminder_offsets_are_refused_with_their_path(reminders: dict[str, Any], path: str) -> None:
    data = NC.model_dump(mode="json") | {"reminders": reminders}
    with pytest.raises(CapacityError) as exc:
        parse_program(data)
    assert [e["path"] for e in exc.value.errors] == [path]


def _errors(spec: dict[str, Any]) -> list[dict[str, str]]:
    with pytest.raises(CapacityError) as info:
        generate_schedule(spec)
    return info.value.errors


def test_explicit_period_errors_are_listed_in_order_with_their_paths() -> None:
    spec = _spec(
        first_start="2022-01-01",
        periods=[
            {"start": "2022-01-01", "end": "2022-03-31"},
            {"start": "2022-03-15", "end": "2022-03-01"},
            {"start": "2022-04-05", "end": "2022-06-30"},
        ],
    )
    assert _errors(spec) == [
        {"path": "quarterly", "message": "give either periods or first_start/last_end"},
        {"path": "quarterly.periods[1]", "message": "ends (2022-03-01) before it starts (2022-03-15)"},
        {"path": "quarterly.periods[1]", "message": "overlaps the previous period (ends 2022-03-31)"},
        {
            "path": "quarterly.periods[2]",
            "message": "is not contiguous: starts 2022-04-05, previous period ends 2022-03-01",
        },
    ]
    assert _errors(_spec(periods=[])) == [
        {"path": "quarterly.periods", "message": "at least one period is required"}
    ]


def test_generated_period_errors_are_listed_in_order_with_their_paths() -> None:
    assert _errors(_spec(first_start="2022-01-02", last_end="2022-05-30")) == [
        {"path": "quarterly.first_start", "message": "must be the first day of a month"},
        {"path": "quarterly.last_end", "message": "must be the last day of a month"},
        {
            "path": "quarterly",
            "message": "5 months from first_start to last_end is not a whole number of 3-month periods",
        },
    ]
    assert _errors(_spec(first_start="2022-04-01", last_end="2022-03-31")) == [
        {
            "path": "quarterly",
            "message": "0 months from first_start to last_end is not a whole number of 3-month periods",
        }
    ]
    assert _errors(_spec(first_start="2022-01-01")) == [
        {"path": "quarterly", "message": "first_start and last_end are required"}
    ]
    monthly = generate_schedule(_spec(first_start="2022-01-01", last_end="2022-06-30", months_per_period=1))
    assert [(r.period_start, r.period_end) for r in monthly.of_kind("quarterly")] == [
        (date(2022, m, 1), date(2022, m, d))
        for m, d in [(1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30)]
    ]


def test_milestone_status_errors_are_listed_in_order_with_their_paths() -> None:
    sched = generate_schedule(NC)
    targets = [
        MilestoneTarget(7, 1, -1),
        MilestoneTarget(4, 9, 1),
        MilestoneTarget(4, 9, 2),
        MilestoneTarget(2, 8, 1),
    ]
    progress = [ProgressReport(4, 1, -2), ProgressReport(4, 1, 1)]
    with pytest.raises(CapacityError) as info:
        milestone_status(sched, targets, progress, date(2022, 1, 1))
    assert info.value.errors == [
        {"path": "targets[0].milestone", "message": "no milestone 7 (1-6)"},
        {"path": "targets[0].target", "message": "must be >= 0, got -1"},
        {"path": "targets[2]", "message": "duplicate target for this milestone and quarter"},
        {"path": "progress[0].reported", "message": "must be >= 0, got -2"},
        {"path": "progress[1]", "message": "duplicate progress for this milestone and quarter"},
        {"path": "targets", "message": "milestone 4: no quarter 9 in the schedule"},
        {"path": "targets", "message": "milestone 2: no quarter 8 in the schedule"},
    ]


def test_milestone_status_rows_are_sorted_and_a_repeated_target_keeps_the_last() -> None:
    sched = generate_schedule(NC)
    rows = milestone_status(
        sched,
        iter([MilestoneTarget(5, 2, 3), MilestoneTarget(4, 1, 20)]),
        iter([ProgressReport(4, 1, 25), ProgressReport(6, 6, 1)]),
        date(2022, 5, 2),
    )
    q1 = sched.quarter(1)
    assert rows[0] == MilestoneStatus(4, 1, q1.label, q1.due_on, 20, 25, "met")
    assert [(r.milestone, r.period_index, r.status) for r in rows] == [(4, 1, "met"), (5, 2, "pending")]
