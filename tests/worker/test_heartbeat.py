"""The worker's start-up hook and heartbeat cron write the row /readyz reads."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest_asyncio
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from oversight_db.models import WorkerHeartbeat
from oversight_db.settings import Settings
from oversight_worker.settings import HEALTH_CHECK_SECONDS, build_worker_settings


async def test_worker_settings_health_check_and_heartbeat_cron(settings: Settings) -> None:
    assert settings.database_url and settings.redis_url
    ws: Any = build_worker_settings(settings, settings.database_url, settings.redis_url)
    assert ws.health_check_interval == HEALTH_CHECK_SECONDS == 30
    assert ws.job_timeout <= 60
    assert any(job.name.endswith("heartbeat") for job in ws.cron_jobs)


@pytest_asyncio.fixture(loop_scope="session")
async def forget_committed_beats(engine: AsyncEngine) -> AsyncIterator[None]:
    """Set up before the test's connection, so torn down after its rollback (while the test's transaction
    holds the beat's row, it cannot be deleted): removes the beat the start-up hook committed on its own
    engine, or tests after this one see a live worker (/readyz 200 where they expect 503)."""
    yield
    async with engine.begin() as conn:
        await conn.execute(delete(WorkerHeartbeat))


async def test_worker_startup_records_a_heartbeat_and_readyz_turns_green(
    forget_committed_beats: None,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    client: httpx.AsyncClient,
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
