"""Provider obligation cadences (seed 003): worked examples from the seed's words, and properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from oversight_domain.obligations import (
    ObligationView,
    due_on,
    first_owed,
    load_policy,
    parse_policy,
    reminder_dates,
    view,
)

POLICY = load_policy("ecm")
NARRATIVE = POLICY.kinds["program_narrative"]
PEER = POLICY.kinds["peer_sharing"]


def test_narrative_six_months_after_the_first_member_then_annually() -> None:
    # "six months after first member enrolled and annually thereafter"
    assert [due_on(NARRATIVE, date(2026, 1, 15), n) for n in (1, 2, 3)] == [
        date(2026, 7, 15),
        date(2027, 7, 15),
        date(2028, 7, 15),
    ]
    assert NARRATIVE.review and NARRATIVE.per == "network_link" and "seed 003" in POLICY.source


def test_peer_sharing_every_two_months_for_six_months_then_every_six() -> None:
    # "Every two months for new sites during the first six months ... every six months for existing sites"
    assert [due_on(PEER, date(2026, 3, 1), n) for n in range(1, 7)] == [
        date(2026, 5, 1),
        date(2026, 7, 1),
        date(2026, 9, 1),
        date(2027, 3, 1),
        date(2027, 9, 1),
        date(2028, 3, 1),
    ]
    assert not PEER.review and PEER.per == "site"


def test_month_ends_clamp_without_drifting() -> None:
    assert due_on(NARRATIVE, date(2027, 8, 31), 1) == date(2028, 2, 29)
    assert due_on(NARRATIVE, date(2027, 8, 31), 2) == date(2029, 2, 28)
    assert due_on(PEER, date(2026, 8, 31), 3) == date(2027, 2, 28)
    assert due_on(PEER, date(2026, 8, 31), 4) == date(2027, 8, 31)


def test_a_series_found_late_starts_at_the_first_date_still_ahead() -> None:
    # A site open since 2024-01-01, first seen 2026-03-02: months 2, 4, 6, 12, 18, 24 have passed; month 30.
    assert first_owed(PEER, date(2024, 1, 1), date(2026, 3, 2)) == (7, date(2026, 7, 1))
    assert first_owed(NARRATIVE, date(2026, 1, 15), date(2026, 7, 15)) == (1, date(2026, 7, 15))


def test_reminders_and_overdue_come_from_the_policy() -> None:
    assert reminder_dates(NARRATIVE, date(2026, 7, 15)) == {
        "reminder_30": date(2026, 6, 15),
        "reminder_7": date(2026, 7, 8),
        "due": date(2026, 7, 15),
        "overdue": date(2026, 7, 16),
    }
    assert view("due", date(2026, 7, 15), date(2026, 7, 15)) is ObligationView.DUE
    assert view("due", date(2026, 7, 15), date(2026, 7, 16)) is ObligationView.OVERDUE
    assert view("returned", date(2026, 7, 15), date(2026, 7, 16)) is ObligationView.OVERDUE
    assert view("accepted", date(2026, 7, 15), date(2027, 1, 1)) is ObligationView.ACCEPTED


def test_only_the_last_phase_may_run_for_ever() -> None:
    bad = {
        "program": "ecm",
        "source": "x",
        "kinds": {
            "k": {
                "title": "t",
                "per": "site",
                "anchor": "site_added",
                "cadence": [{"every_months": 2}, {"every_months": 6}],
                "review": False,
            }
        },
    }
    with pytest.raises(ValidationError, match="last phase"):
        parse_policy(bad)


@given(
    anchor=st.dates(min_value=date(1990, 1, 1), max_value=date(2150, 12, 31)),
    n=st.integers(min_value=1, max_value=60),
)
def test_occurrences_move_forward_and_keep_the_anchors_day_where_the_month_has_it(
    anchor: date, n: int
) -> None:
    for kind in (NARRATIVE, PEER):
        first, second = due_on(kind, anchor, n), due_on(kind, anchor, n + 1)
        assert anchor < first < second
        assert first.day == anchor.day or (anchor.day > 28 and first.day < anchor.day)
        assert (second - first) >= timedelta(days=59)


@given(
    anchor=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
)
def test_a_series_starts_at_the_earliest_occurrence_not_yet_past(anchor: date, today: date) -> None:
    found = first_owed(PEER, anchor, today)
    assert found is not None
    sequence, due = found
    assert due >= today and due == due_on(PEER, anchor, sequence)
    assert sequence == 1 or due_on(PEER, anchor, sequence - 1) < today
