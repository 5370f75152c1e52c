"""Prometheus metrics for the API process."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

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
