"""Prometheus metrics for the API process, and what the workers' pools are doing, read at scrape time: each
queue's depth (Redis) and each pool's newest heartbeat (Postgres)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from arq.connections import ArqRedis
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_db.heartbeat import latest_beats
from oversight_db.queue import MAIN_QUEUE

REQUESTS = Counter("oversight_http_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram(
    "oversight_http_request_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)
NOTICES_ENQUEUED = Counter("oversight_notices_enqueued_total", "Notices handed to the queue after commit")
ENQUEUE_FAILURES = Counter(
    "oversight_notice_enqueue_failures_total", "After-commit enqueues that failed (the relay picks them up)"
)

QUEUE_JOBS = "oversight_queue_jobs"
LONG_QUEUE_JOBS = "oversight_long_queue_jobs"
HEARTBEAT_AGE = "oversight_worker_heartbeat_age_seconds"
# A scrape waits at most this long for Redis; Prometheus' own scrape timeout is 10 s by default.
QUEUE_READ_TIMEOUT_SECONDS = 0.5


async def queue_jobs(redis: ArqRedis, queue: str = MAIN_QUEUE) -> int | None:
    """Jobs in one of arq's queues (the main pool's by default), or None when Redis does not answer in time.

    arq keeps a job in its sorted set from enqueue until it finishes, so ZCARD (O(1)) counts jobs waiting,
    deferred and running. Workers scale on it (the prod overlay's KEDA ScaledObject); the API reports it
    because it always runs, while the workers are what scales."""
    try:
        return int(await asyncio.wait_for(redis.zcard(queue), QUEUE_READ_TIMEOUT_SECONDS))
    except Exception:  # Redis down or slow: the scrape still answers, without the gauge
        return None


async def heartbeat_ages(sessions: async_sessionmaker[AsyncSession]) -> dict[str, float]:
    """Seconds since each pool's newest worker heartbeat ({} when Postgres does not answer in time): the
    long pool is not part of ``/readyz`` (the API serves without it), so this is where its absence shows."""

    async def read() -> dict[str, datetime]:
        async with sessions() as session:
            return await latest_beats(session)

    try:
        beats = await asyncio.wait_for(read(), QUEUE_READ_TIMEOUT_SECONDS)
    except Exception:
        return {}
    now = datetime.now(UTC)
    return {pool: (now - at).total_seconds() for pool, at in beats.items()}


def exposition(
    queue_depth: int | None, long_queue_depth: int | None = None, beat_ages: dict[str, float] | None = None
) -> bytes:
    """The process's metrics, plus the queues' depths and the pools' heartbeat ages when they were read.

    The readings are this scrape's, in a registry of its own: when Redis does not answer a depth is absent
    rather than an old value (an autoscaler must not act on a stale depth; ``absent()`` alerts)."""
    body = generate_latest()
    registry = CollectorRegistry()
    if queue_depth is not None:
        gauge = Gauge(
            QUEUE_JOBS, "Jobs in the worker queue (waiting, deferred or running)", registry=registry
        )
        gauge.set(queue_depth)
    if long_queue_depth is not None:
        Gauge(LONG_QUEUE_JOBS, "Jobs in the long-jobs pool's queue (export builds)", registry=registry).set(
            long_queue_depth
        )
    if beat_ages:
        ages = Gauge(
            HEARTBEAT_AGE, "Seconds since the pool's newest worker heartbeat", ["pool"], registry=registry
        )
        for pool, age in sorted(beat_ages.items()):
            ages.labels(pool=pool).set(age)
    return body + generate_latest(registry)
