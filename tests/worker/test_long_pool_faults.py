"""Fault test of the long-jobs pool with real processes: a long worker killed (``kill -9``) mid-import; the
import is claimed again once its lease has run out and loads exactly once. Prints its figures (``-s``)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from oversight_app.imports import service
from oversight_db.blobs import create_blob_store
from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.models import ActivityImport, MemberInteraction, WorkerHeartbeat
from oversight_db.settings import Settings
from tests.app.activity_world import activity_world
from tests.fault_procs import RedisProcess, service_env, worker_process
from tests.worker.test_faults import eventually

pytestmark = [pytest.mark.fault, pytest.mark.asyncio(loop_scope="session")]

ROWS = 2000
# The long pool's bound in this test: the lease after which a cut load is claimed again is this + 10 s.
TIMEOUT_SECONDS = 5


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
    env = service_env(
        settings.database_url, redis.url, tmp_path, OVERSIGHT_LONG_JOB_TIMEOUT_SECONDS=str(TIMEOUT_SECONDS)
    )
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

        await eventually(succeeded, 90, "the import loaded by the restarted worker", interval=0.5)
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
        f" (lease {TIMEOUT_SECONDS} s + 10 s, cron every 30 s); attempts {done.attempts}"
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
