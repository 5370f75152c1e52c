"""The worker's start-up hook and heartbeat cron write the row /readyz reads."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_db.models import WorkerHeartbeat
from oversight_db.settings import Settings
from oversight_worker.settings import HEALTH_CHECK_SECONDS, build_worker_settings


async def test_worker_settings_health_check_and_heartbeat_cron(settings: Settings) -> None:
    assert settings.database_url and settings.redis_url
    ws: Any = build_worker_settings(settings, settings.database_url, settings.redis_url)
    assert ws.health_check_interval == HEALTH_CHECK_SECONDS == 30
    assert ws.job_timeout <= 60
    assert any(job.name.endswith("heartbeat") for job in ws.cron_jobs)


async def test_worker_startup_records_a_heartbeat_and_readyz_turns_green(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], client: httpx.AsyncClient
) -> None:
    assert settings.database_url and settings.redis_url
    ws: Any = build_worker_settings(settings, settings.database_url, settings.redis_url)
    assert (await client.get("/readyz")).status_code == 503
    ctx: dict[str, Any] = {}
    await ws.on_startup(ctx)
    try:
        # The hook used its own engine and committed; read through the test connection to see it.
        ctx["resources"].sessions = sessions
        from oversight_worker.jobs import heartbeat

        await heartbeat(ctx)
        async with sessions() as s:
            rows = (await s.scalars(select(WorkerHeartbeat))).all()
        assert [r.worker_id for r in rows] == [ctx["resources"].worker_id]
        assert (await client.get("/readyz")).status_code == 200
    finally:
        await ws.on_shutdown(ctx)
