"""Export jobs (issue 16): build one export; the cron that fires due schedules, hands queued exports to the
queue and deletes expired files."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import structlog
from arq.connections import ArqRedis

from oversight_app.reports.export_build import build_export as build
from oversight_app.reports.export_build import enqueue_due, expire_exports, mark_enqueued
from oversight_app.reports.schedules import fire_due_schedules
from oversight_db.db import unit_of_work
from oversight_db.outbox import mark_enqueued as mark_notices_enqueued
from oversight_db.queue import enqueue_exports, enqueue_notices
from oversight_worker.context import resources
from oversight_worker.metrics import LONG_JOB_OUTCOMES, LONG_JOB_SECONDS

log = structlog.get_logger("oversight.worker.exports")


async def build_export(ctx: dict[str, Any], export_id: str) -> str:
    """Build one export into blob storage and announce it (``report_ready``); idempotent by export id.

    Runs on the long pool (``Settings.long_job_timeout_seconds``, an hour): a large export streams and
    uploads for longer than the main pool's 30 s."""
    res = resources(ctx)
    with LONG_JOB_SECONDS.labels(job="build_export").time():
        result = await build(res.sessions, res.blobs, uuid.UUID(export_id))
    LONG_JOB_OUTCOMES.labels(job="build_export", status=result.status).inc()
    redis: ArqRedis | None = ctx.get("redis")
    if result.notice_ids and redis is not None:
        try:
            reached = await enqueue_notices(redis, result.notice_ids)
            async with unit_of_work(res.sessions) as session:
                await mark_notices_enqueued(session, reached, datetime.now(UTC))
        except Exception as exc:  # the relay enqueues the notice within a quarter of a minute
            log.warning("export_notice_hand_off_failed", error_type=type(exc).__name__)
    return result.status


async def report_exports(ctx: dict[str, Any], now: datetime | None = None) -> dict[str, int]:
    """Cron: fire due schedules, enqueue exports the API's hand-off missed (and dead workers' claims),
    delete expired export files."""
    res = resources(ctx)
    at = now or datetime.now(UTC)
    async with unit_of_work(res.sessions) as session:
        fired = await fire_due_schedules(session, at)
    async with unit_of_work(res.sessions) as session:
        due = [(row.id, row.attempts) for row in await session.execute(enqueue_due(at))]
    redis: ArqRedis | None = ctx.get("redis")
    if due and redis is not None:
        await enqueue_exports(redis, due)
        async with unit_of_work(res.sessions) as session:
            await mark_enqueued(session, [export_id for export_id, _ in due], at)
    expired = await expire_exports(res.sessions, res.blobs, at)
    if fired or due or expired:
        log.info("report_exports", fired=len(fired), enqueued=len(due), expired=expired)
    return {"fired": len(fired), "enqueued": len(due), "expired": expired}
