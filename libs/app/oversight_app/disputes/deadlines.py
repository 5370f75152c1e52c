"""The dispute handler of the worker's deadline sweep (listed in the worker's ``HANDLER_MODULES``): a dispute
still open the day after its decision was due owes one overdue notice to the plan's admins and the provider."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.disputes.service import OVERDUE, SUBJECT_TYPE, notice_data
from oversight_db import audit
from oversight_db.deadlines import deadline_handler
from oversight_db.models.deadlines import Deadline
from oversight_db.models.disputes import Dispute
from oversight_db.outbox import add_notice
from oversight_domain.statuses import DisputeStatus

SWEEP_ACTOR = "system:deadline_sweep"


@deadline_handler(SUBJECT_TYPE)
async def on_dispute_deadline(session: AsyncSession, deadline: Deadline, today: date) -> None:
    if deadline.kind != OVERDUE:
        return
    row = await session.scalar(select(Dispute).where(Dispute.id == deadline.subject_id).with_for_update())
    if row is None or row.status != DisputeStatus.OPEN or row.overdue_notified:
        return  # decided in time, or already notified: a re-run changes nothing
    row.overdue_notified = True
    for recipient, role in ((row.plan_id, "plan_admin"), (row.provider_id, None)):
        await add_notice(
            session,
            kind="dispute_decision_overdue",
            recipient_organization_id=recipient,
            recipient_role=role,
            subject_type=SUBJECT_TYPE,
            subject_id=row.id,
            data=notice_data(row),
            dedupe_key=f"dispute_decision_overdue:{row.id}:{role or 'provider'}",
        )
    await audit.record(
        session,
        organization_id=row.plan_id,
        actor=SWEEP_ACTOR,
        action="dispute.decision_overdue",
        entity_type="dispute",
        entity_id=row.id,
        request_id=None,
        changes={"decision_due_on": row.decision_due_on.isoformat(), "on": today.isoformat()},
    )
