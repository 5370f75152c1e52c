"""Review reminders: a deadline some days before a scheduled review (the tool's notice policy says how many:
7 in the shipped tools); the sweep turns it into a notice.

The reviews service schedules (and on a new date, re-schedules) the reminder; cancelling a review cancels
it. The handler re-reads the review, so a reminder for a review that moved, started or was cancelled
sends nothing, and its ``dedupe_key`` (review and date) makes a re-run send nothing twice. The worker's
sweep calls the handler: this module is in its ``HANDLER_MODULES``.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.deadlines import cancel_deadlines, deadline_handler, schedule_deadline
from oversight_db.models.deadlines import Deadline
from oversight_db.models.reviews import Review
from oversight_db.outbox import add_notice

SUBJECT_TYPE = "review"
KIND = "review_reminder"


async def schedule_review_reminder(
    session: AsyncSession, review: Review, today: date, days_before: int | None
) -> None:
    """(Re)schedule the reminder for the review's current date; none when the tool sends none or the day
    has already come."""
    await cancel_deadlines(session, SUBJECT_TYPE, review.id, [KIND])
    if days_before is None:
        return
    due_on = review.scheduled_for - timedelta(days=days_before)
    if due_on <= today:
        return
    # Moving a review back to a date it had before revives that date's cancelled reminder.
    await schedule_deadline(
        session,
        organization_id=review.plan_id,
        subject_type=SUBJECT_TYPE,
        subject_id=review.id,
        kind=KIND,
        due_on=due_on,
    )


async def cancel_review_reminder(session: AsyncSession, review_id: uuid.UUID) -> None:
    await cancel_deadlines(session, SUBJECT_TYPE, review_id, [KIND])


@deadline_handler(SUBJECT_TYPE)
async def on_review_deadline(session: AsyncSession, deadline: Deadline, today: date) -> None:
    if deadline.kind != KIND:
        return
    review = await session.scalar(select(Review).where(Review.id == deadline.subject_id))
    if review is None or review.status != "scheduled" or review.scheduled_for < today:
        return
    await add_notice(
        session,
        kind=KIND,
        recipient_organization_id=review.provider_id,
        subject_type=SUBJECT_TYPE,
        subject_id=review.id,
        data={
            "review_id": str(review.id),
            "plan_id": str(review.plan_id),
            "provider_id": str(review.provider_id),
            "scheduled_for": review.scheduled_for.isoformat(),
            "period_start": review.period_start.isoformat(),
            "period_end": review.period_end.isoformat(),
            "days_before": (review.scheduled_for - today).days,
        },
        dedupe_key=f"{KIND}:{review.id}:{review.scheduled_for.isoformat()}",
    )
