"""Handing work to the arq queue. Jobs carry ids only (never member data) and deterministic job ids."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable

from arq.connections import ArqRedis, RedisSettings

DELIVER_NOTICE = "deliver_notice"
# Enqueues in flight at once: a hand-off of many notices (the relay's batches, a sweep) takes a few round
# trips' time instead of one per notice, without opening a Redis connection per notice.
ENQUEUE_CONCURRENCY = 16


def redis_settings(redis_url: str) -> RedisSettings:
    return RedisSettings.from_dsn(redis_url)


def notice_job_id(notice_id: uuid.UUID, attempt: int = 0) -> str:
    # One job id per delivery attempt: a duplicate enqueue of the same attempt is refused by arq, and a
    # job for an attempt that already ran finds ``notice.attempts`` moved on and does nothing.
    return f"notice:{notice_id}:{attempt}"


async def enqueue_notices(redis: ArqRedis, notice_ids: Iterable[uuid.UUID]) -> list[uuid.UUID]:
    """Enqueue first delivery attempts; returns the ids that reached Redis (a duplicate job id counts)."""
    return await enqueue_notice_attempts(redis, ((notice_id, 0) for notice_id in notice_ids))


async def enqueue_notice_attempts(
    redis: ArqRedis, attempts: Iterable[tuple[uuid.UUID, int]]
) -> list[uuid.UUID]:
    """One ``deliver_notice(notice_id, attempt)`` job per attempt, oldest first; returns the ids that
    reached Redis (the others stay for the relay). Raises what Redis raised if none did."""
    pending = list(dict.fromkeys(attempts))
    slots = asyncio.Semaphore(ENQUEUE_CONCURRENCY)

    async def enqueue(notice_id: uuid.UUID, attempt: int) -> None:
        async with slots:
            await redis.enqueue_job(
                DELIVER_NOTICE, str(notice_id), attempt, _job_id=notice_job_id(notice_id, attempt)
            )

    results = await asyncio.gather(*(enqueue(i, a) for i, a in pending), return_exceptions=True)
    reached = [notice_id for (notice_id, _), r in zip(pending, results, strict=True) if r is None]
    error = next((r for r in results if isinstance(r, BaseException)), None)
    if error is not None and not reached:
        raise error
    return reached
