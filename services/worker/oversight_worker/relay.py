"""The outbox relay: hands the queue whatever the API's after-commit hand-off missed, and due retries.

Two scans, each in batches claimed with ``FOR UPDATE SKIP LOCKED`` (so several workers share the work):
1. notices never enqueued (Redis was down, or the API died between commit and enqueue), once they are a few
   seconds old so the API's own hand-off normally wins;
2. pending notices whose ``next_attempt_at`` has come: a scheduled retry, or the lease of a job that never
   finished (worker killed, Redis restarted empty).
Enqueue first, then record: a crash in between re-enqueues, which the job id and the job's check absorb.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import structlog
from arq.connections import ArqRedis
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_db.db import unit_of_work
from oversight_db.models.notices import Notice
from oversight_db.outbox import JOB_LEASE
from oversight_db.queue import enqueue_notice_attempts
from oversight_worker import metrics

log = structlog.get_logger("oversight.worker.relay")

HAND_OFF_GRACE = timedelta(seconds=5)
BATCH_SIZE = 500
TIME_BUDGET_SECONDS = 20.0


@dataclass
class RelayResult:
    unenqueued: int = 0
    retries: int = 0
    lag_seconds: float = 0.0


async def _relay_batch(
    session: AsyncSession, redis: ArqRedis, now: datetime, *, retries: bool, batch_size: int
) -> int:
    if retries:
        stmt = (
            select(Notice.id, Notice.attempts)
            .where(
                Notice.delivery_status == "pending",
                Notice.next_attempt_at.is_not(None),
                Notice.next_attempt_at <= now,
            )
            .order_by(Notice.next_attempt_at)
        )
    else:
        stmt = (
            select(Notice.id, Notice.attempts)
            .where(
                Notice.enqueued_at.is_(None),
                Notice.delivery_status == "pending",
                Notice.created_at <= now - HAND_OFF_GRACE,
            )
            .order_by(Notice.created_at)
        )
    rows = (await session.execute(stmt.limit(batch_size).with_for_update(skip_locked=True))).all()
    if not rows:
        return 0
    attempts: list[tuple[uuid.UUID, int]] = [(row[0], row[1]) for row in rows]
    reached = await enqueue_notice_attempts(redis, attempts)
    await session.execute(
        update(Notice)
        .where(Notice.id.in_(reached))
        .values(enqueued_at=func.coalesce(Notice.enqueued_at, now), next_attempt_at=now + JOB_LEASE)
        .execution_options(synchronize_session=False)
    )
    metrics.RELAY_ENQUEUED.labels("retry" if retries else "unenqueued").inc(len(reached))
    return len(reached)


async def relay_outbox(
    sessions: async_sessionmaker[AsyncSession],
    redis: ArqRedis,
    *,
    batch_size: int = BATCH_SIZE,
    time_budget: float = TIME_BUDGET_SECONDS,
) -> RelayResult:
    result = RelayResult()
    started = time.monotonic()
    for retries in (False, True):
        while time.monotonic() - started < time_budget:
            now = datetime.now(UTC)
            async with unit_of_work(sessions) as session:
                count = await _relay_batch(session, redis, now, retries=retries, batch_size=batch_size)
            if retries:
                result.retries += count
            else:
                result.unenqueued += count
            if count < batch_size:
                break
    async with unit_of_work(sessions) as session:
        oldest = await session.scalar(
            select(func.min(Notice.created_at)).where(
                Notice.enqueued_at.is_(None), Notice.delivery_status == "pending"
            )
        )
    result.lag_seconds = max((datetime.now(UTC) - oldest).total_seconds(), 0.0) if oldest else 0.0
    metrics.OUTBOX_LAG.set(result.lag_seconds)
    if result.unenqueued or result.retries:
        log.info(
            "relay_enqueued",
            unenqueued=result.unenqueued,
            retries=result.retries,
            lag_seconds=round(result.lag_seconds, 1),
        )
    return result
