"""Handing work to the arq queue. Jobs carry ids only (never member data) and deterministic job ids."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable

from arq.connections import ArqRedis, RedisSettings

DELIVER_NOTICE = "deliver_notice"
DELIVER_NOTICES = "deliver_notices"
# Notices handed over together go to the worker a few per job: one job, one transaction and three
# statements deliver them all (bench_worker, P7). Few enough that a job's sends stay a small burst and a
# worker's in-flight notices (jobs x this) stay bounded.
NOTICES_PER_JOB = 5


def redis_settings(redis_url: str) -> RedisSettings:
    return RedisSettings.from_dsn(redis_url)


def notice_job_id(notice_id: uuid.UUID, attempt: int = 0) -> str:
    # One job id per delivery attempt: a duplicate enqueue of the same attempt is refused by arq, and a
    # job for an attempt that already ran finds ``notice.attempts`` moved on and does nothing.
    return f"notice:{notice_id}:{attempt}"


def notices_job_id(attempts: list[tuple[uuid.UUID, int]]) -> str:
    """The id of a job for several attempts: the same attempts handed over again make the same id."""
    digest = hashlib.sha256(",".join(f"{i}:{a}" for i, a in attempts).encode()).hexdigest()[:32]
    return f"notices:{digest}"


async def enqueue_notices(redis: ArqRedis, notice_ids: Iterable[uuid.UUID]) -> list[uuid.UUID]:
    """Enqueue first delivery attempts; returns the ids that reached Redis (a duplicate job id counts)."""
    return await enqueue_notice_attempts(redis, ((notice_id, 0) for notice_id in notice_ids))


async def enqueue_notice_attempts(
    redis: ArqRedis, attempts: Iterable[tuple[uuid.UUID, int]], *, per_job: int = NOTICES_PER_JOB
) -> list[uuid.UUID]:
    """Enqueue delivery attempts, up to ``per_job`` to a job; returns the ids that reached Redis.

    A lone attempt is a ``deliver_notice(notice_id, attempt)`` job, several a
    ``deliver_notices([[notice_id, attempt], ...])`` job.
    """
    pending = list(dict.fromkeys(attempts))  # in the caller's order (oldest first), once each
    reached: list[uuid.UUID] = []
    for start in range(0, len(pending), per_job):
        chunk = sorted(pending[start : start + per_job])
        if len(chunk) == 1:
            [(notice_id, attempt)] = chunk
            await redis.enqueue_job(
                DELIVER_NOTICE, str(notice_id), attempt, _job_id=notice_job_id(notice_id, attempt)
            )
        else:
            await redis.enqueue_job(
                DELIVER_NOTICES, [[str(i), a] for i, a in chunk], _job_id=notices_job_id(chunk)
            )
        reached.extend(notice_id for notice_id, _ in chunk)
    return reached
