"""Capacity Building report reminders: deadlines per report obligation and the sweep's handler.

Each report a participant owes gets reminders some days before its due date and an overdue notice after it, to
the participant's plan admins; the overdue notice is copied to the program's state admins. The days are the
program's data (``ProgramSpec.reminders``: by default issue 7's 14, 7 and 1 days before, overdue the day
after); ``oversight_domain.capacity.reminder_dates`` turns them into dates.
Submitting cancels the report's pending reminders; returning it re-arms those still ahead.

The handler is idempotent: every notice carries a ``dedupe_key`` naming (report, reminder kind, due date),
so a sweep that runs twice, or after a crash, writes each notice once.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import and_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.deadlines import cancel_deadlines, deadline_handler, schedule_deadline
from oversight_db.models.capacity import CapacityParticipant, CapacityProgram, CapacityReport
from oversight_db.models.deadlines import Deadline
from oversight_db.outbox import add_notice
from oversight_domain.capacity import ReminderSpec, reminder_dates

SUBJECT_TYPE = "capacity_report"
# Reports in these states no longer need the plan to act.
_DONE_STATUSES = ("submitted", "accepted")


async def schedule_report_reminders(
    session: AsyncSession,
    report: CapacityReport,
    organization_id: uuid.UUID,
    today: date,
    reminders: ReminderSpec,
) -> int:
    """Schedule the report's reminders that still lie ahead (a plan joining late is not flooded with
    reminders for dates long gone). Returns how many were scheduled."""
    count = 0
    for kind, fires_on in reminder_dates(report.due_on, reminders).items():
        if fires_on >= today:
            await schedule_deadline(
                session,
                organization_id=organization_id,
                subject_type=SUBJECT_TYPE,
                subject_id=report.id,
                kind=kind,
                due_on=fires_on,
            )
            count += 1
    return count


async def cancel_report_reminders(session: AsyncSession, report_id: uuid.UUID) -> None:
    await cancel_deadlines(session, SUBJECT_TYPE, report_id)


async def rearm_report_reminders(session: AsyncSession, report_id: uuid.UUID, today: date) -> None:
    """A returned report is owed again: reminders cancelled by its submission that still lie ahead fire."""
    await session.execute(
        update(Deadline)
        .where(
            and_(
                Deadline.subject_type == SUBJECT_TYPE,
                Deadline.subject_id == report_id,
                Deadline.state == "cancelled",
                Deadline.due_on >= today,
            )
        )
        .values(state="pending")
    )


@deadline_handler(SUBJECT_TYPE)
async def on_report_deadline(session: AsyncSession, deadline: Deadline, today: date) -> None:
    row = (
        await session.execute(
            select(CapacityReport, CapacityParticipant.plan_id, CapacityProgram.organization_id)
            .join(CapacityParticipant, CapacityParticipant.id == CapacityReport.participant_id)
            .join(CapacityProgram, CapacityProgram.id == CapacityReport.program_id)
            .where(CapacityReport.id == deadline.subject_id)
        )
    ).one_or_none()
    if row is None:
        return
    report, plan_id, state_org_id = row
    if report.status in _DONE_STATUSES:
        return
    overdue = deadline.kind == "overdue"
    if not overdue and today > report.due_on:
        # A sweep that ran late: a "due in 7 days" reminder after the due date would mislead; the overdue
        # notice covers it.
        return
    data = {
        "report_id": str(report.id),
        "program_id": str(report.program_id),
        "participant_id": str(report.participant_id),
        "report_type": report.kind,
        "period": report.label,
        "due_on": report.due_on.isoformat(),
        "reminder": deadline.kind,
    }
    if not overdue:
        data["days_left"] = (report.due_on - deadline.due_on).days
    # The declared kinds (oversight_db.notice_kinds): their templates and webhook event types.
    kind = "capacity_report_overdue" if overdue else "capacity_report_due_soon"
    key = f"{SUBJECT_TYPE}:{report.id}:{deadline.kind}:{report.due_on.isoformat()}"
    await add_notice(
        session,
        kind=kind,
        recipient_organization_id=plan_id,
        recipient_role="plan_admin",
        subject_type=SUBJECT_TYPE,
        subject_id=report.id,
        data=data,
        dedupe_key=key,
    )
    if overdue:
        await add_notice(
            session,
            kind=kind,
            recipient_organization_id=state_org_id,
            recipient_role="state_admin",
            subject_type=SUBJECT_TYPE,
            subject_id=report.id,
            data=data,
            dedupe_key=f"{key}:state",
        )
