"""Prometheus metrics of the worker process, served by ``prometheus_client.start_http_server`` when
``OVERSIGHT_WORKER_METRICS_PORT`` is set (arq has no HTTP server of its own)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

DELIVERIES = Counter(
    "oversight_notice_deliveries_total",
    "Delivery attempts per channel and outcome (delivered, retry, failed, cancelled)",
    ["channel", "outcome"],
)
NOTICES_COMPLETED = Counter(
    "oversight_notices_completed_total", "Notices whose every channel finished, by final status", ["status"]
)
DELIVERY_LATENCY = Histogram(
    "oversight_notice_delivery_latency_seconds",
    "From the notice's creation to its delivery, per channel",
    ["channel"],
    buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600, 21600, 86400),
)
OUTBOX_LAG = Gauge(
    "oversight_outbox_lag_seconds", "Age of the oldest notice not yet handed to the queue (0 when none)"
)
RELAY_ENQUEUED = Counter(
    "oversight_relay_enqueued_total",
    "Jobs the relay enqueued",
    ["reason"],  # unenqueued | retry
)
SWEEP_DURATION = Histogram(
    "oversight_deadline_sweep_seconds",
    "Duration of one deadline sweep",
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 20, 30),
)
SWEEP_CLAIMED = Counter("oversight_deadline_sweep_claimed_total", "Due deadlines claimed by sweeps")
SWEEP_FAILED = Counter(
    "oversight_deadline_sweep_failed_total", "Subjects whose handler raised (left pending for the next sweep)"
)
SWEEP_UNKNOWN = Gauge(
    "oversight_deadline_unknown_due", "Due deadlines whose subject type has no handler (left pending)"
)

# The long-jobs pool (README, "The long-jobs pool"): how long its work takes against its timeout, and how it ends.
LONG_JOB_SECONDS = Histogram(
    "oversight_long_job_seconds",
    "Duration of one piece of long-pool work: an export build, an import load, a plan's check run",
    ["job"],  # build_export | load_import | checks
    buckets=(1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 2700, 3600),
)
LONG_JOB_OUTCOMES = Counter(
    "oversight_long_jobs_total",
    "Long-pool work by its result (an export's status afterwards, an import's, checks run)",
    ["job", "status"],
)
