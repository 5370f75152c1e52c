"""Action plans: reading, recording a PIP issued before Oversight, the provider's submissions and the plan's
decisions (every state change goes through the domain machine, see ``escalation``), and provider standing."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ColumnElement, exists, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from oversight_app.action_plans.escalation import apply_event, open_pip
from oversight_app.action_plans.schemas import (
    ActionPlanOut,
    ActionPlanRecord,
    DecisionIn,
    StandingOut,
    SubmissionIn,
)
from oversight_app.audit import audit_event
from oversight_app.calendars import Calendars
from oversight_app.caller import Caller
from oversight_app.errors import ProblemError, conflict, not_found, unprocessable
from oversight_app.etags import check_if_match
from oversight_app.lookup import one_or_404
from oversight_app.pagination import PageParams, keyset_page
from oversight_app.reviews.service import require_plan
from oversight_app.tenancy import in_network_clause, plan_provider_clause, provider_clause
from oversight_app.tools.service import find_version
from oversight_db.models.action_plans import ActionPlan
from oversight_db.models.organizations import Organization
from oversight_db.models.reviews import Review, ToolVersionRecord
from oversight_db.tools import tool_from_row
from oversight_domain.escalation import (
    Accept,
    EscalationConfigError,
    Event,
    InvalidTransition,
    Return,
    Submit,
    provider_standing,
)
from oversight_domain.statuses import (
    ACTION_PLAN_AWAITING_DECISION,
    ACTION_PLAN_AWAITING_PROVIDER,
    ActionPlanStatus,
    ReviewStatus,
)


def action_plan_scope(caller: Caller) -> ColumnElement[bool]:
    """The action plans the caller may see: a health plan its own, a provider those about itself."""
    return plan_provider_clause(caller, ActionPlan.plan_id, ActionPlan.provider_id)


def action_plan_out(row: ActionPlan) -> ActionPlanOut:
    return ActionPlanOut.model_validate(row, from_attributes=True)


async def get(
    session: AsyncSession, caller: Caller, action_plan_id: uuid.UUID, *, lock: bool = False
) -> ActionPlan:
    stmt = select(ActionPlan).where(ActionPlan.id == action_plan_id, action_plan_scope(caller))
    return await one_or_404(session, stmt, "action plan", lock=lock)


async def list_action_plans(
    session: AsyncSession,
    caller: Caller,
    page: PageParams,
    *,
    provider_id: uuid.UUID | None,
    status: str | None,
    kind: str | None,
    review_id: uuid.UUID | None,
) -> tuple[list[ActionPlanOut], str | None]:
    stmt = select(ActionPlan).where(action_plan_scope(caller))
    if provider_id is not None:
        stmt = stmt.where(ActionPlan.provider_id == provider_id)
    if status is not None:
        stmt = stmt.where(ActionPlan.status == status)
    if kind is not None:
        stmt = stmt.where(ActionPlan.kind == kind)
    if review_id is not None:
        stmt = stmt.where(ActionPlan.review_id == review_id)
    rows, cursor = await keyset_page(
        session, stmt, [ActionPlan.created_at, ActionPlan.id], page, descending=True
    )
    return [action_plan_out(r) for r in rows], cursor


async def _apply(
    session: AsyncSession,
    caller: Caller,
    row: ActionPlan,
    event: Event,
    today: date,
    calendars: Calendars,
    note: dict[str, str],
) -> None:
    before = row.status
    try:
        await apply_event(session, row, event, today, actor=caller.actor, calendars=calendars, note=note)
    except InvalidTransition as exc:
        raise conflict(str(exc), slug="invalid-transition") from None
    await audit_event(
        session,
        caller,
        f"action_plan.{event.kind}",
        "action_plan",
        row.id,
        {"from": before, "to": row.status},
        organization_id=row.plan_id,
    )


async def submit(
    session: AsyncSession,
    caller: Caller,
    action_plan_id: uuid.UUID,
    body: SubmissionIn,
    today: date,
    calendars: Calendars,
) -> ActionPlan:
    """The provider answers its open PIP or CAP."""
    if caller.organization_kind != "provider":
        raise ProblemError(403, "only the provider submits its action plan", slug="forbidden")
    row = await get(session, caller, action_plan_id, lock=True)
    if row.status not in ACTION_PLAN_AWAITING_PROVIDER:
        raise conflict(
            f"the action plan is {row.status}; nothing is awaiting a submission", slug="invalid-transition"
        )
    await _apply(session, caller, row, Submit(today), today, calendars, {"response": body.response})
    return row


async def decide(
    session: AsyncSession,
    caller: Caller,
    action_plan_id: uuid.UUID,
    body: DecisionIn,
    today: date,
    calendars: Calendars,
    if_match: str | None,
) -> ActionPlan:
    """The health plan accepts or returns the provider's submission."""
    require_plan(caller)
    row = await get(session, caller, action_plan_id, lock=True)
    check_if_match(if_match, row.version)
    if row.status not in ACTION_PLAN_AWAITING_DECISION:
        raise conflict(
            f"the action plan is {row.status}; there is no submission to decide on", slug="invalid-transition"
        )
    event: Event = Accept(today) if body.decision == "accept" else Return(today)
    note = {"decision": body.decision, "comment": body.comment}
    await _apply(session, caller, row, event, today, calendars, note)
    return row


async def record_existing(
    session: AsyncSession, caller: Caller, body: ActionPlanRecord, today: date, calendars: Calendars
) -> ActionPlan:
    """Record a PIP the health plan issued before it used Oversight; a due date already passed escalates."""
    require_plan(caller)
    if body.issued_on > today:
        raise unprocessable(
            "issued_on is in the future; record only PIPs already issued",
            errors=[{"path": "body.issued_on", "message": "must be today or earlier"}],
        )
    tool_row = await _tool_version(session, caller, body.tool_key, body.tool_version)
    await _check_provider_and_review(session, caller, body, tool_from_row(tool_row).program)
    try:
        row = await open_pip(
            session,
            plan_id=caller.organization_id,
            provider_id=body.provider_id,
            tool_row=tool_row,
            review_id=body.review_id,
            issued_on=body.issued_on,
            today=today,
            actor=caller.actor,
            calendars=calendars,
            note={"recorded": True, **({"comment": body.comment} if body.comment else {})},
        )
    except EscalationConfigError as exc:
        raise unprocessable(
            f"{exc}; import a tool version with pip_days", slug="escalation-policy-incomplete"
        ) from None
    await audit_event(
        session,
        caller,
        "action_plan.recorded",
        "action_plan",
        row.id,
        {"issued_on": body.issued_on.isoformat(), "status": row.status, "due_on": row.due_on.isoformat()},
    )
    return row


async def _tool_version(
    session: AsyncSession, caller: Caller, key: str, version: str | None
) -> ToolVersionRecord:
    """The version a health plan means (the tools' own lookup), or a 422 naming the field."""
    row = await find_version(session, caller, key, version)
    if row is None:
        raise unprocessable(
            "unknown tool or tool version", errors=[{"path": "body.tool_key", "message": "not found"}]
        )
    return row


async def _check_provider_and_review(
    session: AsyncSession, caller: Caller, body: ActionPlanRecord, program: str
) -> None:
    linked = await session.scalar(
        select(in_network_clause(caller.organization_id, literal(body.provider_id), program))
    )
    if not linked:
        raise unprocessable(
            f"the provider is not in your network for {program.upper()}",
            errors=[{"path": "body.provider_id", "message": "not a provider of yours"}],
            slug="provider-not-in-network",
        )
    if body.review_id is None:
        return
    review_ok = await session.scalar(
        select(
            exists().where(
                Review.id == body.review_id,
                Review.plan_id == caller.organization_id,
                Review.provider_id == body.provider_id,
            )
        )
    )
    if not review_ok:
        raise unprocessable(
            "review_id is not one of your reviews of this provider",
            errors=[{"path": "body.review_id", "message": "not found"}],
        )


async def standing(session: AsyncSession, caller: Caller, provider_id: uuid.UUID) -> StandingOut:
    """What partner platforms check before enrolling a member or submitting an authorization."""
    visible = await session.scalar(
        select(Organization.id).where(
            Organization.id == provider_id, provider_clause(caller, Organization.id)
        )
    )
    if not visible:
        raise not_found("provider")
    scope = action_plan_scope(caller)
    rows = (
        await session.execute(
            select(ActionPlan.status, ActionPlan.holds).where(
                scope, ActionPlan.provider_id == provider_id, ActionPlan.status != ActionPlanStatus.CLOSED
            )
        )
    ).all()
    standing = provider_standing((r.status, r.holds) for r in rows)
    review_scope = plan_provider_clause(caller, Review.plan_id, Review.provider_id)
    later = aliased(Review)
    next_due = await session.scalar(
        select(func.min(Review.next_review_due)).where(
            review_scope,
            Review.provider_id == provider_id,
            Review.status == ReviewStatus.FINALIZED,
            Review.next_review_due.is_not(None),
            # Each plan's latest finalized review says when its next review is due.
            ~exists().where(
                later.plan_id == Review.plan_id,
                later.provider_id == Review.provider_id,
                later.status == ReviewStatus.FINALIZED,
                later.finalized_at > Review.finalized_at,
            ),
        )
    )
    return StandingOut(
        provider_id=provider_id,
        status=standing.standing,
        can_enroll_members=standing.can_enroll_members,
        can_submit_authorizations=standing.can_submit_authorizations,
        open_action_plans=standing.active_plans,
        next_review_due=next_due,
    )
