"""The engagement cadence's inputs (seed 003 "Engagement Requirements Met") from imported rows: the checks
judge them over a year, suggested findings over a review's period, the same way."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from oversight_domain import compliance as rules


def engaged_members(enrollments: Iterable[Any]) -> list[rules.MemberEngagement]:
    """Enrollment rows (member_id, status, start_date, end_date) as the cadence's members: assigned from the
    start; enrolled from the start too when the member enrolled (or has since disenrolled)."""
    return [
        rules.MemberEngagement(
            str(e.member_id),
            assigned_on=e.start_date,
            enrolled_on=e.start_date if e.status in ("enrolled", "disenrolled") else None,
            ended_on=e.end_date,
        )
        for e in enrollments
    ]


def counted_interactions(interactions: Iterable[Any]) -> list[rules.Interaction]:
    """Interaction rows (member_id, occurred_on, kind, outcome) the cadence counts: outreach and contacts (an
    attempt counts before enrollment), and any interaction that reached the member or was kept."""
    return [
        rules.Interaction(str(i.member_id), i.occurred_on, i.outcome in ("reached", "kept"))
        for i in interactions
        if i.kind in ("outreach", "contact") or i.outcome in ("reached", "kept")
    ]
