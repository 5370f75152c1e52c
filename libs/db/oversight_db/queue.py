"""Handing work to the arq queue. Jobs carry ids only (never member data) and deterministic job ids."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from arq.connections import ArqRedis, RedisSettings

DELIVER_NOTICE = "deliver_notice"


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
    """Enqueue ``deliver_notice(notice_id, attempt)`` jobs; returns the ids that reached Redis."""
    reached: list[uuid.UUID] = []
    for notice_id, attempt in attempts:
        await redis.enqueue_job(
            DELIVER_NOTICE, str(notice_id), attempt, _job_id=notice_job_id(notice_id, attempt)
        )
        reached.append(notice_id)
    return reached
