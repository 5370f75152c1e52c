"""Handing work to the arq queue. Jobs carry ids only (never member data) and deterministic job ids."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from arq.connections import ArqRedis, RedisSettings

DELIVER_NOTICE = "deliver_notice"


def redis_settings(redis_url: str) -> RedisSettings:
    return RedisSettings.from_dsn(redis_url)


def notice_job_id(notice_id: uuid.UUID, attempt: int = 0) -> str:
    return f"notice:{notice_id}:{attempt}"


async def enqueue_notices(redis: ArqRedis, notice_ids: Iterable[uuid.UUID]) -> list[uuid.UUID]:
    """Enqueue delivery jobs; returns the ids that reached Redis (a duplicate job id counts as reached)."""
    reached: list[uuid.UUID] = []
    for notice_id in notice_ids:
        await redis.enqueue_job(DELIVER_NOTICE, str(notice_id), _job_id=notice_job_id(notice_id))
        reached.append(notice_id)
    return reached
