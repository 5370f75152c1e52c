"""Handing work to the arq queues. Jobs carry ids only (never member data) and deterministic job ids.

Two queues, one per worker pool: the main queue (notices, sweeps; every job bounded at 30 s) and the long
queue (export builds; an hour). Every enqueue names its queue: arq's default is the caller's own pool's
queue inside a job, so a long job handing over notices would otherwise put them where nothing runs them.
"""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import Iterable

from arq.connections import ArqRedis, RedisSettings
from arq.constants import default_queue_name

# The main pool's queue (arq's default name, so the jobs already in Redis at an upgrade still run).
MAIN_QUEUE = default_queue_name
LONG_QUEUE = "arq:queue:long"

DELIVER_NOTICE = "deliver_notice"
DELIVER_NOTICES = "deliver_notices"
BUILD_EXPORT = "build_export"
# Notices handed over together go to the worker a few per job: one claim and one record for them all
# (bench_worker, P7: one job per notice costs arq's and the two transactions' round trips per notice).
# Few enough that a job's sends stay a small burst.
NOTICES_PER_JOB = 5
# Enqueues in flight at once: a hand-off of many notices (the relay's batches, a sweep) takes a few round
# trips' time instead of one per job, without opening a Redis connection per job.
ENQUEUE_CONCURRENCY = 16


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


async def _enqueue(redis: ArqRedis, chunk: list[tuple[uuid.UUID, int]]) -> None:
    if len(chunk) == 1:
        [(notice_id, attempt)] = chunk
        await redis.enqueue_job(
            DELIVER_NOTICE,
            str(notice_id),
            attempt,
            _job_id=notice_job_id(notice_id, attempt),
            _queue_name=MAIN_QUEUE,
        )
    else:
        await redis.enqueue_job(
            DELIVER_NOTICES,
            [[str(i), a] for i, a in chunk],
            _job_id=notices_job_id(chunk),
            _queue_name=MAIN_QUEUE,
        )


async def enqueue_notice_attempts(
    redis: ArqRedis, attempts: Iterable[tuple[uuid.UUID, int]], *, per_job: int = NOTICES_PER_JOB
) -> list[uuid.UUID]:
    """Enqueue delivery attempts, oldest first, up to ``per_job`` to a job; returns the ids that reached
    Redis (the others stay for the relay). Raises what Redis raised if none did.

    A lone attempt is a ``deliver_notice(notice_id, attempt)`` job, several a
    ``deliver_notices([[notice_id, attempt], ...])`` job.
    """
    pending = list(dict.fromkeys(attempts))  # in the caller's order, once each
    chunks = [sorted(pending[start : start + per_job]) for start in range(0, len(pending), per_job)]
    slots = asyncio.Semaphore(ENQUEUE_CONCURRENCY)

    async def enqueue(chunk: list[tuple[uuid.UUID, int]]) -> None:
        async with slots:
            await _enqueue(redis, chunk)

    results = await asyncio.gather(*(enqueue(chunk) for chunk in chunks), return_exceptions=True)
    reached = [i for chunk, r in zip(chunks, results, strict=True) if r is None for i, _ in chunk]
    error = next((r for r in results if isinstance(r, BaseException)), None)
    if error is not None and not reached:
        raise error
    return reached


def export_job_id(export_id: uuid.UUID, claims: int) -> str:
    # One id per hand-over, named by the claims the export had when handed over: the same hand-over enqueued
    # twice (the API's and the cron's) is refused by arq, and a dead build's export is handed over under a
    # new id at once; the old id stays arq's (in progress, leased for the long pool's hour) and, if it ever
    # runs again, finds the export claimed or built and does nothing.
    return f"export:{export_id}:{claims}"


async def enqueue_exports(redis: ArqRedis, handovers: Iterable[tuple[uuid.UUID, int]]) -> None:
    """Builds go to the long pool: a large export streams and uploads for longer than the main pool's 30 s.
    ``handovers``: (export id, its claims so far)."""
    for export_id, claims in handovers:
        await redis.enqueue_job(
            BUILD_EXPORT, str(export_id), _job_id=export_job_id(export_id, claims), _queue_name=LONG_QUEUE
        )
