"""Scheduling reviews: the notice rule, network and eligibility checks, status changes; loading a review."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, bindparam, exists, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.business_calendars.service import for_organization
from oversight_app.calendars import Calendars
from oversight_app.caller import Caller
from oversight_app.errors import ProblemError, conflict, not_found, unprocessable
from oversight_app.etags import check_if_match
from oversight_app.lookup import one_or_404
from oversight_app.pagination import PageParams, keyset_page
from oversight_app.reviews.follow_ups import follow_up_scope
from oversight_app.reviews.reminders import cancel_review_reminder, schedule_review_reminder
from oversight_app.reviews.schemas import ReviewCreate, ReviewOut, ReviewPatch
from oversight_app.tenancy import in_network_clause, plan_provider_clause
from oversight_app.tools.service import find_version
from oversight_db.models.organizations import Organization
from oversight_db.models.reviews import Review, SampleDraw, ToolVersionRecord
from oversight_db.outbox import add_notice
from oversight_db.sampling import SamplingFrame, count_frame
from oversight_db.tools import tool_from_row
from oversight_domain.calendars import add_days
from oversight_domain.disputes import scoped_tool
from oversight_domain.escalation import is_technical_assistance
from oversight_domain.sampling import check_ecm_eligibility
from oversight_domain.statuses import OPEN_REVIEW_STATUSES, ReviewPurpose, ReviewStatus
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


_REVIEW = Review.__table__
# The hot read's statements are built once: building a select of ReviewOut's columns and its cache key on
# every request costs about as much as the database round trip. Plans and providers (the pollers) get a
# prebuilt statement each, with review_scope's filter; the state's jurisdiction filter is built per call.
_READ_BY_ID = select(*(_REVIEW.c[name] for name in ReviewOut.model_fields)).where(
    _REVIEW.c.id == bindparam("review_id")
)
_READ_IN_SCOPE = {
    "plan": _READ_BY_ID.where(_REVIEW.c.plan_id == bindparam("organization_id")),
    "provider": _READ_BY_ID.where(_REVIEW.c.provider_id == bindparam("organization_id")),
}


async def get_review_out(session: AsyncSession, caller: Caller, review_id: uuid.UUID) -> ReviewOut:
    """The hot read (partner platforms poll it before acting): a prebuilt Core select of the response's
    columns, validated once by pydantic; no ORM object or identity map. The scope is ``review_scope``'s."""
    stmt = _READ_IN_SCOPE.get(caller.organization_kind)
    if stmt is None:
        stmt = _READ_BY_ID.where(plan_provider_clause(caller, _REVIEW.c.plan_id, _REVIEW.c.provider_id))
    params = {"review_id": review_id, "organization_id": caller.organization_id}
    row = (await session.execute(stmt, params)).mappings().one_or_none()
    if row is None:
        raise not_found("review")
    return ReviewOut.model_validate(row)


async def load_open_review_for_write(session: AsyncSession, caller: Caller, review_id: uuid.UUID) -> Review:
    """The caller's review, locked for this transaction (writes to one review are serialized)."""
    require_plan(caller)
    review = await load_review(session, caller, review_id, for_update=True)
    if review.status not in OPEN_REVIEW_STATUSES:
        raise _closed(review.status)
    return review


def _closed(status: str) -> ProblemError:
    if status == "finalized":
        return conflict(
            "the review is finalized; its findings and sample are frozen", slug="review-finalized"
        )
    return conflict("the review is cancelled", slug="review-cancelled")


_TOOLS_IN_USE: dict[uuid.UUID, ToolVersion] = {}


async def tool_of(session: AsyncSession, review: Review) -> ToolVersion:
    """The review's tool version, limited to a follow-up's sections (so its findings, unanswered elements
    and scores cover only those). A version a review uses never changes, so it is kept in memory."""
    tool = _TOOLS_IN_USE.get(review.tool_version_id)
    if tool is None:
        row = await session.get(ToolVersionRecord, review.tool_version_id)
        assert row is not None
        tool = tool_from_row(row)
        if len(_TOOLS_IN_USE) > 256:
            _TOOLS_IN_USE.clear()
        _TOOLS_IN_USE[review.tool_version_id] = tool
    return scoped_tool(tool, review.scope_sections or ())


def touch(review: Review) -> None:
    """Change the row so its version (the ETag) moves: the sample or findings changed."""
    review.updated_at = datetime.now(UTC)


async def start_if_scheduled(session: AsyncSession, caller: Caller, review: Review, by: str) -> bool:
    """The draw/start rule (README "Sampling methods"): drawing the sample or recording findings on a scheduled
    review starts it - explicitly, as ``PATCH {"status": "in_progress"}`` would, and audited as
    ``review.started`` with what started it. True when it started now."""
    if review.status != ReviewStatus.SCHEDULED:
        return False
    review.status = ReviewStatus.IN_PROGRESS
    await audit_event(
        session, caller, "review.started", "review", review.id, {"status": "in_progress", "by": by}
    )
    return True


def review_out(review: Review) -> ReviewOut:
    return ReviewOut.model_validate(review, from_attributes=True)


def _check_notice(
    tool: ToolVersion, today: date, calendars: Calendars, scheduled_for: date, waiver: str | None
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
    calendar = calendars.of(tool.policies.escalation.calendar)
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


async def _check_eligibility(
    session: AsyncSession, caller: Caller, body: ReviewCreate, tool: ToolVersion
) -> None:
    sampling = tool.policies.sampling
    if sampling.eligibility_min_enrolled is None:
        return
    frame = SamplingFrame(
        program=tool.program,
        plan_id=caller.organization_id,
        provider_id=body.provider_id,
        period_start=body.period_start,
        period_end=body.period_end,
        populations=tuple(body.populations_of_focus or ()),
    )
    enrolled = await count_frame(session, frame)
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


async def create_review(
    session: AsyncSession, caller: Caller, body: ReviewCreate, today: date, calendars: Calendars
) -> Review:
    require_plan(caller)
    calendars = await for_organization(session, calendars, caller.organization_id)
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
    follow_up = await follow_up_scope(session, caller, body, tool)
    days_short = _check_notice(tool, today, calendars, body.scheduled_for, body.notice_waived_reason)
    await _check_eligibility(session, caller, body, tool)
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
        action_plan_id=follow_up.action_plan_id if follow_up else None,
        scope_sections=list(follow_up.sections) if follow_up else [],
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
            "action_plan_id": str(review.action_plan_id) if review.action_plan_id else None,
            "scope_sections": review.scope_sections,
        },
    )
    if days_short is not None:
        await audit_event(
            session,
            caller,
            "review.notice_waived",
            "review",
            review.id,
            {"days_short": days_short, "scheduled_for": review.scheduled_for.isoformat()},
        )
    return review


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


async def update_review(
    session: AsyncSession,
    caller: Caller,
    review_id: uuid.UUID,
    body: ReviewPatch,
    today: date,
    calendars: Calendars,
    if_match: str | None,
) -> Review:
    """Cancel, change the period or populations, reschedule or start a review (under its ETag)."""
    review = await load_open_review_for_write(session, caller, review_id)
    check_if_match(if_match, review.version)
    fields = body.model_dump(exclude_unset=True)
    if not fields:
        raise unprocessable("nothing to change", errors=[{"path": "body", "message": "no fields given"}])
    tool = await tool_of(session, review)
    # Applied in this order, so the first refusal is the same whatever else the body asks.
    changed = _cancel(review, body, fields)
    changed |= await _change_period(session, review, body, fields)
    calendars = await for_organization(session, calendars, review.plan_id)
    rescheduled = _reschedule(review, body, tool, today, calendars)
    changed |= rescheduled
    changed |= _start(review, body)
    if not changed:
        return review
    review.updated_at = datetime.now(UTC)
    await session.flush()
    await _notify_update(session, review, tool, today, rescheduled=bool(rescheduled))
    await audit_event(session, caller, "review.updated", "review", review.id, changed)
    return review


def _cancel(review: Review, body: ReviewPatch, fields: dict[str, Any]) -> dict[str, Any]:
    if body.status != ReviewStatus.CANCELLED:
        if "cancel_reason" in fields:
            raise unprocessable(
                "cancel_reason goes with status 'cancelled'",
                errors=[{"path": "body.cancel_reason", "message": "only with status cancelled"}],
            )
        return {}
    if not body.cancel_reason:
        raise unprocessable(
            "give cancel_reason to cancel a review",
            errors=[{"path": "body.cancel_reason", "message": "required to cancel"}],
        )
    review.status = "cancelled"
    review.cancel_reason = body.cancel_reason
    review.cancelled_at = datetime.now(UTC)
    return {"status": "cancelled"}


_FRAME_FIELDS = ("period_start", "period_end", "populations_of_focus")


async def _change_period(
    session: AsyncSession, review: Review, body: ReviewPatch, fields: dict[str, Any]
) -> dict[str, Any]:
    """The period and populations say who may be sampled: they change only until the sample is drawn."""
    asked = [k for k in _FRAME_FIELDS if k in fields]
    if not asked:
        return {}
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
    return dict.fromkeys(asked, True)


def _reschedule(
    review: Review, body: ReviewPatch, tool: ToolVersion, today: date, calendars: Calendars
) -> dict[str, Any]:
    """A new date is a new notice: the notice rule applies again from today."""
    if body.scheduled_for is None or body.scheduled_for == review.scheduled_for:
        return {}
    if review.status != "scheduled":
        raise conflict("the review has started; its date can no longer move", slug="review-started")
    days_short = _check_notice(tool, today, calendars, body.scheduled_for, body.notice_waived_reason)
    review.scheduled_for = body.scheduled_for
    review.notified_on = today
    review.notice_waived_reason = body.notice_waived_reason
    changed: dict[str, Any] = {"scheduled_for": body.scheduled_for.isoformat()}
    if days_short is not None:
        changed["notice_days_short"] = days_short
    return changed


def _start(review: Review, body: ReviewPatch) -> dict[str, Any]:
    if body.status != ReviewStatus.IN_PROGRESS:
        return {}
    if review.status != "scheduled":
        raise conflict(f"a review in status {review.status} cannot start", slug="invalid-status")
    review.status = "in_progress"
    return {"status": "in_progress"}


async def _notify_update(
    session: AsyncSession, review: Review, tool: ToolVersion, today: date, *, rescheduled: bool
) -> None:
    """Tell the provider of a new date (and move the reminder) or of the cancellation."""
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
