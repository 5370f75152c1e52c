"""Sample draws, the sampled records (member identity: every read is audited) and exclusions."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.errors import conflict, not_found, unprocessable
from oversight_app.pagination import PageParams, keyset_page
from oversight_app.reviews.schemas import (
    ExcludeOut,
    RecordMember,
    RecordOut,
    SampleDrawIn,
    SampleDrawnOut,
    SampleDrawOut,
)
from oversight_app.reviews.scoring import current_scorecard
from oversight_app.reviews.service import (
    load_open_review_for_write,
    load_review,
    start_if_scheduled,
    tool_of,
    touch,
)
from oversight_app.reviews.suggestions import refresh_suggestions
from oversight_db.models.members import Member
from oversight_db.models.reviews import Finding, Review, ReviewRecord, SampleDraw
from oversight_db.sampling import DrawRequest, DrawResult, SamplingFrame, draw_in_sql
from oversight_domain.sampling import DrawSize, draw_keep, draw_size
from oversight_domain.statuses import SampleRecordStatus
from oversight_domain.tools import SamplingPolicy, ToolVersion

T = TypeVar("T")


@dataclass(frozen=True)
class SampleChange(Generic[T]):
    """What a change to the sample returns, and the review's version after it (the response's ETag)."""

    result: T
    review_version: int


def draw_out(draw: SampleDraw, counts: Mapping[str, int]) -> SampleDrawOut:
    """The draw with its records counted by status (``counts``: status -> records of this draw)."""
    drawn = sum(draw.quotas.values())
    return SampleDrawOut(
        id=draw.id,
        review_id=draw.review_id,
        draw_number=draw.draw_number,
        seed=draw.seed,
        frame_size=draw.frame_size,
        frame_fingerprint=draw.frame_fingerprint,
        strata_sizes=draw.strata_sizes,
        quotas=draw.quotas,
        requested=draw.requested,
        available=sum(draw.strata_sizes.values()),
        limited_by_frame=draw.requested is not None and drawn < draw.requested,
        sampled=counts.get("sampled", 0),
        held=counts.get("held", 0),
        reserve=counts.get("reserve", 0),
        drawn_by=draw.drawn_by,
        drawn_at=draw.drawn_at,
    )


async def _draws(session: AsyncSession, review: Review) -> dict[int, SampleDraw]:
    rows = await session.scalars(select(SampleDraw).where(SampleDraw.review_id == review.id))
    return {d.draw_number: d for d in rows}


async def _next_draw_number(
    session: AsyncSession, review: Review, tool: ToolVersion, draws: Mapping[int, SampleDraw]
) -> int:
    if not draws:
        return 1
    if 2 in draws:
        raise conflict("both draws of this review are done", slug="no-draw-due")
    if not tool.policies.sampling.has_second_stage:
        raise conflict("the tool has no expansion draw", slug="no-draw-due")
    card = await current_scorecard(session, review, tool)
    if not card.expansion_required:
        raise conflict(
            "no expansion draw is due: none of the first draw's records has failed", slug="no-draw-due"
        )
    return 2


def _draw_request(
    review: Review, policy: SamplingPolicy, number: int, seed: str, already: list[str]
) -> DrawRequest:
    """The review's frame and the tool's sampling policy as the SQL draw's request."""
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
        keep=draw_keep(policy, number),
        single_stratum=policy.strata == "single",
        already=already,
    )


def _status(position: int, pool: str, size: DrawSize, oversample: int) -> SampleRecordStatus | None:
    """A ranked member's place: the pool's first ``quota`` are sampled, the next ``held`` held for the second
    stage, the next ``oversample`` in reserve; the rest were ranked only because the draw could need them."""
    quota, held = size.quotas.get(pool, 0), size.held.get(pool, 0)
    if position <= quota:
        return SampleRecordStatus.SAMPLED
    if position <= quota + held:
        return SampleRecordStatus.HELD
    if position <= quota + held + oversample:
        return SampleRecordStatus.RESERVE
    return None


def _records(
    review: Review,
    draw: SampleDraw,
    result: DrawResult,
    size: DrawSize,
    oversample: int,
    reserves: Mapping[str, ReviewRecord],
) -> list[ReviewRecord]:
    """This draw's records. A member held in reserve by the first draw and ranked again by the expansion moves
    to the expansion (its row is updated: a member has one record per review); the others are new rows."""
    new = []
    for pool, members in result.top.items():
        for m in members:
            status = _status(m.position, pool, size, oversample)
            if status is None:
                continue
            record = reserves.get(m.member_id)
            if record is None:
                record = ReviewRecord(id=uuid.uuid4(), review_id=review.id, member_id=uuid.UUID(m.member_id))
                new.append(record)
            record.draw_id, record.draw_number = draw.id, draw.draw_number
            record.stratum, record.position, record.status = pool, m.position, status
    return new


async def _records_by_status(session: AsyncSession, review: Review, *statuses: str) -> list[ReviewRecord]:
    return list(
        await session.scalars(
            select(ReviewRecord)
            .where(ReviewRecord.review_id == review.id, ReviewRecord.status.in_(statuses))
            .order_by(ReviewRecord.stratum, ReviewRecord.position)
        )
    )


async def _frame_draw(
    session: AsyncSession, review: Review, policy: SamplingPolicy, number: int, seed: str, actor: str
) -> SampleDraw:
    """A draw from the frame: the first sample, or an expansion from every member not in the sample yet."""
    # Members in the sample or excluded from it are never drawn again; reserves (and held members) may be.
    taken = await _records_by_status(session, review, "sampled", "excluded")
    reserves = {str(r.member_id): r for r in await _records_by_status(session, review, "reserve")}
    already = [str(r.member_id) for r in taken]
    result = await draw_in_sql(session, _draw_request(review, policy, number, seed, already))
    size = draw_size(policy, number, result.available)
    if number == 1 and size.drawn == 0:
        raise conflict("the sampling frame has no members left to draw", slug="empty-frame")
    # An expansion that finds fewer members than it asks for takes them all (none, even): the review can then be
    # finalized with the sample the frame allows, and the draw says it was limited by the frame.
    draw = _draw_row(
        review, number, seed, result.frame_size, result.frame_fingerprint, result.available, size, actor
    )
    session.add(draw)
    await session.flush()  # no ORM relationship orders the inserts: the draw row goes first
    session.add_all(_records(review, draw, result, size, policy.oversample, reserves))
    return draw


async def _upfront_second_stage(
    session: AsyncSession, review: Review, policy: SamplingPolicy, first: SampleDraw, actor: str
) -> SampleDraw:
    """The upfront method's second stage: the rest of the sample drawn up front becomes due. Nothing is drawn
    from the frame now, so the stage describes the first draw's frame and seed."""
    held = await _records_by_status(session, review, "held")
    counts: dict[str, int] = {}
    for r in held:
        counts[r.stratum] = counts.get(r.stratum, 0) + 1
    size = draw_size(policy, 2, counts)
    draw = _draw_row(review, 2, first.seed, first.frame_size, first.frame_fingerprint, counts, size, actor)
    session.add(draw)
    await session.flush()
    for r in held:
        r.draw_id, r.draw_number, r.status = draw.id, 2, SampleRecordStatus.SAMPLED
    return draw


def _draw_row(
    review: Review,
    number: int,
    seed: str,
    frame_size: int,
    fingerprint: str,
    available: Mapping[str, int],
    size: DrawSize,
    actor: str,
) -> SampleDraw:
    return SampleDraw(
        id=uuid.uuid4(),
        review_id=review.id,
        draw_number=number,
        seed=seed,
        frame_size=frame_size,
        frame_fingerprint=fingerprint,
        strata_sizes=dict(available),
        quotas=size.quotas,
        requested=size.requested,
        drawn_by=actor,
        drawn_at=datetime.now(UTC),
    )


def _check_seed(policy: SamplingPolicy, number: int, seed: str | None) -> None:
    if seed is not None and number == 2 and policy.method == "upfront":
        raise unprocessable(
            "the second stage of an up-front sample reviews the members drawn up front; it takes no seed",
            errors=[{"path": "body.seed", "message": "not used by the upfront method's second stage"}],
        )


async def draw_sample(
    session: AsyncSession, caller: Caller, review_id: uuid.UUID, body: SampleDrawIn
) -> SampleChange[SampleDrawnOut]:
    review = await load_open_review_for_write(session, caller, review_id)
    tool = await tool_of(session, review)
    draws = await _draws(session, review)
    number = await _next_draw_number(session, review, tool, draws)
    policy = tool.policies.sampling
    _check_seed(policy, number, body.seed)
    if number == 2 and policy.method == "upfront":
        draw = await _upfront_second_stage(session, review, policy, draws[1], caller.actor)
    else:
        # The expansion continues the first draw's order unless the reviewer picks a seed.
        seed = body.seed or (draws[1].seed if number == 2 else secrets.token_hex(8))
        draw = await _frame_draw(session, review, policy, number, seed, caller.actor)
    started = await start_if_scheduled(session, caller, review, by="sample_draw")
    touch(review)
    await session.flush()
    await refresh_suggestions(session, review)
    await audit_event(
        session,
        caller,
        "review.sample_drawn",
        "review",
        review.id,
        {
            "draw_number": number,
            "seed": draw.seed,
            "frame_size": draw.frame_size,
            "quotas": draw.quotas,
            "requested": draw.requested,
            "available": sum(draw.strata_sizes.values()),
        },
    )
    counts = await _status_counts(session, review)
    out = draw_out(draw, counts.get(draw.id, {}))
    drawn = SampleDrawnOut(**out.model_dump(), review_status=review.status, review_started=started)
    return SampleChange(drawn, review.version)


async def _status_counts(session: AsyncSession, review: Review) -> dict[uuid.UUID, dict[str, int]]:
    """Records per draw and status."""
    counts: dict[uuid.UUID, dict[str, int]] = {}
    rows = await session.execute(
        select(ReviewRecord.draw_id, ReviewRecord.status, func.count())
        .where(ReviewRecord.review_id == review.id)
        .group_by(ReviewRecord.draw_id, ReviewRecord.status)
    )
    for draw_id, status, n in rows:
        counts.setdefault(draw_id, {})[status] = n
    return counts


async def list_draws(session: AsyncSession, caller: Caller, review_id: uuid.UUID) -> list[SampleDrawOut]:
    review = await load_review(session, caller, review_id)
    draws = await _draws(session, review)
    counts = await _status_counts(session, review)
    return [draw_out(draws[n], counts.get(draws[n].id, {})) for n in sorted(draws)]


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
    # The stratum's first reserve, its own draw's first: an expansion takes over the first draw's reserves it
    # ranks again (issue 14), so a first-draw record excluded after the expansion is replaced from the
    # expansion's reserve.
    replacement = await session.scalar(
        select(ReviewRecord)
        .where(
            ReviewRecord.review_id == review.id,
            ReviewRecord.stratum == record.stratum,
            ReviewRecord.status == "reserve",
        )
        .order_by(
            ReviewRecord.draw_number != record.draw_number, ReviewRecord.draw_number, ReviewRecord.position
        )
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
    # It takes the excluded record's place, in its draw: a first-draw record's failure still asks for the
    # expansion, whichever draw held the replacement in reserve.
    replacement.draw_id, replacement.draw_number = record.draw_id, record.draw_number
    # The excluded record is no longer scored; its answers go with it.
    await session.execute(
        delete(Finding).where(Finding.review_id == review.id, Finding.record_id == record.id)
    )
    touch(review)
    await session.flush()
    await refresh_suggestions(
        session, review
    )  # the excluded record's pending ones go, the replacement's come
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
