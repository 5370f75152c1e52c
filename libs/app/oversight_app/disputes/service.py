"""Disputes: filing (provider), evidence (provider), reading (both sides), and the notices they send.

The plan's decision is in ``decisions``; the overdue sweep in ``deadlines``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.business_calendars.service import for_organization
from oversight_app.calendars import Calendars
from oversight_app.caller import Caller
from oversight_app.disputes.filing import find_disputed
from oversight_app.disputes.schemas import DisputeCreate, DisputeOut, EvidenceIn
from oversight_app.errors import ProblemError, conflict
from oversight_app.lookup import one_or_404
from oversight_app.pagination import PageParams, keyset_page
from oversight_app.tenancy import plan_provider_clause
from oversight_db.deadlines import schedule_deadline
from oversight_db.models.disputes import Dispute
from oversight_db.models.reviews import ToolVersionRecord
from oversight_db.outbox import add_notice
from oversight_db.tools import tool_from_row
from oversight_domain.calendars import add_days
from oversight_domain.disputes import decision_due_on, filing_window
from oversight_domain.statuses import DisputeStatus, DisputeSubject

SUBJECT_TYPE = "dispute"
OVERDUE = "dispute_decision_overdue"


def dispute_scope(caller: Caller) -> ColumnElement[bool]:
    """A plan sees the disputes of its decisions; a provider sees its own."""
    return plan_provider_clause(caller, Dispute.plan_id, Dispute.provider_id)


def dispute_out(row: Dispute) -> DisputeOut:
    return DisputeOut.model_validate(row, from_attributes=True)


def notice_data(row: Dispute) -> dict[str, Any]:
    # Ids, dates and the subject; never the provider's text (it may name members).
    return {
        "dispute_id": str(row.id),
        "plan_id": str(row.plan_id),
        "provider_id": str(row.provider_id),
        "review_id": str(row.review_id) if row.review_id else None,
        "action_plan_id": str(row.action_plan_id) if row.action_plan_id else None,
        "subject": row.subject,
        "received_on": row.received_on.isoformat(),
        "window_closes_on": row.window_closes_on.isoformat(),
        "filed_on": row.filed_on.isoformat(),
        "decision_due_on": row.decision_due_on.isoformat(),
    }


async def get(session: AsyncSession, caller: Caller, dispute_id: uuid.UUID, *, lock: bool = False) -> Dispute:
    stmt = select(Dispute).where(Dispute.id == dispute_id, dispute_scope(caller))
    return await one_or_404(session, stmt, "dispute", lock=lock)


async def list_disputes(
    session: AsyncSession,
    caller: Caller,
    page: PageParams,
    *,
    status: str | None,
    subject: str | None,
    provider_id: uuid.UUID | None,
    review_id: uuid.UUID | None,
    action_plan_id: uuid.UUID | None,
) -> tuple[list[DisputeOut], str | None]:
    stmt = select(Dispute).where(dispute_scope(caller))
    for column, value in (
        (Dispute.status, status),
        (Dispute.subject, subject),
        (Dispute.provider_id, provider_id),
        (Dispute.review_id, review_id),
        (Dispute.action_plan_id, action_plan_id),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    rows, cursor = await keyset_page(session, stmt, [Dispute.created_at, Dispute.id], page, descending=True)
    return [dispute_out(r) for r in rows], cursor


def _require_provider(caller: Caller) -> None:
    if caller.organization_kind != "provider":
        raise ProblemError(403, "only the provider disputes a decision it received", slug="forbidden")


def _late(closes_on: date, received_on: date, days: int, day_type: str) -> ProblemError:
    return ProblemError(
        422,
        f"the dispute window closed on {closes_on.isoformat()}: a dispute is filed no later than {days} "
        f"{day_type} days from receipt of the decision (received {received_on.isoformat()}; seed 004)",
        slug="dispute-window-closed",
        window_closed_on=closes_on.isoformat(),
        received_on=received_on.isoformat(),
    )


async def _check_not_open(session: AsyncSession, body: DisputeCreate) -> None:
    column = {
        DisputeSubject.REVIEW_RESULT: Dispute.review_id,
        DisputeSubject.FINDING: Dispute.finding_id,
    }.get(body.subject, Dispute.action_plan_id)
    already = await session.scalar(
        select(
            exists().where(
                Dispute.subject == body.subject,
                column == body.subject_id,
                Dispute.status == DisputeStatus.OPEN,
            )
        )
    )
    if already:
        raise conflict("this decision already has an open dispute; add evidence to it", slug="dispute-open")


async def file_dispute(
    session: AsyncSession, caller: Caller, body: DisputeCreate, today: date, calendars: Calendars
) -> Dispute:
    """A provider disputes a decision it received, within the tool's window (seed 004: 21 calendar days)."""
    _require_provider(caller)
    disputed = await find_disputed(session, caller.organization_id, body.subject, body.subject_id)
    tool_row = await session.get(ToolVersionRecord, disputed.tool_version_id)
    assert tool_row is not None
    tool = tool_from_row(tool_row)
    policy = tool.policies.disputes
    calendars = await for_organization(session, calendars, disputed.plan_id)
    calendar = calendars.of(tool.policies.escalation.calendar)
    window = filing_window(disputed.received_on, policy, calendar)
    if today > window.closes_on:
        raise _late(window.closes_on, window.received_on, policy.window_days, policy.window_day_type)
    await _check_not_open(session, body)
    due = decision_due_on(today, policy, calendar)
    row = Dispute(
        id=uuid.uuid4(),
        plan_id=disputed.plan_id,
        provider_id=caller.organization_id,
        subject=body.subject,
        review_id=disputed.review_id,
        finding_id=disputed.finding_id,
        action_plan_id=disputed.action_plan_id,
        tool_version_id=disputed.tool_version_id,
        received_on=disputed.received_on,
        window_closes_on=window.closes_on,
        filed_on=today,
        reason=body.reason,
        evidence=[
            {"text": t, "added_by": caller.actor, "added_on": today.isoformat()} for t in body.evidence
        ],
        status=DisputeStatus.OPEN,
        decision_due_on=due,
        changes={},
        filed_by=caller.actor,
    )
    session.add(row)
    await session.flush()
    # Swept the first day the decision is late (as action plans' overdue rows are).
    await schedule_deadline(
        session,
        organization_id=row.plan_id,
        subject_type=SUBJECT_TYPE,
        subject_id=row.id,
        kind=OVERDUE,
        due_on=add_days(due, 1, "calendar", calendar),
        calendar=tool.policies.escalation.calendar,
    )
    await add_notice(
        session,
        kind="dispute_filed",
        recipient_organization_id=row.plan_id,
        recipient_role="plan_admin",
        subject_type=SUBJECT_TYPE,
        subject_id=row.id,
        data=notice_data(row),
        dedupe_key=f"dispute_filed:{row.id}",
    )
    await audit_event(
        session,
        caller,
        "dispute.filed",
        "dispute",
        row.id,
        {
            "subject": row.subject,
            "subject_id": str(body.subject_id),
            "received_on": row.received_on.isoformat(),
            "window_closes_on": row.window_closes_on.isoformat(),
            "decision_due_on": due.isoformat(),
            "evidence_items": len(body.evidence),
        },
        organization_id=row.plan_id,
    )
    return row


async def add_evidence(
    session: AsyncSession, caller: Caller, dispute_id: uuid.UUID, body: EvidenceIn, today: date
) -> Dispute:
    """The provider adds evidence (text) to its open dispute; earlier evidence is never changed."""
    _require_provider(caller)
    row = await get(session, caller, dispute_id, lock=True)
    if row.status != DisputeStatus.OPEN:
        raise conflict("the dispute is decided; evidence can no longer be added", slug="dispute-decided")
    entry = {"text": body.text, "added_by": caller.actor, "added_on": today.isoformat()}
    row.evidence = [*row.evidence, entry]
    row.updated_at = datetime.now(UTC)  # set here, not by the server, so the row stays readable after flush
    await session.flush()
    await audit_event(
        session,
        caller,
        "dispute.evidence_added",
        "dispute",
        row.id,
        {"evidence_items": len(row.evidence)},
        organization_id=row.plan_id,
    )
    return row
