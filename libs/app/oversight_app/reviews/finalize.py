"""Finalizing a review: freeze the scorecard, notify the provider, open a PIP when the outcome asks."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.action_plans.escalation import open_pip
from oversight_app.audit import audit_event
from oversight_app.calendars import Calendars
from oversight_app.caller import Caller
from oversight_app.errors import ProblemError, not_found, unprocessable
from oversight_app.etags import check_if_match
from oversight_app.reviews.follow_ups import apply_follow_up
from oversight_app.reviews.schemas import (
    FinalizeOut,
    FollowUpResultOut,
    ScorecardOut,
    ScorecardVersionList,
    ScorecardVersionOut,
)
from oversight_app.reviews.scoring import ReviewScore, current_scorecard, scorecard_out
from oversight_app.reviews.service import load_open_review_for_write, load_review, review_out, tool_of
from oversight_app.reviews.stored_scores import freeze_scorecard
from oversight_db.models.reviews import Review, ScorecardVersion, ToolVersionRecord
from oversight_db.outbox import add_notice
from oversight_domain.calendars import add_months
from oversight_domain.display import percent
from oversight_domain.escalation import EscalationConfigError
from oversight_domain.scoring import Scorecard
from oversight_domain.tools import ToolVersion

MAX_LISTED_UNANSWERED = 100


async def get_scorecard(session: AsyncSession, caller: Caller, review_id: uuid.UUID) -> ScorecardOut:
    review = await load_review(session, caller, review_id)
    if review.scorecard is not None:
        # Finalized: the frozen snapshot, whatever changes later.
        return ScorecardOut.model_validate(review.scorecard)
    tool = await tool_of(session, review)
    return scorecard_out(review, await current_scorecard(session, review, tool))


def _check_complete(result: ReviewScore, tool: ToolVersion) -> None:
    """A review is finalized once every sampled record (expansion included) and element is answered. A
    follow-up whose sections have only provider-level elements needs no sample."""
    card = result.card
    if not result.drawn and tool.record_elements:
        raise unprocessable("draw the sample before finalizing", slug="sample-not-drawn")
    if result.expansion_required:
        raise unprocessable(
            "a first-draw record failed: draw the expansion sample and answer it before finalizing (seed 003)",
            slug="expansion-due",
        )
    if card.unanswered:
        errors: list[dict[str, Any]] = [
            {
                "path": f"findings[record_id={rid}].{key}" if rid else f"findings[provider].{key}",
                "message": "unanswered",
            }
            for rid, key in card.unanswered[:MAX_LISTED_UNANSWERED]
        ]
        raise ProblemError(
            422,
            f"{len(card.unanswered)} element(s) are unanswered",
            slug="unanswered-elements",
            errors=errors,
            unanswered_count=len(card.unanswered),
        )


async def _open_pip_if_required(
    session: AsyncSession,
    caller: Caller,
    review: Review,
    tool: ToolVersion,
    card: Scorecard,
    today: date,
    calendars: Calendars,
) -> uuid.UUID | None:
    """The PIP the outcome asks for (none for an exempt technical-assistance review); its id."""
    policy = tool.policies.escalation
    exempt = review.technical_assistance and policy.technical_assistance_exempt
    # A follow-up's result goes to the plan it follows up (``apply_follow_up``), never into a new PIP.
    if not card.action_plan_required or exempt or review.action_plan_id is not None:
        return None
    tool_row = await session.get(ToolVersionRecord, review.tool_version_id)
    assert tool_row is not None
    try:
        plan = await open_pip(
            session,
            plan_id=review.plan_id,
            provider_id=review.provider_id,
            tool_row=tool_row,
            review_id=review.id,
            issued_on=today,
            today=today,
            actor=caller.actor,
            calendars=calendars,
            note={
                "outcome": card.outcome,
                "sections_requiring_action": list(card.sections_requiring_action),
            },
        )
    except EscalationConfigError as exc:
        raise unprocessable(
            f"the outcome requires a PIP but {exc}; import a tool version with pip_days",
            slug="escalation-policy-incomplete",
        ) from None
    return plan.id


async def finalize(
    session: AsyncSession,
    caller: Caller,
    review_id: uuid.UUID,
    today: date,
    calendars: Calendars,
    if_match: str | None,
) -> FinalizeOut:
    """Freeze the scorecard, tell the provider the result, and open a PIP when the outcome asks for one."""
    review = await load_open_review_for_write(session, caller, review_id)
    check_if_match(if_match, review.version)
    tool = await tool_of(session, review)
    result = await current_scorecard(session, review, tool)
    _check_complete(result, tool)
    card = result.card
    action_plan_id = await _open_pip_if_required(session, caller, review, tool, card, today, calendars)
    follow_up = await apply_follow_up(session, caller, review, tool, card, today, calendars)
    review.status = "finalized"
    review.finalized_at = review.updated_at = datetime.now(UTC)
    review.finalized_by = caller.actor
    review.outcome = card.outcome
    months = tool.policies.review_frequency.months
    review.next_review_due = add_months(review.scheduled_for, months) if months else None
    snapshot = scorecard_out(review, result)
    await freeze_scorecard(session, review, snapshot.model_dump(mode="json"))
    session.add(
        ScorecardVersion(
            review_id=review.id,
            version_number=1,
            outcome=card.outcome,
            scorecard=review.scorecard,
            reason="finalized",
            created_by=caller.actor,
        )
    )
    await session.flush()
    await add_notice(
        session,
        kind="review_result",
        recipient_organization_id=review.provider_id,
        subject_type="review",
        subject_id=review.id,
        data={
            "review_id": str(review.id),
            "plan_id": str(review.plan_id),
            "provider_id": str(review.provider_id),
            "tool_key": tool.key,
            "tool_version": tool.version,
            "outcome": card.outcome,
            "total_percent": percent(card.total.score),
            "sections_requiring_action": list(card.sections_requiring_action),
            "technical_assistance": review.technical_assistance,
            "action_plan_id": str(action_plan_id) if action_plan_id else None,
            "next_review_due": review.next_review_due.isoformat() if review.next_review_due else None,
            # The decision's date: a dispute's window counts from it when the notice is not delivered.
            "finalized_on": today.isoformat(),
        },
        dedupe_key=f"review_result:{review.id}",
    )
    await audit_event(
        session,
        caller,
        "review.finalized",
        "review",
        review.id,
        {
            "outcome": card.outcome,
            "total_percent": percent(card.total.score),
            "action_plan_id": str(action_plan_id) if action_plan_id else None,
            "follow_up_of": str(review.action_plan_id) if review.action_plan_id else None,
        },
    )
    return FinalizeOut(
        review=review_out(review),
        scorecard=snapshot,
        action_plan_id=action_plan_id,
        follow_up=FollowUpResultOut.model_validate(follow_up) if follow_up else None,
    )


def _version_out(row: ScorecardVersion) -> ScorecardVersionOut:
    return ScorecardVersionOut(
        review_id=row.review_id,
        version_number=row.version_number,
        reason=row.reason,
        dispute_id=row.dispute_id,
        outcome=row.outcome,
        created_by=row.created_by,
        created_at=row.created_at,
        scorecard=ScorecardOut.model_validate(row.scorecard),
    )


async def list_scorecard_versions(
    session: AsyncSession, caller: Caller, review_id: uuid.UUID
) -> ScorecardVersionList:
    """Every scorecard the review has had, oldest first (none before it is finalized)."""
    review = await load_review(session, caller, review_id)
    rows = await session.scalars(
        select(ScorecardVersion)
        .where(ScorecardVersion.review_id == review.id)
        .order_by(ScorecardVersion.version_number)
    )
    return ScorecardVersionList(items=[_version_out(r) for r in rows])


async def get_scorecard_version(
    session: AsyncSession, caller: Caller, review_id: uuid.UUID, version_number: int
) -> ScorecardVersionOut:
    review = await load_review(session, caller, review_id)
    row = await session.scalar(
        select(ScorecardVersion).where(
            ScorecardVersion.review_id == review.id, ScorecardVersion.version_number == version_number
        )
    )
    if row is None:
        raise not_found("scorecard version")
    return _version_out(row)
