"""Fault tests of the long-jobs pool with real processes, with the production timeout (an hour, which arq's
lease on a killed worker's jobs follows): a long worker killed (``kill -9``) mid-import (the import is
claimed again once its claim has gone a minute without renewal and loads exactly once) and mid-export (the
export is handed over again the same way, and built once). Prints their figures (``-s``)."""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from oversight_app.imports import service
from oversight_db.blobs import create_blob_store
from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.models import ActivityImport, ExportJob, MemberInteraction, Notice, WorkerHeartbeat
from oversight_db.settings import Settings
from tests.app.activity_world import activity_world
from tests.conftest import MakeKey, MakeOrg
from tests.fault_procs import RedisProcess, service_env, worker_process
from tests.worker.test_faults import eventually

pytestmark = [pytest.mark.fault, pytest.mark.asyncio(loop_scope="session")]

ROWS = 2000
# A dead worker's claim is taken over after a minute without renewal, then at the next tick of the cron
# that hands it over (every 30 s); with room for a slow machine.
RECOVERY_BOUND_SECONDS = 120


@pytest_asyncio.fixture(loop_scope="session")
async def fault_engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    assert settings.database_url
    engine = create_engine(settings.database_url, pool_size=3)
    yield engine
    async with engine.begin() as conn:
        await conn.execute(delete(WorkerHeartbeat))  # later tests expect no live worker
    await engine.dispose()


async def test_kill_9_mid_import_the_import_is_claimed_again_and_loads_exactly_once(
    settings: Settings, fault_engine: AsyncEngine, tmp_path: Path
) -> None:
    assert settings.database_url
    engine = fault_engine
    sessions = create_sessionmaker(engine)
    async with sessions() as s, s.begin():
        world = await activity_world(s)
    numbers = [m.member_number for m in world.members]
    lines = ["interaction_id,member_number,provider_npi,occurred_on,kind,duration_minutes,outcome,enrolled"]
    lines += [
        f"K-{i},{numbers[i % len(numbers)]},{world.provider.npi},2025-0{1 + i % 9}-1{i % 10},contact,15,reached,true"
        for i in range(ROWS)
    ]
    # The worker reads the file from the blob store under its data directory, as in production from S3.
    blobs = create_blob_store(settings.model_copy(update={"data_dir": tmp_path}))
    redis = RedisProcess(tmp_path)
    redis.start()
    env = service_env(settings.database_url, redis.url, tmp_path)
    assert "OVERSIGHT_LONG_JOB_TIMEOUT_SECONDS" not in env  # the default hour
    worker = worker_process(env, tmp_path / "worker-long.log", pool="long")
    import_id = None
    try:
        async with engine.connect() as holder:
            # Another transaction holds the table: the load stops mid-merge, where it is killed.
            await holder.execute(text("BEGIN"))
            await holder.execute(text("LOCK TABLE member_interaction IN SHARE MODE"))
            async with sessions() as s, s.begin():
                out, _ = await service.create_import(
                    s, world.caller, "interactions", "csv", ("\n".join(lines) + "\n").encode(), blobs
                )
            import_id = out.id
            worker.start()

            async def merge_waiting() -> bool:
                async with engine.connect() as conn:
                    waiting = await conn.scalar(
                        text(
                            "SELECT count(*) FROM pg_locks WHERE NOT granted"
                            " AND relation = 'member_interaction'::regclass"
                        )
                    )
                return bool(waiting)

            await eventually(merge_waiting, 60, "the load waiting mid-merge")
            worker.kill9()
            killed = time.monotonic()
            await holder.execute(text("ROLLBACK"))
        async with sessions() as s:
            left = await s.get_one(ActivityImport, import_id)
        assert (left.status, left.attempts) == ("loading", 1)

        worker.start()

        async def succeeded() -> bool:
            async with sessions() as s:
                row = await s.get_one(ActivityImport, import_id)
                return row.status == "succeeded"

        await eventually(
            succeeded, RECOVERY_BOUND_SECONDS, "the import loaded by the restarted worker", interval=0.5
        )
        recovered = time.monotonic() - killed
    finally:
        worker.stop()
        redis.stop()
    async with sessions() as s:
        done = await s.get_one(ActivityImport, import_id)
        stored, distinct = (
            await s.execute(
                select(func.count(), func.count(func.distinct(MemberInteraction.source_id))).where(
                    MemberInteraction.plan_id == world.plan.id
                )
            )
        ).one()
    print(
        f"\nlong pool kill -9 mid-import: {ROWS} rows, claimed again and loaded {recovered:.1f} s after the kill"
        f" (job timeout 3600 s; the claim's lease 60 s, cron every 30 s); attempts {done.attempts}"
    )
    assert (done.status, done.attempts, done.rows, done.inserted, done.updated) == (
        "succeeded",
        2,
        ROWS,
        ROWS,
        0,
    )
    assert (stored, distinct) == (ROWS, ROWS)  # every row once: the killed load merged nothing
    async with sessions() as s, s.begin():
        await s.execute(delete(MemberInteraction).where(MemberInteraction.plan_id == world.plan.id))
        await s.execute(delete(ActivityImport).where(ActivityImport.id == import_id))


async def _waiting_on(engine: AsyncEngine, table: str) -> bool:
    async with engine.connect() as conn:
        waiting = await conn.scalar(
            text(f"SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = '{table}'::regclass")
        )
    return bool(waiting)


async def test_kill_9_mid_export_the_export_is_handed_over_again_and_built_once(
    settings: Settings,
    fault_engine: AsyncEngine,
    committed_client: httpx.AsyncClient,
    committed_factories: tuple[MakeOrg, MakeKey],
    tmp_path: Path,
) -> None:
    """The API hands the build to the long queue; the long worker, with the production timeout (an hour),
    is killed while the build waits on the reviews table. arq keeps the dead job for an hour, but the
    build's claim is no longer renewed: once it is a minute old (``export_build.CLAIM_LEASE``) the main
    pool's ``report_exports`` cron (every 30 s) queues the export again under a new job id and the
    restarted long worker builds it: ``ready``, attempt 2, one ``report_ready`` notice, within 2 minutes
    of the kill (it was 145 s with a 5 s timeout, and the timeout + 2 minutes with an hour's)."""
    assert settings.database_url and settings.redis_url
    engine = fault_engine
    sessions = create_sessionmaker(engine)
    make_org, make_key = committed_factories
    plan = await make_org("plan")
    headers = {**await make_key(plan, "plan_admin"), "Idempotency-Key": uuid.uuid4().hex}
    # The workers share the session's Redis with the API under test (the after-commit hand-off goes there).
    env = service_env(
        settings.database_url, settings.redis_url, tmp_path, OVERSIGHT_DATA_DIR=str(settings.data_dir)
    )
    assert "OVERSIGHT_LONG_JOB_TIMEOUT_SECONDS" not in env  # the default hour: arq's lease is no help
    long_worker = worker_process(env, tmp_path / "worker-long.log", pool="long")
    main_worker = worker_process(env, tmp_path / "worker.log")
    export_id = None
    try:
        async with engine.connect() as holder:
            await holder.execute(text("BEGIN"))
            await holder.execute(text("LOCK TABLE review IN ACCESS EXCLUSIVE MODE"))
            body = {"kind": "reviews", "format": "csv", "filters": {"year": 2026}}
            r = await committed_client.post("/v1/reports/exports", json=body, headers=headers)
            assert r.status_code == 202, r.text
            export_id = uuid.UUID(r.json()["id"])
            long_worker.start()
            await eventually(lambda: _waiting_on(engine, "review"), 60, "the build waiting on the reviews")
            long_worker.kill9()
            killed = time.monotonic()
            await holder.execute(text("ROLLBACK"))
        long_worker.start()
        main_worker.start()

        async def ready() -> bool:
            async with sessions() as s:
                return (await s.get_one(ExportJob, export_id)).status == "ready"

        await eventually(ready, RECOVERY_BOUND_SECONDS, "the export built again", interval=0.5)
        recovered = time.monotonic() - killed
    finally:
        long_worker.stop()
        main_worker.stop()
    async with sessions() as s:
        export = await s.get_one(ExportJob, export_id)
        notices = await s.scalar(
            select(func.count()).where(Notice.kind == "report_ready", Notice.subject_id == export_id)
        )
    print(
        f"\nlong pool kill -9 mid-export: built {recovered:.1f} s after the kill (job timeout 3600 s; the"
        f" claim's lease 60 s, then the main pool's cron every 30 s); attempts {export.attempts}"
    )
    assert (export.status, export.attempts, notices) == ("ready", 2, 1)
    async with sessions() as s, s.begin():
        await s.execute(delete(ExportJob).where(ExportJob.id == export_id))  # other tests' expiry sweeps
