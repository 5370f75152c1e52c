"""Follow-up reviews: a review with purpose ``follow_up`` checks one open action plan (seed 003's ECM Review
Tool lists "Visit Purpose: Follow-up"; a CAP holds enrollments and authorizations "until 100% compliant").

It answers and scores only the plan's sections requiring action (the tool's ``follow_up`` policy), and at
finalization it is the evidence: at ``compliant_at`` (100%) on those sections the plan closes and its holds
lift; below, the plan stays as it is (a CAP's clock keeps running). Either way the plan's history records the
follow-up and its score. The reviewer-click path (submission, then accept) keeps working beside it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.action_plans.escalation import apply_event
from oversight_app.audit import audit_event
from oversight_app.calendars import Calendars
from oversight_app.caller import Caller
from oversight_app.errors import unprocessable
from oversight_app.reviews.schemas import ReviewCreate
from oversight_db.models.action_plans import ActionPlan
from oversight_db.models.reviews import Review, ToolVersionRecord
from oversight_domain.display import percent
from oversight_domain.disputes import follow_up_compliant, follow_up_sections
from oversight_domain.escalation import Close
from oversight_domain.scoring import Scorecard
from oversight_domain.statuses import ACTION_PLAN_ACTIVE, ReviewPurpose
from oversight_domain.tools import ToolVersion


@dataclass(frozen=True)
class FollowUp:
    action_plan_id: uuid.UUID
    sections: tuple[str, ...]


def _bad_plan(message: str) -> Exception:
    return unprocessable(message, errors=[{"path": "body.action_plan_id", "message": message}])


async def _sections_requiring_action(session: AsyncSession, plan: ActionPlan) -> list[str]:
    """What the plan asks to correct: the scorecard of the review that opened it, else what its opening
    recorded (nothing for a PIP recorded from before Oversight: the follow-up covers the whole tool)."""
    if plan.review_id is not None:
        card = await session.scalar(select(Review.scorecard).where(Review.id == plan.review_id))
        if card:
            return list(card.get("sections_requiring_action") or [])
    opened = plan.history[0] if plan.history else {}
    return list(opened.get("sections_requiring_action") or [])


async def follow_up_scope(
    session: AsyncSession, caller: Caller, body: ReviewCreate, tool: ToolVersion
) -> FollowUp | None:
    """Check a new review's ``action_plan_id`` against its purpose; a follow-up's plan and sections."""
    if body.purpose != ReviewPurpose.FOLLOW_UP:
        if body.action_plan_id is not None:
            raise _bad_plan("only a follow_up review follows up an action plan")
        return None
    if body.action_plan_id is None:
        raise _bad_plan("a follow_up review names the action plan it follows up")
    plan = await session.scalar(
        select(ActionPlan).where(
            ActionPlan.id == body.action_plan_id, ActionPlan.plan_id == caller.organization_id
        )
    )
    # One message whether the plan is another plan's or does not exist.
    if plan is None or plan.provider_id != body.provider_id:
        raise _bad_plan("not an action plan of yours for this provider")
    if plan.status not in ACTION_PLAN_ACTIVE:
        raise _bad_plan(f"the action plan is {plan.status}; only an open plan is followed up")
    plan_tool_key = await session.scalar(
        select(ToolVersionRecord.key).where(ToolVersionRecord.id == plan.tool_version_id)
    )
    if plan_tool_key != tool.key:
        raise unprocessable(
            f"the action plan was opened with the tool {plan_tool_key!r}; follow it up with the same tool",
            errors=[{"path": "body.tool_key", "message": "not the action plan's tool"}],
        )
    wanted = await _sections_requiring_action(session, plan)
    return FollowUp(plan.id, follow_up_sections(tool, tool.policies.follow_up, wanted))


async def apply_follow_up(
    session: AsyncSession,
    caller: Caller,
    review: Review,
    tool: ToolVersion,
    card: Scorecard,
    today: date,
    calendars: Calendars,
) -> dict[str, Any] | None:
    """A finalized follow-up's result on its action plan: recorded in the plan's history; at the policy's
    ``compliant_at`` an active plan closes (holds lifted). What happened, for the response and the audit."""
    if review.action_plan_id is None:
        return None
    plan = await session.scalar(
        select(ActionPlan).where(ActionPlan.id == review.action_plan_id).with_for_update()
    )
    assert plan is not None  # a foreign key; plans are never deleted
    compliant = follow_up_compliant(card.total.score, tool.policies.follow_up)
    total = percent(card.total.score)
    entry = {
        "event": "follow_up",
        "on": today.isoformat(),
        "at": datetime.now(UTC).isoformat(),
        "actor": caller.actor,
        "status": plan.status,
        "due_on": plan.due_on.isoformat(),
        "review_id": str(review.id),
        "sections": list(review.scope_sections),
        "total_percent": total,
        "outcome": card.outcome,
        "compliant": compliant,
    }
    plan.history = [*plan.history, entry]
    plan.updated_at = datetime.now(UTC)
    before = plan.status
    # A plan that ended meanwhile (a termination recommendation) is the plan's to decide, not a follow-up's.
    closes = compliant and plan.status in ACTION_PLAN_ACTIVE
    if closes:
        await apply_event(
            session,
            plan,
            Close(today, "follow_up"),
            today,
            actor=caller.actor,
            calendars=calendars,
            note={"review_id": str(review.id)},
            notice_extra={"closed_by": "follow_up", "follow_up_review_id": str(review.id)},
        )
    else:
        await session.flush()
    result = {"action_plan_id": str(plan.id), "total_percent": total, "compliant": compliant}
    await audit_event(
        session,
        caller,
        "action_plan.follow_up",
        "action_plan",
        plan.id,
        {**result, "review_id": str(review.id), "from": before, "to": plan.status},
    )
    return result
