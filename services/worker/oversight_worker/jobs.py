"""Jobs and cron tasks. Jobs take ids only (no member data goes into Redis) and are idempotent."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from typing import Any

import asyncpg
import structlog
from arq import Retry
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from oversight_db.db import unit_of_work
from oversight_db.heartbeat import beat
from oversight_worker.context import WorkerResources, resources
from oversight_worker.delivery import NoticesBroken, deliver, deliver_many
from oversight_worker.relay import relay_outbox
from oversight_worker.sweep import sweep_deadlines

log = structlog.get_logger("oversight.worker")

# Postgres unreachable or restarting: the job is retried by arq with the same id, a little later. asyncpg's
# connect-time refusals ("the database system is starting up", admin shutdown) reach us unwrapped by
# SQLAlchemy, so they are named here too; without them a job failing during a restart was dropped until
# the relay's lease ran out. Any other database error is retried the same way: SQLAlchemy's ``DBAPIError``,
# and asyncpg's own from the delivery statements (which go to asyncpg directly).
_ASYNCPG_UNAVAILABLE = (
    asyncpg.exceptions.OperatorInterventionError,
    asyncpg.exceptions.PostgresConnectionError,
    asyncpg.exceptions.InterfaceError,
)
_DB_UNAVAILABLE = (
    OperationalError,
    InterfaceError,
    DBAPIError,
    OSError,
    ConnectionError,
    *_ASYNCPG_UNAVAILABLE,
    asyncpg.exceptions.PostgresError,
    asyncpg.exceptions.InternalClientError,
)


def _bind(ctx: dict[str, Any], **ids: str | int) -> None:
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(job_id=ctx.get("job_id"), job_try=ctx.get("job_try"), **ids)


async def heartbeat(ctx: dict[str, Any]) -> None:
    """Record that this worker is alive; ``/readyz`` requires a beat younger than two minutes."""
    res = resources(ctx)
    async with unit_of_work(res.sessions) as session:
        await beat(session, res.worker_id, datetime.now(UTC), {"pid": os.getpid()})


async def deliver_notice(ctx: dict[str, Any], notice_id: str, attempt: int = 0) -> str:
    """Deliver one notice (attempt ``attempt``) to its recipient's channels."""
    _bind(ctx, notice_id=notice_id)
    try:
        result = await deliver(resources(ctx), uuid.UUID(notice_id), attempt)
    except _DB_UNAVAILABLE as exc:
        raise _retry(ctx, exc) from None
    finally:
        structlog.contextvars.clear_contextvars()
    return result.status


def _retry(ctx: dict[str, Any], exc: BaseException) -> Retry:
    job_try = int(ctx.get("job_try") or 1)
    log.warning("deliver_notice_db_unavailable", error_type=type(exc).__name__)
    return Retry(defer=min(job_try, 5))


# SQLSTATE classes of a database that is going away or coming back: connection exception, operator
# intervention (shutdown, starting up), insufficient resources; and a transaction to simply run again.
_TRANSIENT_SQLSTATES = ("08", "57", "53", "40")


def _db_unavailable(exc: BaseException) -> bool:
    """Postgres is unreachable or restarting (so is everything in the job), as opposed to one notice's
    statement failing."""
    if isinstance(exc, (OperationalError, InterfaceError, OSError, *_ASYNCPG_UNAVAILABLE)):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    code = getattr(exc.orig if isinstance(exc, DBAPIError) else exc, "sqlstate", None)
    return isinstance(code, str) and code[:2] in _TRANSIENT_SQLSTATES


async def deliver_notices(ctx: dict[str, Any], attempts: list[list[Any]]) -> dict[str, int]:
    """Deliver a few notices, each ``[notice_id, attempt]``, in one transaction.

    A notice whose preparation or send raises is left pending (the others are recorded) and the job
    fails, as a ``deliver_notice`` job of that notice alone would. If a statement fails for one notice's
    sake rather than the database's, the notices are delivered one at a time, each as ``deliver_notice``
    would: one notice's fault never holds the others back.
    """
    _bind(ctx, notices=len(attempts))
    items = [(uuid.UUID(str(notice_id)), int(attempt)) for notice_id, attempt in attempts]
    res = resources(ctx)
    try:
        try:
            statuses = [r.status for r in (await deliver_many(res, items)).values()]
        except NoticesBroken as exc:
            for notice_id, error in exc.errors.items():
                log.error("deliver_notice_failed", notice_id=str(notice_id), error_type=type(error).__name__)
            errors = list(exc.errors.values())
            retried = next((e for e in errors if isinstance(e, _DB_UNAVAILABLE)), None)
            if retried is not None:  # as deliver_notice would; the recorded notices are skipped then
                raise _retry(ctx, retried) from None
            raise errors[0] from None
        except Exception as exc:
            if _db_unavailable(exc):
                raise _retry(ctx, exc) from None
            log.warning("deliver_notices_one_by_one", error_type=type(exc).__name__)
            statuses = await _one_by_one(ctx, res, items)
    finally:
        structlog.contextvars.clear_contextvars()
    return {status: statuses.count(status) for status in sorted(set(statuses))}


async def _one_by_one(
    ctx: dict[str, Any], res: WorkerResources, items: list[tuple[uuid.UUID, int]]
) -> list[str]:
    statuses: list[str] = []
    unavailable: BaseException | None = None
    failed: BaseException | None = None
    for notice_id, attempt in items:
        structlog.contextvars.bind_contextvars(notice_id=str(notice_id))
        try:
            statuses.append((await deliver(res, notice_id, attempt)).status)
        except _DB_UNAVAILABLE as exc:
            unavailable = exc  # the whole job is tried again; the notices done by then are skipped
        except Exception as exc:
            log.error("deliver_notice_failed", error_type=type(exc).__name__)
            failed = exc
        finally:
            structlog.contextvars.unbind_contextvars("notice_id")
    if unavailable is not None:
        raise _retry(ctx, unavailable) from None
    if failed is not None:
        raise failed from None
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
    """Cron: run the handlers of due deadlines."""
    _bind(ctx)
    res = resources(ctx)
    try:
        await sweep_deadlines(res.sessions, ctx.get("redis"), res.today())
    except _DB_UNAVAILABLE as exc:
        log.warning("sweep_db_unavailable", error_type=type(exc).__name__)
    finally:
        structlog.contextvars.clear_contextvars()
