"""Finalizing a review: freeze the scorecard, notify the provider, open a PIP when the outcome asks."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import JSONResponse, Response

from oversight_api.clock import deployment_calendars
from oversight_api.conventions.audit import audit_event
from oversight_api.conventions.etags import check_if_match, etag_of
from oversight_api.reviews.schemas import ReviewOut, ScorecardOut
from oversight_api.reviews.scoring import current_scorecard, scorecard_out
from oversight_api.reviews.service import load_open_review_for_write, load_review, review_out, tool_of
from oversight_app.action_plans.escalation import open_pip
from oversight_app.caller import Caller
from oversight_app.errors import ProblemError, unprocessable
from oversight_db.models.reviews import ToolVersionRecord
from oversight_db.outbox import add_notice
from oversight_domain.calendars import add_months
from oversight_domain.display import percent
from oversight_domain.escalation import EscalationConfigError

MAX_LISTED_UNANSWERED = 100


class FinalizeOut(BaseModel):
    review: ReviewOut
    scorecard: ScorecardOut
    action_plan_id: uuid.UUID | None


async def get_scorecard(session: AsyncSession, caller: Caller, review_id: uuid.UUID) -> Response:
    review = await load_review(session, caller, review_id)
    if review.scorecard is not None:
        # Finalized: the frozen snapshot, whatever changes later.
        return JSONResponse(review.scorecard)
    tool = await tool_of(session, review)
    out = scorecard_out(review, await current_scorecard(session, review, tool))
    return Response(out.model_dump_json(), media_type="application/json")


async def finalize(
    session: AsyncSession, request: Request, caller: Caller, review_id: uuid.UUID, today: date
) -> JSONResponse:
    review = await load_open_review_for_write(session, caller, review_id)
    check_if_match(request, review.version)
    tool = await tool_of(session, review)
    result = await current_scorecard(session, review, tool)
    card = result.card
    if not result.drawn:
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
    policy = tool.policies.escalation
    action_plan_id: uuid.UUID | None = None
    exempt = review.technical_assistance and policy.technical_assistance_exempt
    if card.action_plan_required and not exempt:
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
                calendars=deployment_calendars(request),
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
        action_plan_id = plan.id
    review.status = "finalized"
    review.finalized_at = review.updated_at = datetime.now(UTC)
    review.finalized_by = caller.actor
    review.outcome = card.outcome
    months = tool.policies.review_frequency.months
    review.next_review_due = add_months(review.scheduled_for, months) if months else None
    snapshot = scorecard_out(review, result)
    review.scorecard = jsonable_encoder(snapshot)
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
        },
        dedupe_key=f"review_result:{review.id}",
    )
    await audit_event(
        session,
        request,
        caller,
        "review.finalized",
        "review",
        review.id,
        {
            "outcome": card.outcome,
            "total_percent": percent(card.total.score),
            "action_plan_id": str(action_plan_id) if action_plan_id else None,
        },
    )
    out = FinalizeOut(review=review_out(review), scorecard=snapshot, action_plan_id=action_plan_id)
    return JSONResponse(jsonable_encoder(out), headers={"ETag": etag_of(review.version)})
