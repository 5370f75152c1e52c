"""The long-jobs pool: which pool runs what, the long queue end to end (an export handed over as the API does,
built by a long worker), and the long pool's own time bound (a load longer than a small bound is cut and
left for its lease; under a longer bound the same kind of load finishes)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import pytest_asyncio
from arq.connections import ArqRedis
from arq.worker import get_kwargs
from prometheus_client import REGISTRY
from sqlalchemy import delete, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from oversight_app.imports import service
from oversight_db.blobs import create_blob_store
from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.models import ActivityImport, ExportJob, MemberInteraction, WorkerHeartbeat
from oversight_db.queue import LONG_QUEUE, MAIN_QUEUE, export_job_id
from oversight_db.settings import Settings
from oversight_worker.settings import JOB_TIMEOUT_SECONDS, OversightWorker, build_worker_settings
from tests.app.activity_world import World, activity_world
from tests.conftest import MakeKey, MakeOrg


def _pools(settings: Settings) -> tuple[Any, Any]:
    assert settings.database_url and settings.redis_url
    main = build_worker_settings(settings, settings.database_url, settings.redis_url, "main")
    long = build_worker_settings(settings, settings.database_url, settings.redis_url, "long")
    return main, long


def _count(job: str, status: str) -> float:
    value = REGISTRY.get_sample_value("oversight_long_jobs_total", {"job": job, "status": status})
    return value or 0.0


def _names(ws: Any) -> set[str]:
    return {f.name for f in ws.functions} | {c.name for c in ws.cron_jobs}


def test_builds_loads_and_checks_run_on_the_long_pool_and_everything_else_on_the_main_pool(
    settings: Settings,
) -> None:
    main, long = _pools(settings)
    assert (main.queue_name, long.queue_name) == (MAIN_QUEUE, LONG_QUEUE)
    # Each job and cron runs on exactly one pool: a cron on both would run twice a tick.
    assert not _names(main) & _names(long)
    assert {"build_export", "cron:load_imports", "cron:scheduled_checks"} == _names(long)
    assert {"deliver_notice", "deliver_notices", "cron:relay", "cron:sweep", "cron:report_exports"} <= _names(
        main
    )
    # The main pool keeps its 30 s bound (arq's lease on a killed worker's jobs is its longest timeout
    # + 10 s); the long pool's is the setting, an hour by default.
    main_timeouts = [f.timeout_s for f in main.functions] + [c.timeout_s for c in main.cron_jobs]
    assert max(t or main.job_timeout for t in main_timeouts) <= JOB_TIMEOUT_SECONDS == 30
    long_timeouts = [f.timeout_s for f in long.functions] + [c.timeout_s for c in long.cron_jobs]
    assert set(long_timeouts) == {settings.long_job_timeout_seconds} == {3600}
    assert long.max_jobs == settings.long_worker_max_jobs == 2


@dataclass
class Committed:
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]


@pytest_asyncio.fixture(loop_scope="session")
async def committed(settings: Settings) -> AsyncIterator[Committed]:
    """Sessions that really commit: the long worker under test has its own engine."""
    assert settings.database_url
    engine = create_engine(settings.database_url, pool_size=3)
    yield Committed(engine, create_sessionmaker(engine))
    async with engine.begin() as conn:
        # The worker's beats would make /readyz green for later tests that expect no worker.
        await conn.execute(delete(WorkerHeartbeat))
    await engine.dispose()


async def _run_long_worker(settings: Settings, redis: ArqRedis, seconds: float) -> None:
    """A real long-pool worker (its start-up hook, engine, blob store, crons; ``load_imports`` runs at
    start-up) for ``seconds``."""
    assert settings.database_url and settings.redis_url
    ws = build_worker_settings(settings, settings.database_url, settings.redis_url, "long")
    kwargs: dict[str, Any] = {**get_kwargs(ws), "handle_signals": False}
    worker = OversightWorker(**kwargs)
    task = asyncio.create_task(worker.async_run())
    try:
        await asyncio.sleep(seconds)
    finally:
        await worker.close()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def _import(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], world: World, tag: str
) -> uuid.UUID:
    number = world.members[0].member_number
    data = (
        "interaction_id,member_number,provider_npi,occurred_on,kind,duration_minutes,outcome,enrolled\n"
        f"{tag},{number},{world.provider.npi},2025-03-03,contact,15,reached,true\n"
    ).encode()
    async with sessions() as s, s.begin():
        out, _ = await service.create_import(
            s, world.caller, "interactions", "csv", data, create_blob_store(settings)
        )
    return out.id


async def _load_behind_a_lock(
    settings: Settings, committed: Committed, redis: ArqRedis, world: World, tag: str
) -> uuid.UUID:
    """An import whose merge waits 2 s on another transaction's lock on its table, under a long worker
    running 5 s: ample time to finish unless its pool's bound cuts it first."""
    async with committed.engine.connect() as holder:
        await holder.execute(text("BEGIN"))
        await holder.execute(text("LOCK TABLE member_interaction IN SHARE MODE"))
        import_id = await _import(settings, committed.sessions, world, tag)
        worker = asyncio.create_task(_run_long_worker(settings, redis, 5.0))
        await asyncio.sleep(2.0)
        await holder.execute(text("ROLLBACK"))
        await worker
    return import_id


@pytest.mark.asyncio(loop_scope="session")
async def test_a_load_longer_than_the_long_pools_bound_is_cut_and_under_a_longer_bound_it_finishes(
    settings: Settings, committed: Committed, redis: ArqRedis
) -> None:
    async with committed.sessions() as s, s.begin():
        world = await activity_world(s)
    ids: list[uuid.UUID] = []
    loaded_before = _count("load_import", "succeeded")
    try:
        short = settings.model_copy(update={"long_job_timeout_seconds": 1})
        ids.append(await _load_behind_a_lock(short, committed, redis, world, "cut"))
        # A 30 s bound (the main pool's): the same 2 s wait outlasts the small bound and the load finishes.
        # The first import's claim is still live (cut seconds ago: it is taken for dead only after a minute
        # without renewal), so it is left alone.
        longer = settings.model_copy(update={"long_job_timeout_seconds": 30})
        ids.append(await _load_behind_a_lock(longer, committed, redis, world, "finished"))
        async with committed.sessions() as s:
            cut = await s.get_one(ActivityImport, ids[0])
            done = await s.get_one(ActivityImport, ids[1])
            merged = (
                await s.scalars(
                    select(MemberInteraction.source_id).where(MemberInteraction.plan_id == world.plan.id)
                )
            ).all()
        assert _count("load_import", "succeeded") == loaded_before + 1  # the cut load counts nothing
        # Cut at 1 s, mid-merge: nothing merged, the claim stays until it has gone a minute without renewal.
        assert (cut.status, cut.attempts, cut.rows) == ("loading", 1, None)
        assert (done.status, done.attempts, done.inserted) == ("succeeded", 1, 1)
        assert merged == ["finished"]
    finally:
        async with committed.sessions() as s, s.begin():
            await s.execute(delete(MemberInteraction).where(MemberInteraction.plan_id == world.plan.id))
            await s.execute(delete(ActivityImport).where(ActivityImport.id.in_(ids)))


@pytest.mark.asyncio(loop_scope="session")
async def test_an_export_requested_through_the_api_is_built_by_the_long_pool_and_its_notice_goes_to_main(
    settings: Settings,
    committed: Committed,
    committed_client: httpx.AsyncClient,
    committed_factories: tuple[MakeOrg, MakeKey],
    redis: ArqRedis,
) -> None:
    make_org, make_key = committed_factories
    plan = await make_org("plan")
    headers = {**await make_key(plan, "plan_admin"), "Idempotency-Key": uuid.uuid4().hex}
    body = {"kind": "reviews", "format": "csv", "filters": {"year": 2026}}
    r = await committed_client.post("/v1/reports/exports", json=body, headers=headers)
    assert r.status_code == 202, r.text
    export_id = r.json()["id"]
    # The API's after-commit hand-off put the build on the long queue, not the main pool's.
    assert await redis.zscore(LONG_QUEUE, export_job_id(uuid.UUID(export_id), 0)) is not None
    assert await redis.zcard(MAIN_QUEUE) == 0

    built_before = _count("build_export", "ready")
    try:
        await _run_long_worker(settings, redis, 3.0)
        # The long worker's metrics count it (its /metrics on OVERSIGHT_WORKER_METRICS_PORT).
        assert _count("build_export", "ready") == built_before + 1

        got = await committed_client.get(f"/v1/reports/exports/{export_id}", headers=headers)
        assert (got.json()["status"], got.json()["row_count"]) == ("ready", 0)
        # Its report_ready notice is handed to the main pool's queue (the long pool delivers nothing).
        assert await redis.zcard(LONG_QUEUE) == 0
        assert await redis.zcard(MAIN_QUEUE) == 1
    finally:
        # Committed: other tests' expiry sweeps would meet it.
        async with committed.sessions() as s, s.begin():
            await s.execute(delete(ExportJob).where(ExportJob.id == uuid.UUID(export_id)))
