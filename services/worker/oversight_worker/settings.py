"""arq ``WorkerSettings``: start-up and shutdown hooks, health checks, jobs and cron tasks."""

from __future__ import annotations

import os
import socket
from typing import Any, ClassVar

import httpx
from arq import cron
from arq.connections import RedisSettings
from arq.typing import WorkerCoroutine

from oversight_db.blobs import create_blob_store
from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.queue import redis_settings
from oversight_db.settings import Settings
from oversight_worker.context import WorkerResources
from oversight_worker.jobs import heartbeat

HEALTH_CHECK_SECONDS = 30
JOB_TIMEOUT_SECONDS = 60


def build_worker_settings(settings: Settings, database_url: str, redis_url: str) -> type:
    """A WorkerSettings class bound to concrete URLs (arq reads class attributes)."""

    async def startup(ctx: dict[str, Any]) -> None:
        engine = create_engine(database_url, pool_size=settings.db_pool_size)
        ctx["resources"] = WorkerResources(
            settings=settings,
            engine=engine,
            sessions=create_sessionmaker(engine),
            http=httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=5.0)),
            blobs=create_blob_store(settings),
            worker_id=f"{socket.gethostname()}:{os.getpid()}",
        )
        await heartbeat(ctx)  # ready as soon as it starts, not at the next cron tick

    async def shutdown(ctx: dict[str, Any]) -> None:
        res: WorkerResources | None = ctx.get("resources")
        if res is not None:
            await res.http.aclose()
            await res.engine.dispose()

    class WorkerSettings:
        functions: ClassVar[list[WorkerCoroutine]] = []
        cron_jobs: ClassVar[list[Any]] = [
            cron(heartbeat, second={0, 30}, run_at_startup=False, unique=False, timeout=JOB_TIMEOUT_SECONDS)
        ]
        on_startup = startup
        on_shutdown = shutdown
        redis_settings: ClassVar[RedisSettings] = redis_settings(redis_url)
        health_check_interval = HEALTH_CHECK_SECONDS
        job_timeout = JOB_TIMEOUT_SECONDS
        keep_result = 0
        max_tries = 5
        allow_abort_jobs = False

    return WorkerSettings
