"""The engagement cadence's inputs (seed 003 "Engagement Requirements Met") from imported rows: the checks
judge them over a year, suggested findings over a review's period, the same way."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, or_, select

from oversight_db.models.activity import MemberInteraction
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


def counted_interactions(*where: ColumnElement[bool]) -> Select[tuple[str, date, bool]]:
    """The interactions the cadence counts, as (member id as text, date, successful): every outreach or
    contact is an attempt; a contact made (reached, or an appointment kept) is also a successful contact
    (seed 003). Said once, in SQL: a provider has hundreds of thousands of interactions, and only the
    counted ones, three columns each, reach Python."""
    made = MemberInteraction.outcome.in_(("reached", "kept"))
    return select(
        cast(MemberInteraction.member_id, String).label("member_id"),
        MemberInteraction.occurred_on,
        made.label("successful"),
    ).where(*where, or_(MemberInteraction.kind.in_(("outreach", "contact")), made))


def as_interactions(rows: Iterable[Any]) -> list[rules.Interaction]:
    """Rows of ``counted_interactions`` as the rules' interactions."""
    return [rules.Interaction(r.member_id, r.occurred_on, r.successful) for r in rows]
