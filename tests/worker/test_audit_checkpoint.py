"""The worker writes the signed audit checkpoint daily."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_db.audit_checkpoints import load_checkpoints
from oversight_db.blobs import LocalBlobStore
from oversight_db.settings import Settings
from oversight_worker.audit_checkpoint import audit_checkpoint
from oversight_worker.settings import build_worker_settings


def test_the_checkpoint_is_a_daily_cron(settings: Settings) -> None:
    assert settings.database_url and settings.redis_url
    ws: Any = build_worker_settings(settings, settings.database_url, settings.redis_url)
    [job] = [job for job in ws.cron_jobs if job.name.endswith("audit_checkpoint")]
    assert (job.hour, job.minute, job.second) == ({3}, {17}, 0) and job.unique


async def test_the_job_writes_a_checkpoint_that_verifies(
    sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    blobs = LocalBlobStore(tmp_path)
    await audit_checkpoint({"resources": SimpleNamespace(sessions=sessions, blobs=blobs)})
    checkpoints, bad = await load_checkpoints(blobs)
    assert bad == [] and len(checkpoints) == 1
