"""Provider obligations: the lists for plans and providers, one occurrence, the provider's submission and the
plan's review (for kinds the policy says the plan reviews: the program narrative, seed 003 "Review of provider
program narrative")."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.errors import ProblemError, conflict, unprocessable
from oversight_app.etags import check_if_match
from oversight_app.lookup import one_or_404
from oversight_app.obligations import series
from oversight_app.obligations.deadlines import notice_data
from oversight_app.obligations.schemas import (
    DecisionIn,
    ObligationDetail,
    ObligationOut,
    ObligationSubmissionIn,
    SubmissionOut,
)
from oversight_app.pagination import PageParams, keyset_page
from oversight_app.tenancy import plan_provider_clause
from oversight_db.models.obligations import ObligationSubmission, ProviderObligation
from oversight_db.models.organizations import NetworkLink
from oversight_db.outbox import add_notice
from oversight_domain.obligations import (
    OWED,
    ObligationKind,
    ObligationStatus,
    ObligationView,
    after_submission,
    view,
)

ENTITY = "provider_obligation"


def obligation_scope(caller: Caller) -> ColumnElement[bool]:
    """A plan sees the obligations owed to it; a provider those it owes (to every plan it contracts with)."""
    return plan_provider_clause(caller, ProviderObligation.plan_id, ProviderObligation.provider_id)


def _kind(row: ProviderObligation) -> ObligationKind:
    kind = series.kind_of(row)
    if kind is None:  # a shipped policy never drops a kind that has rows; this would be a deployment error
        raise RuntimeError(f"no obligations policy for kind {row.kind!r}")
    return kind


def obligation_out(row: ProviderObligation, today: date) -> ObligationOut:
    kind = _kind(row)
    return ObligationOut(
        id=row.id,
        plan_id=row.plan_id,
        provider_id=row.provider_id,
        network_link_id=row.network_link_id,
        site_id=row.site_id,
        program=row.program,
        kind=row.kind,
        title=kind.title,
        sequence=row.sequence,
        anchor=kind.anchor,
        anchor_on=row.anchor_on,
        due_on=row.due_on,
        status=view(row.status, row.due_on, today),
        review_required=kind.review,
        late=row.late,
        submission_count=row.submissions,
        submitted_on=row.submitted_on,
        decided_on=row.decided_on,
        decision_comment=row.decision_comment,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
    )


async def detail(session: AsyncSession, row: ProviderObligation, today: date) -> ObligationDetail:
    submissions = await session.scalars(
        select(ObligationSubmission)
        .where(ObligationSubmission.obligation_id == row.id)
        .order_by(ObligationSubmission.number)
    )
    return ObligationDetail(
        **obligation_out(row, today).model_dump(),
        submissions=[SubmissionOut.model_validate(s, from_attributes=True) for s in submissions],
    )


def _status_clause(status: ObligationView, today: date) -> ColumnElement[bool]:
    """The stored rows that read as ``status`` today (owed rows past their due date read as overdue)."""
    owed = ProviderObligation.status.in_([s.value for s in OWED])
    if status is ObligationView.OVERDUE:
        return and_(owed, ProviderObligation.due_on < today)
    if status in (ObligationView.DUE, ObligationView.RETURNED):
        return and_(ProviderObligation.status == status.value, ProviderObligation.due_on >= today)
    return ProviderObligation.status == status.value


async def list_obligations(
    session: AsyncSession,
    caller: Caller,
    page: PageParams,
    today: date,
    *,
    status: ObligationView | None = None,
    kind: str | None = None,
    provider_id: uuid.UUID | None = None,
    site_id: uuid.UUID | None = None,
    due_after: date | None = None,
    due_before: date | None = None,
) -> tuple[list[ObligationOut], str | None]:
    """In due-date order; ``due_after`` / ``due_before`` are inclusive."""
    if due_after is not None and due_before is not None and due_after > due_before:
        raise unprocessable(
            "due_after is later than due_before",
            errors=[{"path": "query.due_after", "message": "must not be later than due_before"}],
        )
    stmt = select(ProviderObligation).where(obligation_scope(caller))
    if status is not None:
        stmt = stmt.where(_status_clause(status, today))
    if kind is not None:
        stmt = stmt.where(ProviderObligation.kind == kind)
    if provider_id is not None:
        stmt = stmt.where(ProviderObligation.provider_id == provider_id)
    if site_id is not None:
        stmt = stmt.where(ProviderObligation.site_id == site_id)
    if due_after is not None:
        stmt = stmt.where(ProviderObligation.due_on >= due_after)
    if due_before is not None:
        stmt = stmt.where(ProviderObligation.due_on <= due_before)
    rows, cursor = await keyset_page(session, stmt, [ProviderObligation.due_on, ProviderObligation.id], page)
    return [obligation_out(r, today) for r in rows], cursor


async def get(
    session: AsyncSession, caller: Caller, obligation_id: uuid.UUID, *, lock: bool = False
) -> ProviderObligation:
    stmt = select(ProviderObligation).where(ProviderObligation.id == obligation_id, obligation_scope(caller))
    return await one_or_404(session, stmt, "obligation", lock=lock)


async def _link(session: AsyncSession, row: ProviderObligation) -> NetworkLink:
    link = await session.get(NetworkLink, row.network_link_id)
    assert link is not None  # a foreign key
    return link


async def submit(
    session: AsyncSession, caller: Caller, obligation_id: uuid.UUID, body: ObligationSubmissionIn, today: date
) -> ProviderObligation:
    """The provider's narrative or peer-sharing report; a late one is accepted and marked ``late``. The next
    occurrence is created now (it may already exist if this one fell due first)."""
    if caller.organization_kind != "provider":
        raise ProblemError(403, "only the provider submits its obligations", slug="forbidden")
    row = await get(session, caller, obligation_id, lock=True)
    if ObligationStatus(row.status) not in OWED:
        raise conflict(
            f"the obligation is {row.status}; nothing is awaiting a submission", slug="invalid-transition"
        )
    kind = _kind(row)
    late = today > row.due_on
    row.submissions += 1
    session.add(
        ObligationSubmission(
            obligation_id=row.id,
            number=row.submissions,
            summary=body.summary,
            content=body.content,
            submitted_on=today,
            submitted_at=datetime.now(UTC),
            submitted_by=caller.actor,
            late=late,
        )
    )
    before = row.status
    row.status = after_submission(kind).value
    row.submitted_on = today
    if row.late is None:
        row.late = late
    await series.stop_reminders(session, row.id)
    await series.ensure_next(session, row, await _link(session, row), today)
    await session.flush()
    await audit_event(
        session,
        caller,
        "obligation.submitted",
        ENTITY,
        row.id,
        {"from": before, "to": row.status, "submission": row.submissions, "late": late},
        organization_id=row.plan_id,
    )
    await add_notice(
        session,
        kind="obligation_submitted",
        recipient_organization_id=row.plan_id,
        recipient_role="plan_admin",
        subject_type=series.SUBJECT_TYPE,
        subject_id=row.id,
        data={**notice_data(row, kind.title), "status": row.status, "late": late},
        dedupe_key=f"{series.SUBJECT_TYPE}:{row.id}:submitted:{row.submissions}",
    )
    await session.refresh(row)  # updated_at is the database's
    return row


async def decide(
    session: AsyncSession,
    caller: Caller,
    obligation_id: uuid.UUID,
    body: DecisionIn,
    today: date,
    if_match: str | None,
) -> ProviderObligation:
    """The plan accepts a submission or returns it for changes (owed again, reminders still ahead re-armed)."""
    if caller.organization_kind != "plan":
        raise ProblemError(403, "only the health plan reviews obligations", slug="forbidden")
    row = await get(session, caller, obligation_id, lock=True)
    check_if_match(if_match, row.version)
    if row.status != ObligationStatus.SUBMITTED:
        raise conflict(
            f"the obligation is {row.status}; there is no submission to decide on", slug="invalid-transition"
        )
    submission = await session.scalar(
        select(ObligationSubmission).where(
            ObligationSubmission.obligation_id == row.id, ObligationSubmission.number == row.submissions
        )
    )
    assert submission is not None  # written with the status
    accepted = body.decision == "accept"
    submission.decision, submission.decision_comment = body.decision, body.comment
    submission.decided_on, submission.decided_by = today, caller.actor
    row.status = (ObligationStatus.ACCEPTED if accepted else ObligationStatus.RETURNED).value
    row.decided_on, row.decision_comment = today, body.comment
    if not accepted:
        await series.rearm_reminders(session, row.id, today)
    await session.flush()
    await audit_event(
        session,
        caller,
        f"obligation.{'accepted' if accepted else 'returned'}",
        ENTITY,
        row.id,
        {"from": ObligationStatus.SUBMITTED.value, "to": row.status, "submission": row.submissions},
    )
    await add_notice(
        session,
        kind="obligation_accepted" if accepted else "obligation_returned",
        recipient_organization_id=row.provider_id,
        subject_type=series.SUBJECT_TYPE,
        subject_id=row.id,
        data={**notice_data(row, _kind(row).title), "status": row.status},
        dedupe_key=f"{series.SUBJECT_TYPE}:{row.id}:decided:{row.submissions}",
    )
    await session.refresh(row)  # updated_at is the database's
    return row
