"""arq ``WorkerSettings``: start-up and shutdown hooks, health checks, jobs and cron tasks."""

from __future__ import annotations

import asyncio
import importlib
import importlib.util
import os
import socket
from typing import Any, ClassVar, Literal

import structlog
from arq import cron, func
from arq.connections import RedisSettings
from arq.worker import Worker, get_kwargs
from prometheus_client import start_http_server
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from oversight_db.blobs import create_blob_store
from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.queue import (
    BUILD_EXPORT,
    DELIVER_NOTICE,
    DELIVER_NOTICES,
    LONG_QUEUE,
    MAIN_QUEUE,
    redis_settings,
)
from oversight_db.settings import Settings
from oversight_worker.activity import load_imports, scheduled_checks
from oversight_worker.audit_checkpoint import audit_checkpoint
from oversight_worker.context import WorkerResources, calendar_today, webhook_client

# Defined beside the lease it bounds; named here too, with the other functions' timeouts.
from oversight_worker.delivery import DELIVER_TIMEOUT_SECONDS as DELIVER_TIMEOUT_SECONDS
from oversight_worker.documents import purge_documents
from oversight_worker.exports import build_export, report_exports
from oversight_worker.jobs import (
    SWEEP_JOB,
    beat_every,
    deliver_notice,
    deliver_notices,
    heartbeat,
    obligations,
    relay,
    sweep,
)

log = structlog.get_logger("oversight.worker")

HEALTH_CHECK_SECONDS = 30
# Every function's timeout on the main pool stays well under a minute: arq treats a job as lost only after
# the longest timeout + 10 s (``Worker.in_progress_timeout_s``, per worker), so this also bounds how long a
# killed main worker's notice jobs wait to run again (tests/worker/test_faults.py kill -9). Work that takes
# longer (export builds, import loads, check runs) runs on the long pool, a worker of its own on a queue of
# its own (``LONG_QUEUE``) whose timeout is ``Settings.long_job_timeout_seconds`` (an hour): its long lease
# delays only its own jobs.
JOB_TIMEOUT_SECONDS = 30
CRON_TIMEOUT_SECONDS = 30
# A delivery job holds a database connection only for its claim and its record; the rest of its time it
# waits on receivers. So arq runs this many times more jobs than there are database turns
# (``WorkerResources.db_slots``, ``worker_max_jobs``): receivers that hang until the timeout take job slots
# but leave enough for the others (bench_worker, P7 with 20 of 40 endpoints hanging).
JOBS_PER_DB_SLOT = 3

# Modules that register deadline handlers (``@deadline_handler``). A missing one is an import error at
# start-up, never a silently unswept kind of deadline.
HANDLER_MODULES = (
    "oversight_app.action_plans.deadlines",
    "oversight_app.reviews.reminders",
    "oversight_app.capacity.reminders",
    "oversight_app.disputes.deadlines",
    "oversight_app.obligations.deadlines",
    "oversight_app.documents.reminders",
)


def load_deadline_handlers() -> list[str]:
    for name in HANDLER_MODULES:
        importlib.import_module(name)
    return list(HANDLER_MODULES)


def worker_redis_settings(redis_url: str) -> RedisSettings:
    """Like the API's, but a Redis outage makes commands wait and retry instead of killing the worker."""
    base = redis_settings(redis_url)
    base.retry = Retry(ExponentialBackoff(cap=2.0, base=0.1), retries=-1)
    base.retry_on_error = [RedisConnectionError, RedisTimeoutError, OSError]
    base.conn_retries = 60
    return base


class OversightWorker(Worker):
    """arq's worker, minus a stall: each poll reads the queue's oldest ids, which include the jobs this
    worker is running, and arq takes a free slot and three Redis round trips to find each of them already
    in progress. Those ids are known here (``self.tasks``), so they are passed over without either; every
    other id gets arq's own checks (another worker may hold it)."""

    async def start_jobs(self, job_ids: list[bytes]) -> None:
        running = self.tasks
        await super().start_jobs([j for j in job_ids if j.decode() not in running])


def create_worker(settings_cls: type) -> OversightWorker:
    kwargs: dict[str, Any] = dict(get_kwargs(settings_cls))  # arq annotates the values oddly (NameError)
    return OversightWorker(**kwargs)


Pool = Literal["main", "long"]
POOLS: tuple[Pool, ...] = ("main", "long")


def build_worker_settings(settings: Settings, database_url: str, redis_url: str, pool: Pool = "main") -> type:
    """A WorkerSettings class for one pool, bound to concrete URLs (arq reads class attributes)."""
    if pool == "long":
        return _long_pool(settings, database_url, redis_url)
    return _main_pool(settings, database_url, redis_url)


def _hooks(settings: Settings, database_url: str, pool: Pool, db_slots: int) -> tuple[Any, Any]:
    """The start-up and shutdown hooks: the process's engine, blob store and clients, metrics, heartbeat."""

    async def startup(ctx: dict[str, Any]) -> None:
        # No round-trip pre-ping (three round trips per checkout with asyncpg): checkout drops connections
        # the server has closed (create_engine); one broken in the same instant fails its job's first
        # statement, SQLAlchemy then invalidates the whole pool, and the job is retried (``_DB_UNAVAILABLE``
        # in jobs.py). The pool holds one connection per database turn (``db_slots``) and the crons'.
        engine = create_engine(database_url, pool_size=max(settings.db_pool_size, db_slots))
        ctx["resources"] = WorkerResources(
            settings=settings,
            engine=engine,
            sessions=create_sessionmaker(engine),
            blobs=create_blob_store(settings),
            worker_id=f"{socket.gethostname()}:{os.getpid()}",
            today=calendar_today(settings.deadline_timezone),
            webhooks=webhook_client(settings.worker_max_jobs, settings.webhook_transport),
            smtp_slots=asyncio.Semaphore(settings.worker_max_jobs),
            db_slots=asyncio.Semaphore(db_slots),
            pool=pool,
        )
        if settings.worker_metrics_port:
            start_http_server(settings.worker_metrics_port)
            log.info("metrics_serving", port=settings.worker_metrics_port, pool=pool)
        await heartbeat(ctx)  # ready as soon as it starts, not at the next cron tick
        if pool == "long":
            # Its jobs hold every slot for minutes at a time, and a cron needs a slot: the long pool beats
            # from a task of its own, so a busy pool is still seen alive.
            ctx["beating"] = asyncio.create_task(beat_every(ctx, HEALTH_CHECK_SECONDS))

    async def shutdown(ctx: dict[str, Any]) -> None:
        beating: asyncio.Task[None] | None = ctx.get("beating")
        if beating is not None:
            beating.cancel()
        res: WorkerResources | None = ctx.get("resources")
        if res is not None:
            await res.webhooks.aclose()
            await res.engine.dispose()

    return startup, shutdown


def _main_pool(settings: Settings, database_url: str, redis_url: str) -> type:
    """Notices, the relay, the sweeps and the short crons: every job bounded at 30 s."""
    load_deadline_handlers()
    startup, shutdown = _hooks(settings, database_url, "main", settings.worker_max_jobs)

    class WorkerSettings:
        functions: ClassVar[list[Any]] = [
            func(deliver_notice, name=DELIVER_NOTICE, timeout=DELIVER_TIMEOUT_SECONDS, keep_result=0),
            func(deliver_notices, name=DELIVER_NOTICES, timeout=DELIVER_TIMEOUT_SECONDS, keep_result=0),
        ]
        cron_jobs: ClassVar[list[Any]] = [
            cron(heartbeat, second={0, 30}, run_at_startup=False, unique=False, timeout=CRON_TIMEOUT_SECONDS),
            cron(
                relay, second={0, 15, 30, 45}, run_at_startup=True, unique=True, timeout=CRON_TIMEOUT_SECONDS
            ),
            cron(
                sweep,
                name=SWEEP_JOB,
                second={5},
                run_at_startup=True,
                unique=True,
                timeout=CRON_TIMEOUT_SECONDS,
            ),
            # New obligation series (seed 003) within the hour of their anchor: a few set-based queries.
            cron(
                obligations,
                minute={2, 17, 32, 47},
                second={50},
                run_at_startup=True,
                unique=True,
                timeout=CRON_TIMEOUT_SECONDS,
            ),
            cron(audit_checkpoint, hour={3}, minute={17}, unique=True, timeout=CRON_TIMEOUT_SECONDS),
            # Daily; a run that meets more expired documents than fit its timeout carries on the next day.
            cron(purge_documents, hour={4}, minute={7}, unique=True, timeout=CRON_TIMEOUT_SECONDS),
            # Scheduled reports fire within a minute of their slot; missed export hand-offs (to the long
            # pool's queue), dead builds' exports (their claim not renewed for a minute: every 30 s so one
            # is handed over within 90 s) and expired files. A few short queries: the builds themselves
            # run on the long pool.
            cron(
                report_exports,
                second={20, 50},
                run_at_startup=True,
                unique=True,
                timeout=CRON_TIMEOUT_SECONDS,
            ),
        ]
        on_startup = startup
        on_shutdown = shutdown
        queue_name = MAIN_QUEUE
        redis_settings: ClassVar[RedisSettings] = worker_redis_settings(redis_url)
        health_check_interval = HEALTH_CHECK_SECONDS
        job_timeout = JOB_TIMEOUT_SECONDS
        keep_result = 0
        max_jobs = settings.worker_max_jobs * JOBS_PER_DB_SLOT
        # arq starts new jobs only when it polls: a short delay keeps a busy queue moving (an idle poll is
        # one ZRANGEBYSCORE).
        # ``start_jobs`` waits for a free slot before each id, so a long read keeps every slot refilled as
        # jobs finish instead of idling until the next poll. The read passes over the jobs running here
        # (still in the queue), so it reaches past all of them.
        poll_delay = 0.05
        queue_read_limit = max_jobs + 5 * settings.worker_max_jobs
        # A job that met a Postgres restart is retried (same id) every few seconds for about a minute.
        max_tries = 20
        allow_abort_jobs = False

    return WorkerSettings


def _long_pool(settings: Settings, database_url: str, redis_url: str) -> type:
    """Export builds, import loads and check runs: up to ``long_job_timeout_seconds`` each, a few at once.

    A job cut mid-way is handed over again by the database, not by arq, once its claim has not been renewed
    for a minute (``oversight_app.claims``): a build's export is re-queued by the main pool's
    ``report_exports`` cron under a new job id, an import left ``loading`` is claimed again by
    ``load_imports`` (up to three claims each); both write all or nothing, and only under their own
    claim."""
    timeout = settings.long_job_timeout_seconds
    startup, shutdown = _hooks(settings, database_url, "long", settings.long_worker_max_jobs)

    class WorkerSettings:
        functions: ClassVar[list[Any]] = [
            # A failed build requeues itself (the cron hands it over again) up to three claims: no arq retries.
            func(build_export, name=BUILD_EXPORT, timeout=timeout, keep_result=0, max_tries=1),
        ]
        cron_jobs: ClassVar[list[Any]] = [
            # Activity imports (issue 17): claims pending imports (and those a dead worker left loading).
            cron(load_imports, second={10, 40}, run_at_startup=True, unique=True, timeout=timeout),
            cron(scheduled_checks, hour={2}, minute={41}, unique=True, timeout=timeout),
        ]
        on_startup = startup
        on_shutdown = shutdown
        queue_name = LONG_QUEUE
        redis_settings: ClassVar[RedisSettings] = worker_redis_settings(redis_url)
        health_check_interval = HEALTH_CHECK_SECONDS
        job_timeout = timeout
        keep_result = 0
        max_jobs = settings.long_worker_max_jobs
        # SIGTERM (a deploy, a scale-down): take no new job and let the running ones finish, as long as
        # they may run; the Deployment's termination grace period is this plus a minute (deploy/).
        job_completion_wait = timeout
        poll_delay = 0.5
        # Postgres restarting under a build: the cron hands it over again; nothing is retried by arq.
        max_tries = 1
        allow_abort_jobs = False

    return WorkerSettings
