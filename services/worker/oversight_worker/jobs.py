"""Jobs and cron tasks. Jobs take ids only (no member data goes into Redis) and are idempotent."""

from __future__ import annotations

import asyncio
import os
import uuid
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import structlog
from arq import Retry
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from oversight_app.obligations.materialise import materialise_obligations
from oversight_db.db import unit_of_work
from oversight_db.heartbeat import beat
from oversight_worker.context import resources
from oversight_worker.delivery import SendFailed, deliver_many
from oversight_worker.relay import relay_outbox
from oversight_worker.sweep import sweep_deadlines

log = structlog.get_logger("oversight.worker")

# Postgres unreachable or restarting: the job is retried by arq with the same id, a little later. asyncpg's
# connect-time refusals ("the database system is starting up", admin shutdown) reach us unwrapped by
# SQLAlchemy, so they are named here too; without them a job failing during a restart was dropped until
# the relay's lease ran out. Any other database error SQLAlchemy raises (``DBAPIError``) is retried the
# same way.
_DB_UNAVAILABLE = (
    OperationalError,
    InterfaceError,
    DBAPIError,
    OSError,
    ConnectionError,
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.exceptions.PostgresConnectionError,
    asyncpg.exceptions.InterfaceError,
)
# The sweep's arq name (its cron's, and a follow-up's; see ``sweep``).
SWEEP_JOB = "cron:sweep"
# Another copy of the job holds the notice's lease (arq is at-least-once): try again once it is over;
# by then the notice is recorded (this copy does nothing) or the lease ran out (the holder died).
BUSY_DEFER_SECONDS = 5


def _bind(ctx: dict[str, Any], **ids: str | int) -> None:
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(job_id=ctx.get("job_id"), job_try=ctx.get("job_try"), **ids)


async def heartbeat(ctx: dict[str, Any]) -> None:
    """Record that this worker is alive, and its pool; ``/readyz`` requires a main-pool beat younger than
    two minutes."""
    res = resources(ctx)
    async with unit_of_work(res.sessions) as session:
        await beat(session, res.worker_id, datetime.now(UTC), {"pid": os.getpid(), "pool": res.pool})


async def beat_every(ctx: dict[str, Any], seconds: float) -> None:
    """Heartbeats from a task of the process's own (the long pool's slots may all be busy for an hour)."""
    while True:
        await asyncio.sleep(seconds)
        try:
            await heartbeat(ctx)
        except Exception as exc:  # the next beat tries again; a stale beat is what operations watch
            log.warning("heartbeat_failed", error_type=type(exc).__name__)


async def deliver_notice(ctx: dict[str, Any], notice_id: str, attempt: int = 0) -> str:
    """Deliver one notice (attempt ``attempt``) to its recipient's channels."""
    _bind(ctx, notice_id=notice_id)
    statuses = await _deliver(ctx, {uuid.UUID(notice_id): attempt})
    return statuses[0]


async def deliver_notices(ctx: dict[str, Any], attempts: list[list[Any]]) -> dict[str, int]:
    """Deliver a few notices, each ``[notice_id, attempt]``, each decided as if it were alone; the count
    of each status."""
    _bind(ctx, notices=len(attempts))
    statuses = await _deliver(
        ctx, {uuid.UUID(str(notice_id)): int(attempt) for notice_id, attempt in attempts}
    )
    return {status: statuses.count(status) for status in sorted(set(statuses))}


async def _deliver(ctx: dict[str, Any], attempts: dict[uuid.UUID, int]) -> list[str]:
    try:
        results = await deliver_many(resources(ctx), attempts)
    except SendFailed as exc:  # the others were recorded; arq logs the job's failure
        log.error("deliver_notice_failed", error_type=type(exc.__cause__).__name__)
        raise exc.__cause__ or exc from None
    except _DB_UNAVAILABLE as exc:  # the same job again, a little later; what was recorded is skipped then
        job_try = int(ctx.get("job_try") or 1)
        log.warning("deliver_notice_db_unavailable", error_type=type(exc).__name__)
        raise Retry(defer=min(job_try, 5)) from None
    finally:
        structlog.contextvars.clear_contextvars()
    statuses = [result.status for result in results.values()]
    if "busy" in statuses:
        raise Retry(defer=BUSY_DEFER_SECONDS)
    return statuses


async def relay(ctx: dict[str, Any]) -> None:
    """Cron: enqueue notices the API's hand-off missed, and due retries."""
    _bind(ctx)
    try:
        await relay_outbox(resources(ctx).sessions, ctx["redis"])
    except _DB_UNAVAILABLE as exc:
        log.warning("relay_db_unavailable", error_type=type(exc).__name__)  # the next tick tries again
    finally:
        structlog.contextvars.clear_contextvars()


async def sweep(ctx: dict[str, Any]) -> None:
    """Cron: run the handlers of due deadlines.

    A sweep stops at its time budget (well inside the job's timeout); with due rows left it hands the rest
    to a follow-up sweep at once, so a backlog (10,000 due after an outage) is swept back to back instead of
    a budget's worth in every minute. The follow-up is an ordinary job: any worker may run it; a sweep that
    finds another's batch running (the minute's cron beside a follow-up) leaves the rest to it."""
    _bind(ctx)
    res = resources(ctx)
    redis = ctx.get("redis")
    try:
        result = await sweep_deadlines(res.sessions, redis, res.today(), time_budget=res.sweep_budget_seconds)
        if not result.complete and redis is not None:
            await redis.enqueue_job(SWEEP_JOB)
    except _DB_UNAVAILABLE as exc:
        log.warning("sweep_db_unavailable", error_type=type(exc).__name__)
    finally:
        structlog.contextvars.clear_contextvars()


async def obligations(ctx: dict[str, Any]) -> None:
    """Cron: start the provider obligation series whose anchors appeared (a first enrolled member, a new site);
    the sweep does the rest. Idempotent: a series that exists is left alone."""
    _bind(ctx)
    res = resources(ctx)
    try:
        async with unit_of_work(res.sessions) as session:
            tz = ZoneInfo(res.settings.deadline_timezone)
            created = await materialise_obligations(session, res.today(), tz)
        if created:
            log.info("obligations_started", created=created)
    except _DB_UNAVAILABLE as exc:
        log.warning("obligations_db_unavailable", error_type=type(exc).__name__)
    finally:
        structlog.contextvars.clear_contextvars()
