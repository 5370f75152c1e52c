"""A report obligation's life (due -> submitted -> returned | accepted), shared by quarterly and monthly
reports and by the distribution plan's own report row, and the reminders that follow it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.capacity import reminders
from oversight_db.models.capacity import CapacityReport

OUTSTANDING = ("due", "returned")
"""Still owed by the plan."""


async def mark_submitted(session: AsyncSession, report: CapacityReport, now: datetime, late: bool) -> None:
    """A (re)submission: counts it, keeps the first submission's lateness, stops the reminders."""
    report.status = "submitted"
    report.submissions += 1
    report.first_submitted_at = report.first_submitted_at or now
    report.submitted_at = now
    if report.late is None:
        report.late = late
    await reminders.cancel_report_reminders(session, report.id)


async def mark_decided(
    session: AsyncSession,
    report: CapacityReport,
    accepted: bool,
    comments: str | None,
    now: datetime,
    today: date,
) -> None:
    """The state's decision; a returned report is owed again, so its reminders still ahead re-arm."""
    report.status = "accepted" if accepted else "returned"
    report.decided_at = now
    report.decision_comments = comments
    if not accepted:
        await reminders.rearm_report_reminders(session, report.id, today)
