"""The plan decides a dispute: ``upheld`` changes nothing; ``overturned`` / ``partially_overturned`` change
what the decision said.

* A review's result or one of its findings: the named findings are amended and the review is re-scored into a
  new scorecard version (``scorecard_version``; the earlier ones stay readable). When the new scorecard no
  longer asks for an action plan (or a follow-up now shows compliance), the plan it opened closes and its
  holds lift.
* A return of an action-plan submission, overturned: the plan closes as if accepted.
* A CAP, overturned: back to a PIP (holds lifted); a termination recommendation, overturned: back to a CAP.
  The plan gives the due date of the stage it goes back to (``due_on``): the seeds set none.
* ``partially_overturned`` on an action-plan decision is recorded with its comment; the plan moves the action
  plan by its ordinary paths.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.action_plans.escalation import apply_event
from oversight_app.audit import audit_event
from oversight_app.calendars import Calendars
from oversight_app.caller import Caller
from oversight_app.disputes.filing import REVIEW_SUBJECTS
from oversight_app.disputes.schemas import AmendmentIn, DisputeDecisionIn
from oversight_app.disputes.service import SUBJECT_TYPE, get, notice_data
from oversight_app.errors import ProblemError, conflict, unprocessable
from oversight_app.etags import check_if_match
from oversight_app.reviews.scoring import current_scorecard, scorecard_out
from oversight_app.reviews.service import tool_of
from oversight_app.reviews.stored_scores import freeze_scorecard
from oversight_db.deadlines import cancel_deadlines
from oversight_db.models.action_plans import ActionPlan
from oversight_db.models.disputes import Dispute
from oversight_db.models.reviews import Finding, Review, ScorecardVersion
from oversight_db.outbox import add_notice
from oversight_domain.disputes import follow_up_compliant
from oversight_domain.escalation import Close, Downgrade, Event, InvalidTransition
from oversight_domain.scoring import Scorecard
from oversight_domain.statuses import (
    ACTION_PLAN_ACTIVE,
    ActionPlanStatus,
    DisputeDecision,
    DisputeStatus,
    DisputeSubject,
)


def _check_body(row: Dispute, body: DisputeDecisionIn, today: date) -> None:
    errors: list[dict[str, str]] = []
    reviewing = row.subject in REVIEW_SUBJECTS
    if body.amendments and (body.decision == DisputeDecision.UPHELD or not reviewing):
        errors.append({"path": "body.amendments", "message": "only to overturn a review result or finding"})
    if reviewing and body.decision != DisputeDecision.UPHELD and not body.amendments:
        errors.append({"path": "body.amendments", "message": "name the findings the decision changes"})
    stage_back = row.subject in (DisputeSubject.CAP, DisputeSubject.TERMINATION_RECOMMENDATION)
    if stage_back and body.decision == DisputeDecision.OVERTURNED:
        if body.due_on is None:
            errors.append(
                {"path": "body.due_on", "message": "the due date of the stage the plan goes back to"}
            )
        elif body.due_on < today:
            errors.append({"path": "body.due_on", "message": "must be today or later"})
    elif body.due_on is not None:
        errors.append(
            {"path": "body.due_on", "message": "only to overturn a CAP or termination recommendation"}
        )
    if errors:
        raise unprocessable("the decision does not fit the dispute", errors=errors)


async def _amend(
    session: AsyncSession, caller: Caller, row: Dispute, amendments: list[AmendmentIn]
) -> list[dict[str, Any]]:
    ids = [a.finding_id for a in amendments]
    found = {
        f.id: f
        for f in await session.scalars(
            select(Finding).where(Finding.id.in_(ids), Finding.review_id == row.review_id)
        )
    }
    errors = [
        {"path": f"body.amendments[{i}].finding_id", "message": "not a finding of the disputed review"}
        for i, a in enumerate(amendments)
        if a.finding_id not in found
    ]
    errors += [
        {"path": f"body.amendments[{i}].finding_id", "message": "named twice"}
        for i, a in enumerate(amendments)
        if a.finding_id in ids[:i]
    ]
    if row.subject == DisputeSubject.FINDING and row.finding_id not in found:
        errors.append({"path": "body.amendments", "message": "the disputed finding is not among them"})
    if errors:
        raise unprocessable("the amendments do not fit the disputed review", errors=errors)
    amended = []
    now = datetime.now(UTC)
    for a in amendments:
        finding = found[a.finding_id]
        amended.append({"finding_id": str(finding.id), "element_key": finding.element_key,
                        "from": finding.answer, "to": a.answer})  # fmt: skip
        finding.answer = a.answer
        if a.comment is not None:
            finding.comment = a.comment
        finding.updated_by, finding.updated_at = caller.actor, now
    await session.flush()
    return amended


async def _rescore(
    session: AsyncSession, caller: Caller, row: Dispute, review: Review
) -> tuple[int, Scorecard]:
    """A new scorecard version from the amended findings; the review shows it, the old ones stay."""
    tool = await tool_of(session, review)
    result = await current_scorecard(session, review, tool)
    snapshot = scorecard_out(review, result).model_dump(mode="json")
    latest = await session.scalar(
        select(func.max(ScorecardVersion.version_number)).where(ScorecardVersion.review_id == review.id)
    )
    number = (latest or 0) + 1
    session.add(
        ScorecardVersion(
            review_id=review.id,
            version_number=number,
            outcome=result.card.outcome,
            scorecard=snapshot,
            reason="dispute",
            dispute_id=row.id,
            created_by=caller.actor,
        )
    )
    await freeze_scorecard(session, review, snapshot)
    review.outcome = result.card.outcome
    review.updated_at = datetime.now(UTC)
    await session.flush()
    return number, result.card


async def _move_plan(
    session: AsyncSession,
    caller: Caller,
    row: Dispute,
    plan: ActionPlan,
    event: Event,
    today: date,
    calendars: Calendars,
) -> dict[str, Any]:
    before = plan.status
    try:
        await apply_event(
            session,
            plan,
            event,
            today,
            actor=caller.actor,
            calendars=calendars,
            note={"dispute_id": str(row.id)},
            notice_extra={"dispute_id": str(row.id), "closed_by": "dispute"}
            if isinstance(event, Close)
            else {"dispute_id": str(row.id)},
        )
    except InvalidTransition as exc:
        raise conflict(str(exc), slug="invalid-transition") from None
    return {"action_plan_id": str(plan.id), "from": before, "to": plan.status}


async def _review_changes(
    session: AsyncSession,
    caller: Caller,
    row: Dispute,
    body: DisputeDecisionIn,
    today: date,
    calendars: Calendars,
) -> dict[str, Any]:
    review = await session.scalar(select(Review).where(Review.id == row.review_id).with_for_update())
    assert review is not None
    amended = await _amend(session, caller, row, body.amendments)
    number, card = await _rescore(session, caller, row, review)
    changes: dict[str, Any] = {"amended": amended, "scorecard_version": number, "outcome": card.outcome}
    if review.action_plan_id is not None:  # a follow-up: its result may now show compliance
        tool = await tool_of(session, review)
        plan_id, closes = (
            review.action_plan_id,
            follow_up_compliant(card.total.score, tool.policies.follow_up),
        )
        plan = await session.scalar(select(ActionPlan).where(ActionPlan.id == plan_id).with_for_update())
        closes = closes and plan is not None and plan.status in ACTION_PLAN_ACTIVE
    else:
        plan = await session.scalar(
            select(ActionPlan)
            .where(ActionPlan.review_id == review.id, ActionPlan.status != ActionPlanStatus.CLOSED)
            .with_for_update()
        )
        closes = plan is not None and not card.action_plan_required
    if closes and plan is not None:
        changes["action_plan"] = await _move_plan(
            session, caller, row, plan, Close(today, "dispute"), today, calendars
        )
    return changes


async def _plan_changes(
    session: AsyncSession,
    caller: Caller,
    row: Dispute,
    body: DisputeDecisionIn,
    today: date,
    calendars: Calendars,
) -> dict[str, Any]:
    if body.decision != DisputeDecision.OVERTURNED:
        return {}
    plan = await session.scalar(
        select(ActionPlan).where(ActionPlan.id == row.action_plan_id).with_for_update()
    )
    assert plan is not None
    event: Event
    if row.subject == DisputeSubject.ACTION_PLAN_DECISION:
        if plan.status not in ACTION_PLAN_ACTIVE:
            raise conflict(f"the action plan is {plan.status}; the return can no longer be undone",
                           slug="invalid-transition")  # fmt: skip
        event = Close(today, "dispute")
    else:
        assert body.due_on is not None  # checked with the body
        event = Downgrade(today, body.due_on)
    return {"action_plan": await _move_plan(session, caller, row, plan, event, today, calendars)}


async def decide(
    session: AsyncSession,
    caller: Caller,
    dispute_id: uuid.UUID,
    body: DisputeDecisionIn,
    today: date,
    calendars: Calendars,
    if_match: str | None,
) -> Dispute:
    """The plan decides an open dispute (under its ETag); the provider is told."""
    if caller.organization_kind != "plan":
        raise ProblemError(403, "only the health plan decides a dispute", slug="forbidden")
    row = await get(session, caller, dispute_id, lock=True)
    check_if_match(if_match, row.version)
    if row.status != DisputeStatus.OPEN:
        raise conflict(f"the dispute was decided: {row.decision}", slug="dispute-decided")
    _check_body(row, body, today)
    if row.subject in REVIEW_SUBJECTS:
        changes = (
            {}
            if body.decision == DisputeDecision.UPHELD
            else await _review_changes(session, caller, row, body, today, calendars)
        )
    else:
        changes = await _plan_changes(session, caller, row, body, today, calendars)
    row.status = DisputeStatus.DECIDED
    row.decision = body.decision
    row.decision_comment = body.comment
    row.decided_on, row.decided_at, row.decided_by = today, datetime.now(UTC), caller.actor
    row.changes = changes
    row.updated_at = row.decided_at  # set here, not by the server, so the row stays readable after flush
    await session.flush()
    await cancel_deadlines(session, SUBJECT_TYPE, row.id)
    data = {**notice_data(row), "decision": body.decision.value}
    if "scorecard_version" in changes:
        data |= {"scorecard_version": changes["scorecard_version"], "outcome": changes["outcome"]}
    await add_notice(
        session,
        kind="dispute_decided",
        recipient_organization_id=row.provider_id,
        subject_type=SUBJECT_TYPE,
        subject_id=row.id,
        data=data,
        dedupe_key=f"dispute_decided:{row.id}",
    )
    audited = {k: v for k, v in changes.items() if k != "amended"}
    await audit_event(
        session,
        caller,
        "dispute.decided",
        "dispute",
        row.id,
        {"decision": body.decision.value, "amended_findings": len(changes.get("amended", [])), **audited},
    )
    return row
