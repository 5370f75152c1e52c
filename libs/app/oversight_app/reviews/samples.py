"""Sample draws, the sampled records (member identity: every read is audited) and exclusions."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.errors import conflict, not_found
from oversight_app.pagination import PageParams, keyset_page
from oversight_app.reviews.schemas import (
    ExcludeOut,
    RecordMember,
    RecordOut,
    SampleDrawIn,
    SampleDrawOut,
)
from oversight_app.reviews.scoring import current_scorecard
from oversight_app.reviews.service import load_open_review_for_write, load_review, tool_of, touch
from oversight_db.models.members import Member
from oversight_db.models.reviews import Finding, Review, ReviewRecord, SampleDraw
from oversight_db.sampling import DrawRequest, DrawResult, SamplingFrame, draw_in_sql
from oversight_domain.sampling import allocate_quotas
from oversight_domain.tools import SamplingPolicy, ToolVersion

T = TypeVar("T")


@dataclass(frozen=True)
class SampleChange(Generic[T]):
    """What a change to the sample returns, and the review's version after it (the response's ETag)."""

    result: T
    review_version: int


def draw_out(draw: SampleDraw, sampled: int, reserve: int) -> SampleDrawOut:
    return SampleDrawOut(
        id=draw.id,
        review_id=draw.review_id,
        draw_number=draw.draw_number,
        seed=draw.seed,
        frame_size=draw.frame_size,
        frame_fingerprint=draw.frame_fingerprint,
        strata_sizes=draw.strata_sizes,
        quotas=draw.quotas,
        sampled=sampled,
        reserve=reserve,
        drawn_by=draw.drawn_by,
        drawn_at=draw.drawn_at,
    )


async def _next_draw_number(session: AsyncSession, review: Review, tool: ToolVersion) -> int:
    numbers = set(
        await session.scalars(select(SampleDraw.draw_number).where(SampleDraw.review_id == review.id))
    )
    if not numbers:
        return 1
    if 2 in numbers:
        raise conflict("both draws of this review are done", slug="no-draw-due")
    if tool.policies.sampling.expansion_size <= 0:
        raise conflict("the tool has no expansion draw", slug="no-draw-due")
    card = await current_scorecard(session, review, tool)
    if not card.expansion_required:
        raise conflict(
            "no expansion draw is due: none of the first draw's records has failed", slug="no-draw-due"
        )
    return 2


async def _draw_seed(session: AsyncSession, review: Review, number: int, seed: str | None) -> str:
    if seed is None and number == 2:
        # The expansion continues the first draw's order unless the reviewer picks a seed.
        seed = await session.scalar(
            select(SampleDraw.seed).where(SampleDraw.review_id == review.id, SampleDraw.draw_number == 1)
        )
    return seed or secrets.token_hex(8)


def _draw_size(policy: SamplingPolicy, number: int) -> tuple[int, int | None]:
    """Members per stratum and the cap on the total: the first draw's, or the expansion's (no cap)."""
    return (policy.per_stratum, policy.cap) if number == 1 else (policy.expansion_size, None)


def _draw_request(
    review: Review, policy: SamplingPolicy, number: int, seed: str, already: list[str]
) -> DrawRequest:
    """The review's frame and the tool's sampling policy as the SQL draw's request."""
    per_stratum, _cap = _draw_size(policy, number)
    frame = SamplingFrame(
        program=review.program,
        plan_id=review.plan_id,
        provider_id=review.provider_id,
        period_start=review.period_start,
        period_end=review.period_end,
        populations=tuple(review.populations_of_focus or ()),
    )
    return DrawRequest(
        frame=frame,
        seed=seed,
        keep=per_stratum + policy.oversample,
        single_stratum=policy.strata == "single",
        already=already,
    )


def _records(
    review: Review, draw: SampleDraw, result: DrawResult, quotas: dict[str, int], oversample: int
) -> list[ReviewRecord]:
    """Each pool's first ``quota`` members are sampled, the next ``oversample`` held in reserve."""
    records = []
    for pool, members in result.top.items():
        quota = quotas.get(pool, 0)
        for m in members:
            if m.position > quota + oversample:
                continue
            records.append(
                ReviewRecord(
                    id=uuid.uuid4(),
                    review_id=review.id,
                    draw_id=draw.id,
                    draw_number=draw.draw_number,
                    member_id=uuid.UUID(m.member_id),
                    stratum=pool,
                    position=m.position,
                    status="sampled" if m.position <= quota else "reserve",
                )
            )
    return records


async def draw_sample(
    session: AsyncSession, caller: Caller, review_id: uuid.UUID, body: SampleDrawIn
) -> SampleChange[SampleDrawOut]:
    review = await load_open_review_for_write(session, caller, review_id)
    tool = await tool_of(session, review)
    number = await _next_draw_number(session, review, tool)
    policy = tool.policies.sampling
    seed = await _draw_seed(session, review, number, body.seed)
    # Members already drawn (sampled, reserve or excluded) are never drawn again for this review.
    already = [
        str(m)
        for m in await session.scalars(
            select(ReviewRecord.member_id).where(ReviewRecord.review_id == review.id)
        )
    ]
    result = await draw_in_sql(session, _draw_request(review, policy, number, seed, already))
    quotas = allocate_quotas(result.available, *_draw_size(policy, number))
    if sum(quotas.values()) == 0:
        raise conflict("the sampling frame has no members left to draw", slug="empty-frame")
    draw = SampleDraw(
        id=uuid.uuid4(),
        review_id=review.id,
        draw_number=number,
        seed=seed,
        frame_size=result.frame_size,
        frame_fingerprint=result.frame_fingerprint,
        strata_sizes=result.available,
        quotas=quotas,
        drawn_by=caller.actor,
        drawn_at=datetime.now(UTC),
    )
    session.add(draw)
    await session.flush()  # no ORM relationship orders the inserts: the draw row goes first
    records = _records(review, draw, result, quotas, policy.oversample)
    session.add_all(records)
    touch(review)
    await session.flush()
    await audit_event(
        session,
        caller,
        "review.sample_drawn",
        "review",
        review.id,
        {"draw_number": number, "seed": seed, "frame_size": result.frame_size, "quotas": quotas},
    )
    sampled = sum(r.status == "sampled" for r in records)
    return SampleChange(draw_out(draw, sampled, len(records) - sampled), review.version)


async def list_draws(session: AsyncSession, caller: Caller, review_id: uuid.UUID) -> list[SampleDrawOut]:
    review = await load_review(session, caller, review_id)
    draws = list(
        await session.scalars(
            select(SampleDraw).where(SampleDraw.review_id == review.id).order_by(SampleDraw.draw_number)
        )
    )
    counts: dict[tuple[uuid.UUID, str], int] = {}
    rows = await session.execute(
        select(ReviewRecord.draw_id, ReviewRecord.status, func.count())
        .where(ReviewRecord.review_id == review.id)
        .group_by(ReviewRecord.draw_id, ReviewRecord.status)
    )
    for draw_id, status, n in rows:
        counts[(draw_id, status)] = n
    return [draw_out(d, counts.get((d.id, "sampled"), 0), counts.get((d.id, "reserve"), 0)) for d in draws]


_RECORD_COLUMNS = (
    ReviewRecord.id,
    ReviewRecord.review_id,
    ReviewRecord.draw_number,
    ReviewRecord.stratum,
    ReviewRecord.position,
    ReviewRecord.status,
    ReviewRecord.exclusion_reason,
    ReviewRecord.excluded_at,
    ReviewRecord.replaces_record_id,
    Member.id.label("member_id"),
    Member.member_number,
    Member.first_name,
    Member.last_name,
    Member.birth_date,
)


def _record_out(row: Any) -> RecordOut:
    return RecordOut(
        id=row.id,
        review_id=row.review_id,
        draw_number=row.draw_number,
        stratum=row.stratum,
        position=row.position,
        status=row.status,
        exclusion_reason=row.exclusion_reason,
        excluded_at=row.excluded_at,
        replaces_record_id=row.replaces_record_id,
        member=RecordMember(
            id=row.member_id,
            member_number=row.member_number,
            first_name=row.first_name,
            last_name=row.last_name,
            birth_date=row.birth_date,
        ),
    )


async def list_records(
    session: AsyncSession,
    caller: Caller,
    review_id: uuid.UUID,
    page: PageParams,
    status: str | None,
) -> tuple[list[RecordOut], str | None]:
    review = await load_review(session, caller, review_id)
    stmt = (
        select(*_RECORD_COLUMNS)
        .join(Member, Member.id == ReviewRecord.member_id)
        .where(ReviewRecord.review_id == review.id)
    )
    if status is not None:
        stmt = stmt.where(ReviewRecord.status == status)
    rows, cursor = await keyset_page(
        session,
        stmt,
        [ReviewRecord.draw_number, ReviewRecord.stratum, ReviewRecord.position],
        page,
        scalars=False,
    )
    if rows:
        # Member identity is PHI: the read is recorded (who, which review, how many records; no identities).
        await audit_event(
            session,
            caller,
            "review.records_read",
            "review",
            review.id,
            {"records": len(rows), "phi": True},
        )
    return [_record_out(r) for r in rows], cursor


async def _record_row(session: AsyncSession, record_id: uuid.UUID) -> Any:
    stmt = (
        select(*_RECORD_COLUMNS)
        .join(Member, Member.id == ReviewRecord.member_id)
        .where(ReviewRecord.id == record_id)
    )
    return (await session.execute(stmt)).one()


async def exclude_record(
    session: AsyncSession,
    caller: Caller,
    review_id: uuid.UUID,
    record_id: uuid.UUID,
    reason: str,
) -> SampleChange[ExcludeOut]:
    review = await load_open_review_for_write(session, caller, review_id)
    record = await session.scalar(
        select(ReviewRecord)
        .where(ReviewRecord.id == record_id, ReviewRecord.review_id == review.id)
        .with_for_update()
    )
    if record is None:
        raise not_found("record")
    if record.status != "sampled":
        raise conflict(
            f"only a sampled record can be excluded; this one is {record.status}", slug="record-not-sampled"
        )
    replacement = await session.scalar(
        select(ReviewRecord)
        .where(
            ReviewRecord.review_id == review.id,
            ReviewRecord.draw_number == record.draw_number,
            ReviewRecord.stratum == record.stratum,
            ReviewRecord.status == "reserve",
        )
        .order_by(ReviewRecord.position)
        .limit(1)
        .with_for_update()
    )
    if replacement is None:
        raise conflict(
            "the stratum's oversample is used up; no replacement is left for this record",
            slug="oversample-exhausted",
        )
    record.status = "excluded"
    record.exclusion_reason = reason
    record.excluded_at = datetime.now(UTC)
    replacement.status = "sampled"
    replacement.replaces_record_id = record.id
    # The excluded record is no longer scored; its answers go with it.
    await session.execute(
        delete(Finding).where(Finding.review_id == review.id, Finding.record_id == record.id)
    )
    touch(review)
    await session.flush()
    await audit_event(
        session,
        caller,
        "review.record_excluded",
        "review_record",
        record.id,
        {
            "review_id": str(review.id),
            "draw_number": record.draw_number,
            "stratum": record.stratum,
            "replacement_record_id": str(replacement.id),
        },
    )
    out = ExcludeOut(
        excluded=_record_out(await _record_row(session, record.id)),
        replacement=_record_out(await _record_row(session, replacement.id)),
    )
    return SampleChange(out, review.version)
