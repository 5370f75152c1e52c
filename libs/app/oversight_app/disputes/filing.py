"""Filing a dispute: what the provider disputes, when it received it, and the window (seed 004).

Seed 004: "A network provider can submit a request in writing utilizing the Provider Dispute Form no later than
21 calendar days from the receipt of the LME/MCO's decision in question." Receipt is the delivery of the notice
that carried the decision to the provider; when no such notice was delivered (the provider's channels failed,
or none was sent), the decision's own date. The window's numbers are the tool's ``disputes`` policy.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.errors import ProblemError, unprocessable
from oversight_db.models.action_plans import ActionPlan
from oversight_db.models.notices import Notice
from oversight_db.models.reviews import Finding, Review
from oversight_domain.statuses import ActionPlanStatus, DisputeSubject, ReviewStatus

REVIEW_SUBJECTS = frozenset({DisputeSubject.REVIEW_RESULT, DisputeSubject.FINDING})


@dataclass(frozen=True)
class Disputed:
    """The decision in question, found among the provider's own."""

    plan_id: uuid.UUID
    tool_version_id: uuid.UUID
    received_on: date
    review_id: uuid.UUID | None = None
    finding_id: uuid.UUID | None = None
    action_plan_id: uuid.UUID | None = None


def _no_such(message: str = "not a decision of yours to dispute") -> ProblemError:
    # One answer whether the id is another provider's or names nothing.
    return unprocessable(message, errors=[{"path": "body.subject_id", "message": message}])


async def _delivered_on(
    session: AsyncSession,
    provider_id: uuid.UUID,
    subject_id: uuid.UUID,
    kind: str,
    stage: str | None = None,
) -> date | None:
    """The day the newest delivered notice of ``kind`` about ``subject_id`` reached the provider."""
    stmt = select(Notice.delivered_at).where(
        Notice.recipient_organization_id == provider_id,
        Notice.subject_id == subject_id,
        Notice.kind == kind,
        Notice.delivered_at.is_not(None),
    )
    if stage is not None:
        stmt = stmt.where(Notice.data["notice_stage"].astext == stage)
    delivered = await session.scalar(stmt.order_by(Notice.created_at.desc()).limit(1))
    return delivered.astimezone(UTC).date() if delivered is not None else None


async def _review_decision(session: AsyncSession, provider_id: uuid.UUID, review_id: uuid.UUID) -> Review:
    review = await session.scalar(
        select(Review).where(Review.id == review_id, Review.provider_id == provider_id)
    )
    if review is None:
        raise _no_such()
    if review.status != ReviewStatus.FINALIZED or review.finalized_at is None:
        raise _no_such("the review is not finalized: it has no result to dispute yet")
    return review


async def _review_target(
    session: AsyncSession, provider_id: uuid.UUID, subject: DisputeSubject, subject_id: uuid.UUID
) -> Disputed:
    finding_id = None
    review_id = subject_id
    if subject == DisputeSubject.FINDING:
        found = await session.scalar(select(Finding.review_id).where(Finding.id == subject_id))
        if found is None:
            raise _no_such()
        finding_id, review_id = subject_id, found
    review = await _review_decision(session, provider_id, review_id)
    assert review.finalized_at is not None
    # A finding reaches the provider with the review's result: the review_result notice, delivered or not
    # (it carries the finalization's date).
    notice = await session.scalar(
        select(Notice)
        .where(
            Notice.recipient_organization_id == provider_id,
            Notice.subject_id == review.id,
            Notice.kind == "review_result",
        )
        .order_by(Notice.created_at.desc())
        .limit(1)
    )
    if notice is not None and notice.delivered_at is not None:
        received = notice.delivered_at.astimezone(UTC).date()
    elif notice is not None and notice.data.get("finalized_on"):
        received = date.fromisoformat(notice.data["finalized_on"])
    else:
        received = review.finalized_at.astimezone(UTC).date()
    return Disputed(
        plan_id=review.plan_id,
        tool_version_id=review.tool_version_id,
        received_on=received,
        review_id=review.id,
        finding_id=finding_id,
    )


def _last_entry(plan: ActionPlan, **match: Any) -> dict[str, Any] | None:
    found = [e for e in plan.history if all(e.get(k) == v for k, v in match.items())]
    return dict(found[-1]) if found else None


async def _plan_target(
    session: AsyncSession, provider_id: uuid.UUID, subject: DisputeSubject, subject_id: uuid.UUID
) -> Disputed:
    plan = await session.scalar(
        select(ActionPlan).where(ActionPlan.id == subject_id, ActionPlan.provider_id == provider_id)
    )
    if plan is None:
        raise _no_such()
    decided: date | None
    if subject == DisputeSubject.ACTION_PLAN_DECISION:
        # The plan's decision a provider disputes is a return of its submission (an acceptance closes the plan).
        entry = _last_entry(plan, event="return")
        decided = date.fromisoformat(entry["on"]) if entry else None
        delivered = await _delivered_on(session, provider_id, plan.id, "action_plan_returned")
    elif subject == DisputeSubject.CAP:
        decided = plan.cap_opened_on
        delivered = await _delivered_on(session, provider_id, plan.id, "action_plan_opened", "cap")
    else:
        entry = _last_entry(plan, status=ActionPlanStatus.TERMINATION_RECOMMENDED)
        current = plan.status == ActionPlanStatus.TERMINATION_RECOMMENDED
        decided = date.fromisoformat(entry["on"]) if entry and current else None
        # The recommendation goes to the plan's admins; the provider learns of it by the CAP overdue notice.
        delivered = await _delivered_on(session, provider_id, plan.id, "action_plan_overdue", "cap")
    if decided is None:
        raise _no_such(f"the action plan has no {subject.value.replace('_', ' ')} to dispute")
    return Disputed(
        plan_id=plan.plan_id,
        tool_version_id=plan.tool_version_id,
        # A notice delivered before the decision belongs to an earlier one (an earlier return).
        received_on=delivered if delivered is not None and delivered >= decided else decided,
        review_id=plan.review_id,
        action_plan_id=plan.id,
    )


async def find_disputed(
    session: AsyncSession, provider_id: uuid.UUID, subject: DisputeSubject, subject_id: uuid.UUID
) -> Disputed:
    """The decision the provider disputes, with the day it received it; a 422 naming ``body.subject_id``
    when it is not one of the provider's or is not (yet) a decision."""
    if subject in REVIEW_SUBJECTS:
        return await _review_target(session, provider_id, subject, subject_id)
    return await _plan_target(session, provider_id, subject, subject_id)
