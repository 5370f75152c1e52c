"""Scheduling reviews: the notice rule, network and eligibility checks, status changes."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from sqlalchemy import ColumnElement, exists, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import JSONResponse, Response

from oversight_api.clock import calendar_for
from oversight_api.conventions.audit import audit_event
from oversight_api.conventions.etags import check_if_match, etag_of
from oversight_api.reviews.schemas import ReviewCreate, ReviewOut, ReviewPatch
from oversight_app.caller import Caller
from oversight_app.errors import ProblemError, conflict, not_found, unprocessable
from oversight_app.lookup import one_or_404
from oversight_app.pagination import PageParams, keyset_page
from oversight_app.tenancy import in_network_clause, plan_provider_clause
from oversight_app.tools.service import find_version
from oversight_db.models.organizations import Organization
from oversight_db.models.reviews import Review, SampleDraw, ToolVersionRecord
from oversight_db.outbox import add_notice
from oversight_db.review_reminders import cancel_review_reminder, schedule_review_reminder
from oversight_db.sampling import count_frame
from oversight_db.tools import tool_from_row
from oversight_domain.calendars import add_days
from oversight_domain.escalation import is_technical_assistance
from oversight_domain.sampling import check_ecm_eligibility
from oversight_domain.statuses import ReviewPurpose, ReviewStatus
from oversight_domain.tools import ToolVersion

# Seed 000: notice lets providers "establish user login access for the monitoring staff" with their care
# management platform vendors; the notice says so, with the period under review.
ACCESS_NEEDED = (
    "Work with your care management platform vendor to establish user login access for the monitoring "
    "staff before the review date."
)


def review_scope(caller: Caller) -> ColumnElement[bool]:
    """A plan sees the reviews it runs; a provider sees the reviews of itself."""
    return plan_provider_clause(caller, Review.plan_id, Review.provider_id)


def require_plan(caller: Caller) -> None:
    if caller.organization_kind != "plan":
        raise ProblemError(403, "only a health plan runs reviews", slug="forbidden")


async def load_review(
    session: AsyncSession, caller: Caller, review_id: uuid.UUID, *, for_update: bool = False
) -> Review:
    stmt = select(Review).where(Review.id == review_id, review_scope(caller))
    return await one_or_404(session, stmt, "review", lock=for_update)


_OUT_COLUMNS = ", ".join(ReviewOut.model_fields)
_READ_SQL = {
    kind: f"SELECT {_OUT_COLUMNS} FROM review WHERE id = $1 AND {column} = $2"
    for kind, column in (("plan", "plan_id"), ("provider", "provider_id"))
}


async def review_json(session: AsyncSession, caller: Caller, review_id: uuid.UUID) -> Response:
    """The hot read (partner platforms poll it before acting).

    One prepared statement on the request's connection through the driver: no SQL construction or
    compilation, no ORM identity map, no BEGIN/COMMIT round trips (a single SELECT is atomic; the unit of
    work's commit has nothing to do), and one validation + serialization by pydantic-core. The scope is
    the same as ``review_scope``: the plan's own reviews, or the provider's reviews of itself.
    """
    sql = _READ_SQL.get(caller.organization_kind)
    if sql is None:
        review = await load_review(session, caller, review_id)
        out = review_out(review)
    else:
        connection = await session.connection()
        raw = await connection.get_raw_connection()
        row = await raw.driver_connection.fetchrow(sql, review_id, caller.organization_id)  # type: ignore[union-attr]
        if row is None:
            raise not_found("review")
        out = ReviewOut.model_validate(dict(row))
    return Response(
        out.model_dump_json(), media_type="application/json", headers={"ETag": etag_of(out.version)}
    )


async def load_open_review_for_write(session: AsyncSession, caller: Caller, review_id: uuid.UUID) -> Review:
    """The caller's review, locked for this transaction (writes to one review are serialized)."""
    require_plan(caller)
    review = await load_review(session, caller, review_id, for_update=True)
    if review.status == "finalized":
        raise conflict("the review is finalized; its findings and sample are frozen", slug="review-finalized")
    if review.status == "cancelled":
        raise conflict("the review is cancelled", slug="review-cancelled")
    return review


_TOOLS_IN_USE: dict[uuid.UUID, ToolVersion] = {}


async def tool_of(session: AsyncSession, review: Review) -> ToolVersion:
    """The review's tool version. A version a review uses never changes, so it is kept in memory."""
    tool = _TOOLS_IN_USE.get(review.tool_version_id)
    if tool is None:
        row = await session.get(ToolVersionRecord, review.tool_version_id)
        assert row is not None
        tool = tool_from_row(row)
        if len(_TOOLS_IN_USE) > 256:
            _TOOLS_IN_USE.clear()
        _TOOLS_IN_USE[review.tool_version_id] = tool
    return tool


def touch(review: Review) -> None:
    """Change the row so its version (the ETag) moves: the sample or findings changed."""
    review.updated_at = datetime.now(UTC)
    if review.status == "scheduled":
        review.status = "in_progress"


def review_out(review: Review) -> ReviewOut:
    return ReviewOut.model_validate(review, from_attributes=True)


def review_response(review: Review, status_code: int = 200, location: bool = False) -> JSONResponse:
    headers = {"ETag": etag_of(review.version)}
    if location:
        headers["Location"] = f"/v1/reviews/{review.id}"
    return JSONResponse(jsonable_encoder(review_out(review)), status_code=status_code, headers=headers)


def _check_notice(
    request: Request, tool: ToolVersion, today: date, scheduled_for: date, waiver: str | None
) -> int | None:
    """Apply the tool's notice rule; return the days short when a waiver lets a short notice through."""
    if scheduled_for < today:
        raise unprocessable(
            "scheduled_for is in the past",
            errors=[{"path": "body.scheduled_for", "message": "must be today or later"}],
        )
    notice = tool.policies.notice
    if notice is None:
        return None
    calendar = calendar_for(request, tool.policies.escalation.calendar)
    earliest = add_days(today, notice.days, notice.day_type, calendar)
    if scheduled_for >= earliest:
        return None
    if waiver:
        return (earliest - scheduled_for).days
    raise ProblemError(
        422,
        f"the tool requires {notice.days} {notice.day_type} days' notice: schedule on or after "
        f"{earliest.isoformat()}, or give notice_waived_reason",
        slug="notice-period",
        errors=[{"path": "body.scheduled_for", "message": f"must be on or after {earliest.isoformat()}"}],
        earliest_allowed=earliest.isoformat(),
    )


async def _check_network(
    session: AsyncSession, caller: Caller, provider_id: uuid.UUID, program: str, today: date
) -> None:
    # A suspended contract still allows a review; a terminated one does not.
    linked = await session.scalar(
        select(in_network_clause(caller.organization_id, literal(provider_id), program))
    )
    if not linked:
        # One message whether the provider exists or not: nothing about other tenants leaks.
        raise unprocessable(
            f"the provider is not in your active network for {program.upper()}",
            errors=[
                {"path": "body.provider_id", "message": f"not an active {program.upper()} provider of yours"}
            ],
            slug="provider-not-in-network",
        )


def _reminder_days(tool: ToolVersion) -> int | None:
    notice = tool.policies.notice
    return notice.reminder_days_before if notice else None


def _notice_data(review: Review, tool: ToolVersion, plan_name: str) -> dict[str, Any]:
    # Ids, dates and the tool; never member data.
    return {
        "review_id": str(review.id),
        "plan_id": str(review.plan_id),
        "plan_name": plan_name,
        "provider_id": str(review.provider_id),
        "tool_key": tool.key,
        "tool_version": tool.version,
        "tool_title": tool.title,
        "purpose": review.purpose,
        "technical_assistance": review.technical_assistance,
        "scheduled_for": review.scheduled_for.isoformat(),
        "period_start": review.period_start.isoformat(),
        "period_end": review.period_end.isoformat(),
        "notified_on": review.notified_on.isoformat(),
        "access_needed": ACCESS_NEEDED,
    }


async def create_review(
    session: AsyncSession, request: Request, caller: Caller, body: ReviewCreate, today: date
) -> JSONResponse:
    require_plan(caller)
    row = await find_version(session, caller, body.tool_key, body.tool_version)
    if row is None:
        raise unprocessable(
            "unknown tool or tool version",
            errors=[
                {
                    "path": "body.tool_version" if body.tool_version else "body.tool_key",
                    "message": "not found",
                }
            ],
        )
    tool = tool_from_row(row)
    await _check_network(session, caller, body.provider_id, tool.program, today)
    days_short = _check_notice(request, tool, today, body.scheduled_for, body.notice_waived_reason)
    sampling = tool.policies.sampling
    if sampling.eligibility_min_enrolled is not None:
        enrolled = await count_frame(
            session,
            program=tool.program,
            plan_id=caller.organization_id,
            provider_id=body.provider_id,
            period_start=body.period_start,
            period_end=body.period_end,
            populations=body.populations_of_focus,
        )
        eligibility = check_ecm_eligibility(enrolled, sampling)
        if not eligibility.eligible:
            raise ProblemError(
                422,
                f"the provider has {enrolled} enrolled {tool.program.upper()} members in the review period; "
                f"the tool reviews providers with at least {eligibility.minimum} (seed 003)",
                slug="provider-not-eligible",
                enrolled_count=enrolled,
                minimum=eligibility.minimum,
            )
    # Seed 000: a provider's initial monitoring review with the tool is technical assistance.
    earlier = await session.scalar(
        select(
            exists().where(
                Review.plan_id == caller.organization_id,
                Review.provider_id == body.provider_id,
                Review.tool_key == tool.key,
                Review.status != ReviewStatus.CANCELLED,
            )
        )
    )
    technical_assistance = is_technical_assistance(
        tool.policies.escalation,
        prior_reviews_with_tool=1 if earlier else 0,
        visit_purpose_is_ta=body.purpose == ReviewPurpose.TECHNICAL_ASSISTANCE,
    )
    review = Review(
        id=uuid.uuid4(),
        plan_id=caller.organization_id,
        provider_id=body.provider_id,
        tool_version_id=row.id,
        tool_key=tool.key,
        tool_version=tool.version,
        program=tool.program,
        purpose=body.purpose,
        status="scheduled",
        technical_assistance=technical_assistance,
        period_start=body.period_start,
        period_end=body.period_end,
        scheduled_for=body.scheduled_for,
        populations_of_focus=body.populations_of_focus or [],
        notice_waived_reason=body.notice_waived_reason,
        notified_on=today,
        created_by=caller.actor,
    )
    session.add(review)
    await session.flush()
    plan_name = await session.scalar(
        select(Organization.name).where(Organization.id == caller.organization_id)
    )
    await add_notice(
        session,
        kind="review_scheduled",
        recipient_organization_id=review.provider_id,
        subject_type="review",
        subject_id=review.id,
        data=_notice_data(review, tool, plan_name or ""),
        dedupe_key=f"review_scheduled:{review.id}",
    )
    await schedule_review_reminder(session, review, today, _reminder_days(tool))
    await audit_event(
        session,
        request,
        caller,
        "review.scheduled",
        "review",
        review.id,
        {
            "provider_id": str(review.provider_id),
            "tool": f"{tool.key}@{tool.version}",
            "purpose": review.purpose,
            "scheduled_for": review.scheduled_for.isoformat(),
            "technical_assistance": technical_assistance,
        },
    )
    if days_short is not None:
        await audit_event(
            session,
            request,
            caller,
            "review.notice_waived",
            "review",
            review.id,
            {"days_short": days_short, "scheduled_for": review.scheduled_for.isoformat()},
        )
    return review_response(review, 201, location=True)


async def list_reviews(
    session: AsyncSession,
    caller: Caller,
    page: PageParams,
    *,
    provider_id: uuid.UUID | None,
    status: str | None,
    tool_key: str | None,
    scheduled_from: date | None,
    scheduled_to: date | None,
) -> tuple[list[ReviewOut], str | None]:
    stmt = select(Review).where(review_scope(caller))
    if provider_id is not None:
        stmt = stmt.where(Review.provider_id == provider_id)
    if status is not None:
        stmt = stmt.where(Review.status == status)
    if tool_key is not None:
        stmt = stmt.where(Review.tool_key == tool_key)
    if scheduled_from is not None:
        stmt = stmt.where(Review.scheduled_for >= scheduled_from)
    if scheduled_to is not None:
        stmt = stmt.where(Review.scheduled_for <= scheduled_to)
    rows, cursor = await keyset_page(session, stmt, [Review.created_at, Review.id], page, descending=True)
    return [review_out(r) for r in rows], cursor


async def patch_review(
    session: AsyncSession,
    request: Request,
    caller: Caller,
    review_id: uuid.UUID,
    body: ReviewPatch,
    today: date,
) -> JSONResponse:
    review = await load_open_review_for_write(session, caller, review_id)
    check_if_match(request, review.version)
    fields = body.model_dump(exclude_unset=True)
    if not fields:
        raise unprocessable("nothing to change", errors=[{"path": "body", "message": "no fields given"}])
    tool = await tool_of(session, review)
    changed: dict[str, Any] = {}
    if body.status == ReviewStatus.CANCELLED:
        if not body.cancel_reason:
            raise unprocessable(
                "give cancel_reason to cancel a review",
                errors=[{"path": "body.cancel_reason", "message": "required to cancel"}],
            )
        review.status = "cancelled"
        review.cancel_reason = body.cancel_reason
        review.cancelled_at = datetime.now(UTC)
        changed["status"] = "cancelled"
    elif "cancel_reason" in fields:
        raise unprocessable(
            "cancel_reason goes with status 'cancelled'",
            errors=[{"path": "body.cancel_reason", "message": "only with status cancelled"}],
        )
    if "period_start" in fields or "period_end" in fields or "populations_of_focus" in fields:
        drawn = await session.scalar(select(exists().where(SampleDraw.review_id == review.id)))
        if drawn:
            raise conflict(
                "the sample is drawn; the period and populations can no longer change", slug="sample-drawn"
            )
        start = body.period_start or review.period_start
        end = body.period_end or review.period_end
        if end < start:
            raise unprocessable(
                "period_end must be on or after period_start",
                errors=[{"path": "body.period_end", "message": "before period_start"}],
            )
        review.period_start, review.period_end = start, end
        if body.populations_of_focus is not None:
            review.populations_of_focus = body.populations_of_focus
        changed.update(
            {k: True for k in ("period_start", "period_end", "populations_of_focus") if k in fields}
        )
    rescheduled = False
    if body.scheduled_for is not None and body.scheduled_for != review.scheduled_for:
        if review.status != "scheduled":
            raise conflict("the review has started; its date can no longer move", slug="review-started")
        days_short = _check_notice(request, tool, today, body.scheduled_for, body.notice_waived_reason)
        review.scheduled_for = body.scheduled_for
        review.notified_on = today
        review.notice_waived_reason = body.notice_waived_reason
        changed["scheduled_for"] = body.scheduled_for.isoformat()
        if days_short is not None:
            changed["notice_days_short"] = days_short
        rescheduled = True
    if body.status == ReviewStatus.IN_PROGRESS:
        if review.status != "scheduled":
            raise conflict(f"a review in status {review.status} cannot start", slug="invalid-status")
        review.status = "in_progress"
        changed["status"] = "in_progress"
    if not changed:
        return review_response(review)
    review.updated_at = datetime.now(UTC)
    await session.flush()
    plan_name = await session.scalar(select(Organization.name).where(Organization.id == review.plan_id))
    if rescheduled and review.status == "scheduled":
        await add_notice(
            session,
            kind="review_rescheduled",
            recipient_organization_id=review.provider_id,
            subject_type="review",
            subject_id=review.id,
            data=_notice_data(review, tool, plan_name or ""),
            dedupe_key=f"review_rescheduled:{review.id}:{review.version}",
        )
        await schedule_review_reminder(session, review, today, _reminder_days(tool))
    if review.status == "cancelled":
        await cancel_review_reminder(session, review.id)
        await add_notice(
            session,
            kind="review_cancelled",
            recipient_organization_id=review.provider_id,
            subject_type="review",
            subject_id=review.id,
            data={**_notice_data(review, tool, plan_name or ""), "cancelled": True},
            dedupe_key=f"review_cancelled:{review.id}",
        )
    await audit_event(session, request, caller, "review.updated", "review", review.id, changed)
    return review_response(review)
