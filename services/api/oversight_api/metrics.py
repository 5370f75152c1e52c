"""Prometheus metrics for the API process, and the queue's depth read at scrape time."""

from __future__ import annotations

import asyncio

from arq.connections import ArqRedis
from arq.constants import default_queue_name
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

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
# A scrape waits at most this long for Redis; Prometheus' own scrape timeout is 10 s by default.
QUEUE_READ_TIMEOUT_SECONDS = 0.5


async def queue_jobs(redis: ArqRedis) -> int | None:
    """Jobs in arq's queue, or None when Redis does not answer in time.

    arq keeps a job in its sorted set from enqueue until it finishes, so ZCARD (O(1)) counts jobs waiting,
    deferred and running. Workers scale on it (the prod overlay's KEDA ScaledObject); the API reports it
    because it always runs, while the workers are what scales."""
    try:
        return int(await asyncio.wait_for(redis.zcard(default_queue_name), QUEUE_READ_TIMEOUT_SECONDS))
    except Exception:  # Redis down or slow: the scrape still answers, without the gauge
        return None


def exposition(queue_depth: int | None) -> bytes:
    """The process's metrics, plus the queue's depth when it was read.

    The depth is this scrape's reading, in a registry of its own: when Redis does not answer the gauge is
    absent rather than an old value (an autoscaler must not act on a stale depth; ``absent()`` alerts)."""
    body = generate_latest()
    if queue_depth is None:
        return body
    registry = CollectorRegistry()
    gauge = Gauge(QUEUE_JOBS, "Jobs in the worker queue (waiting, deferred or running)", registry=registry)
    gauge.set(queue_depth)
    return body + generate_latest(registry)
