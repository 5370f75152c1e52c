"""Retention and deletion: an organization's documents are deleted a number of years after their review
closed (finalized or cancelled) unless the review is on legal hold; each deletion is recorded.

The purge never holds a transaction over storage calls: it marks a batch ``deleting`` (short transaction,
``SKIP LOCKED``, held reviews excluded), deletes the objects, then marks them ``deleted`` with an audit
event each (short transaction). A crash in between leaves ``deleting`` rows, which the next run finishes
(deleting an object twice is harmless). A legal hold placed after a document was marked ``deleting`` comes
too late for that document.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import Date, Select, cast, func, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.documents.schemas import LegalHoldIn, LegalHoldOut, PurgeResult, RetentionIn, RetentionOut
from oversight_app.errors import ProblemError
from oversight_app.reviews.service import load_review
from oversight_db import audit
from oversight_db.blobs import BlobStore
from oversight_db.models.documents import Document, DocumentRetention, ReviewLegalHold
from oversight_db.models.reviews import Review
from oversight_domain.documents import DOCUMENT_POLICY

BATCH = 200
SYSTEM_ACTOR = "system:retention"


def _require_plan(caller: Caller) -> None:
    if caller.organization_kind != "plan":
        raise ProblemError(403, "retention and legal holds belong to the health plan", slug="forbidden")


async def get_retention(session: AsyncSession, caller: Caller) -> RetentionOut:
    _require_plan(caller)
    row = await session.get(DocumentRetention, caller.organization_id)
    if row is None:
        return RetentionOut(
            organization_id=caller.organization_id,
            years=DOCUMENT_POLICY.retention.default_years,
            default=True,
        )
    return RetentionOut(organization_id=caller.organization_id, years=row.years, default=False)


async def set_retention(session: AsyncSession, caller: Caller, body: RetentionIn) -> RetentionOut:
    _require_plan(caller)
    row = await session.get(DocumentRetention, caller.organization_id, with_for_update=True)
    if row is None:
        session.add(
            DocumentRetention(
                organization_id=caller.organization_id, years=body.years, updated_by=caller.actor
            )
        )
    else:
        row.years, row.updated_by = body.years, caller.actor
    await session.flush()
    await audit_event(
        session,
        caller,
        "document_retention.set",
        "organization",
        caller.organization_id,
        {"years": body.years},
    )
    return RetentionOut(organization_id=caller.organization_id, years=body.years, default=False)


def _hold_out(review_id: uuid.UUID, hold: ReviewLegalHold | None) -> LegalHoldOut:
    if hold is None:
        return LegalHoldOut(review_id=review_id, on_hold=False, reason=None, placed_by=None, placed_at=None)
    return LegalHoldOut(
        review_id=review_id,
        on_hold=True,
        reason=hold.reason,
        placed_by=hold.placed_by,
        placed_at=hold.placed_at,
    )


async def get_hold(session: AsyncSession, caller: Caller, review_id: uuid.UUID) -> LegalHoldOut:
    review = await load_review(session, caller, review_id)
    return _hold_out(review.id, await session.get(ReviewLegalHold, review.id))


async def place_hold(
    session: AsyncSession, caller: Caller, review_id: uuid.UUID, body: LegalHoldIn
) -> LegalHoldOut:
    _require_plan(caller)
    review = await load_review(session, caller, review_id, for_update=True)
    hold = await session.get(ReviewLegalHold, review.id)
    if hold is None:
        hold = ReviewLegalHold(review_id=review.id, reason=body.reason, placed_by=caller.actor)
        session.add(hold)
    else:
        hold.reason = body.reason
    await session.flush()
    await session.refresh(hold)
    await audit_event(session, caller, "review.legal_hold_placed", "review", review.id)
    return _hold_out(review.id, hold)


async def release_hold(session: AsyncSession, caller: Caller, review_id: uuid.UUID) -> LegalHoldOut:
    _require_plan(caller)
    review = await load_review(session, caller, review_id, for_update=True)
    hold = await session.get(ReviewLegalHold, review.id)
    if hold is not None:
        await session.delete(hold)
        await session.flush()
        await audit_event(session, caller, "review.legal_hold_released", "review", review.id)
    return _hold_out(review.id, None)


def _expired(today: date) -> Select[tuple[uuid.UUID]]:
    """Documents whose review closed more than its plan's retention years before ``today``, not on hold."""
    years = func.coalesce(
        select(DocumentRetention.years)
        .where(DocumentRetention.organization_id == Review.plan_id)
        .scalar_subquery(),
        literal(DOCUMENT_POLICY.retention.default_years),
    )
    closed = func.coalesce(Review.finalized_at, Review.cancelled_at)
    ends = cast(closed + func.make_interval(years), Date)
    held = select(ReviewLegalHold.review_id).where(ReviewLegalHold.review_id == Review.id).exists()
    return (
        select(Document.id)
        .join(Review, Review.id == Document.review_id)
        .where(
            Document.status.in_(["available", "rejected", "pending"]),
            closed.is_not(None),
            ends <= today,
            ~held,
        )
    )


async def purge_expired(
    sessions: async_sessionmaker[AsyncSession], blobs: BlobStore, today: date, *, batch: int = BATCH
) -> PurgeResult:
    """Delete every expired document's objects and record each deletion (the worker's daily cron)."""
    deleted = 0
    while True:
        async with sessions() as session, session.begin():
            rows = (
                await session.execute(
                    update(Document)
                    .where(
                        or_(
                            Document.id.in_(
                                _expired(today)
                                .limit(batch)
                                .with_for_update(skip_locked=True)
                                .scalar_subquery()
                            ),
                            Document.id.in_(
                                select(Document.id)
                                .where(Document.status == "deleting")
                                .limit(batch)
                                .with_for_update(skip_locked=True)
                                .scalar_subquery()
                            ),
                        )
                    )
                    .values(status="deleting")
                    .returning(Document.id, Document.object_key, Document.plan_id)
                    .execution_options(synchronize_session=False)
                )
            ).all()
        if not rows:
            break
        for row in rows:
            await blobs.delete(row.object_key)
            await blobs.delete(f"uploads/{row.id}")
        async with sessions() as session, session.begin():
            await session.execute(
                update(Document)
                .where(Document.id.in_([r.id for r in rows]), Document.status == "deleting")
                .values(status="deleted", deleted_at=datetime.now(UTC))
                .execution_options(synchronize_session=False)
            )
            for row in rows:
                await audit.record(
                    session,
                    organization_id=row.plan_id,
                    actor=SYSTEM_ACTOR,
                    action="document.deleted",
                    entity_type="document",
                    entity_id=row.id,
                    request_id=None,
                    changes={"reason": "retention"},
                )
        deleted += len(rows)
        if len(rows) < batch:
            break
    async with sessions() as session:
        held = await session.scalar(
            select(func.count())
            .select_from(Document)
            .join(ReviewLegalHold, ReviewLegalHold.review_id == Document.review_id)
            .where(Document.status.in_(["available", "rejected", "pending"]))
        )
    return PurgeResult(deleted=deleted, held=held or 0)
