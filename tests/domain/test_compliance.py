"""Compliance checks from seed 003 (engagement cadence, TAR timeliness MCUP3041, duplication, staleness)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oversight_domain.calendars import Calendar
from oversight_domain.compliance import (
    CareDocument,
    Interaction,
    MemberEngagement,
    ServiceSpan,
    Tar,
    duplicated_services,
    engagement_gaps,
    late_tars,
    stale_documents,
)
from oversight_domain.tools import load_tool

POLICY = load_tool("ecm-partnership").policies.compliance
assert POLICY.engagement and POLICY.tar_timeliness and POLICY.duplication and POLICY.staleness
ENG, TAR, DUP, STALE = POLICY.engagement, POLICY.tar_timeliness, POLICY.duplication, POLICY.staleness
CA = Calendar("US-CA")
D0 = date(2024, 1, 1)


def attempts(member: str, *offsets: int, ok: bool = False) -> list[Interaction]:
    return [Interaction(member, D0 + timedelta(days=o), ok) for o in offsets]


def test_seed003_not_enrolled_members_need_three_attempts_per_30_days() -> None:
    m = MemberEngagement("A", assigned_on=D0)
    its = attempts("A", 0, 10, 20) + attempts("A", 30, 45)  # window 2 has only 2
    gaps = engagement_gaps([m], its, D0, D0 + timedelta(days=59), ENG)
    assert [(g.window_start, g.window_end, g.required, g.found) for g in gaps] == [
        (date(2024, 1, 31), date(2024, 2, 29), 3, 2)
    ]


def test_seed003_enrolled_members_need_one_successful_contact_per_30_days() -> None:
    m = MemberEngagement("B", assigned_on=D0, enrolled_on=D0)
    its = attempts("B", 5, ok=True) + attempts("B", 35, 40, 50)  # window 2: attempts only, no contact
    gaps = engagement_gaps([m], its, D0, D0 + timedelta(days=89), ENG)
    assert [(g.phase, g.window_start, g.found) for g in gaps] == [
        ("enrolled", date(2024, 1, 31), 0),
        ("enrolled", date(2024, 3, 1), 0),
    ]


def test_engagement_phases_switch_at_enrollment_and_partial_windows_are_not_judged() -> None:
    m = MemberEngagement("C", assigned_on=D0, enrolled_on=D0 + timedelta(days=40))
    its = attempts("C", 1, 2, 3) + attempts("C", 45, ok=True)
    gaps = engagement_gaps([m], its, D0, D0 + timedelta(days=80), ENG)
    # not-enrolled: one whole window (days 0-29) met; days 30-39 partial. Enrolled: days 40-69 met.
    assert gaps == []


def test_engagement_windows_align_to_phase_start_inside_the_review_period() -> None:
    m = MemberEngagement("D", assigned_on=date(2023, 12, 1), enrolled_on=date(2023, 12, 1))
    gaps = engagement_gaps([m], [], D0, date(2024, 1, 31), ENG)
    # windows from 2023-12-01: 12-01..12-30 (before period), 12-31..01-29 (starts before period, skipped),
    # first window wholly inside is none -> next starts 01-30 and is partial
    assert gaps == []
    gaps = engagement_gaps([m], [], date(2023, 12, 31), date(2024, 1, 31), ENG)
    assert [(g.window_start, g.window_end) for g in gaps] == [(date(2023, 12, 31), date(2024, 1, 29))]


def test_seed003_tar_within_15_business_days_of_service() -> None:
    dos = date(2024, 6, 10)  # due 2024-07-02 (Juneteenth and July 4 are skipped)
    tars = [
        Tar("on-time", "A", date(2024, 7, 2), service_date=dos),
        Tar("late", "A", date(2024, 7, 3), service_date=dos),
    ]
    late = late_tars(tars, TAR, CA)
    assert [(t.tar_id, t.rule, t.due_on, t.days_late) for t in late] == [
        ("late", "service_date_15_business_days", date(2024, 7, 2), 1)
    ]


def test_seed003_tar_60_calendar_days_after_primary_denial_or_retro_eligibility() -> None:
    dos = date(2024, 1, 2)
    denial = Tar("denial", "A", date(2024, 4, 1), service_date=dos, primary_denial_on=date(2024, 2, 1))
    retro = Tar("retro", "A", date(2024, 4, 2), service_date=dos, retro_eligibility_on=date(2024, 2, 1))
    late = late_tars([denial, retro], TAR, CA)
    # 2024-02-01 + 60 days = 2024-04-01: the denial TAR is on time, the retro one a day late
    assert [(t.tar_id, t.rule, t.due_on) for t in late] == [
        ("retro", "denial_or_retro_60_days", date(2024, 4, 1))
    ]


def test_seed003_renewal_tar_at_least_10_days_before_prior_approval_ends() -> None:
    ends = date(2024, 6, 30)
    ok = Tar("ok", "A", date(2024, 6, 20), kind="renewal", prior_approval_ends_on=ends)
    late = Tar("late", "A", date(2024, 6, 21), kind="renewal", prior_approval_ends_on=ends)
    assert [(t.tar_id, t.rule, t.due_on) for t in late_tars([ok, late], TAR, CA)] == [
        ("late", "renewal_10_days_before_end", date(2024, 6, 20))
    ]
    with pytest.raises(ValueError):
        late_tars([Tar("x", "A", ends, kind="renewal")], TAR, CA)


def test_seed003_duplication_of_ecm_with_listed_programs() -> None:
    spans = [
        ServiceSpan("A", "ECM", date(2024, 1, 1), date(2024, 6, 30)),
        ServiceSpan("A", "MSSP", date(2024, 6, 30), None),  # overlaps on one day
        ServiceSpan("A", "CS", date(2024, 2, 1), date(2024, 3, 1)),  # not a listed duplicate
        ServiceSpan("B", "ECM", date(2024, 1, 1), None),
        ServiceSpan("B", "TCM", date(2023, 1, 1), date(2023, 12, 31)),  # ended before ECM
        ServiceSpan("C", "ECM", date(2024, 3, 1), None),
        ServiceSpan("C", "HCBS_IDD", date(2024, 1, 1), None),
    ]
    out = duplicated_services(spans, DUP)
    assert [(o.member_id, o.program, o.start, o.end) for o in out] == [
        ("A", "MSSP", date(2024, 6, 30), date(2024, 6, 30)),
        ("C", "HCBS_IDD", date(2024, 3, 1), None),
    ]
    assert set(DUP.conflicting_programs) == {"TCM", "CCM", "ALW", "MCWP", "MSSP", "HCBS_IDD"}


def test_stale_or_missing_assessments_and_care_plans() -> None:
    docs = [
        CareDocument("A", "assessment", date(2023, 1, 1)),
        CareDocument("A", "assessment", date(2023, 12, 1)),
        CareDocument("A", "care_plan", date(2022, 12, 1)),
        CareDocument("B", "assessment", date(2024, 5, 1)),
    ]
    out = stale_documents(["A", "B"], docs, date(2024, 6, 1), STALE)
    assert [(s.member_id, s.kind, s.last_completed_on) for s in out] == [
        ("A", "care_plan", date(2022, 12, 1)),
        ("B", "care_plan", None),
    ]
    # exactly at the limit is not stale
    assert (
        stale_documents(
            ["A"],
            [
                CareDocument("A", "assessment", date(2023, 6, 2)),
                CareDocument("A", "care_plan", date(2024, 1, 1)),
            ],
            date(2024, 6, 1),
            STALE,
        )
        == []
    )


@given(
    st.lists(st.tuples(st.integers(-40, 200), st.booleans()), max_size=40),
    st.integers(0, 60),
    st.one_of(st.none(), st.integers(0, 120)),
)
def test_each_gap_counts_what_a_scan_of_the_members_interactions_counts(
    seen: list[tuple[int, bool]], enrolled_after: int, ended_after: int | None
) -> None:
    """Windows are counted by bisection over sorted dates; a plain scan of every interaction must agree on
    every window reported."""
    enrolled_on = D0 + timedelta(days=enrolled_after)
    ended_on = None if ended_after is None else enrolled_on + timedelta(days=ended_after)
    m = MemberEngagement("A", assigned_on=D0, enrolled_on=enrolled_on, ended_on=ended_on)
    its = [Interaction("A", D0 + timedelta(days=o), ok) for o, ok in seen]
    period_end = D0 + timedelta(days=180)
    for gap in engagement_gaps([m], its, D0, period_end, ENG):
        scanned = sum(
            1
            for it in its
            if gap.window_start <= it.on <= gap.window_end and (gap.phase == "not_enrolled" or it.successful)
        )
        assert gap.found == scanned < gap.required
