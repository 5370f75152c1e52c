"""Fault tests with real processes: the worker (``python -m oversight_worker``), the API under uvicorn, a
Redis server and (for the restart test) a Postgres cluster started here, a webhook sink and committed data.

They print their figures (run with ``-s`` to see them).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from oversight_api.resources import Resources
from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.migrate import upgrade
from oversight_db.models import Notice, Organization, WebhookEndpoint, WorkerHeartbeat
from oversight_db.outbox import add_notice
from oversight_db.settings import Settings
from tests.conftest import _make_key
from tests.fault_procs import (
    PostgresCluster,
    RedisProcess,
    api_process,
    hand_off,
    service_env,
    worker_process,
)
from tests.servers import in_thread
from tests.sinks import WebhookSink

pytestmark = pytest.mark.fault


@pytest_asyncio.fixture(loop_scope="session")
async def committed(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on the session's test database that really commit (other processes must see the rows)."""
    assert settings.database_url
    engine = create_engine(settings.database_url, pool_size=5)
    sessions = create_sessionmaker(engine)
    yield sessions
    # The worker processes' heartbeats would make /readyz green for tests that expect no worker.
    async with sessions() as s, s.begin():
        await s.execute(delete(WorkerHeartbeat))
    await engine.dispose()


async def eventually(check: Callable[[], Any], limit: float, what: str, interval: float = 0.25) -> float:
    started = time.monotonic()
    while True:
        try:
            if await check():
                return time.monotonic() - started
        except Exception:
            pass
        if time.monotonic() - started > limit:
            raise TimeoutError(f"{what} not reached within {limit:.0f} s")
        await asyncio.sleep(interval)


async def _org_with_endpoint(
    sessions: async_sessionmaker[AsyncSession], url: str, kind: str = "provider"
) -> Organization:
    async with sessions() as s, s.begin():
        org = Organization(id=uuid.uuid4(), kind=kind, name=f"fault {uuid.uuid4().hex[:6]}",
                           settings={"notice_channels": ["inbox", "webhook"]})  # fmt: skip
        s.add(org)
        await s.flush()
        s.add(WebhookEndpoint(organization_id=org.id, url=url, secret="whsec_ZmF1bHQ="))
    return org


async def _add_notices(
    sessions: async_sessionmaker[AsyncSession], org: Organization, n: int
) -> list[uuid.UUID]:
    ids: list[uuid.UUID] = []
    async with sessions() as s, s.begin():
        for _ in range(n):
            review_id = uuid.uuid4()
            notice_id = await add_notice(
                s,
                kind="review_reminder",
                recipient_organization_id=org.id,
                subject_type="review",
                subject_id=review_id,
                data={"review_id": str(review_id), "scheduled_for": "2027-01-11"},
            )
            assert notice_id
            ids.append(notice_id)
    return ids


async def _delivered(sessions: async_sessionmaker[AsyncSession], org_id: uuid.UUID) -> int:
    async with sessions() as s:
        count = await s.scalar(
            select(func.count()).where(
                Notice.recipient_organization_id == org_id, Notice.delivery_status == "delivered"
            )
        )
    return int(count or 0)


async def test_kill_9_mid_delivery_every_notice_arrives_with_distinct_keys(
    settings: Settings, committed: async_sessionmaker[AsyncSession], hooks: WebhookSink, tmp_path: Path
) -> None:
    assert settings.database_url
    total = 2000
    redis = RedisProcess(tmp_path)
    redis.start()
    worker = worker_process(service_env(settings.database_url, redis.url, tmp_path), tmp_path / "worker.log")
    try:
        org = await _org_with_endpoint(committed, hooks.url("/fault-kill"))
        ids = await _add_notices(committed, org, total)
        await hand_off(committed, redis.url, ids)
        started = time.monotonic()
        worker.start()
        await eventually(
            lambda: _ready(len(hooks.for_path("/fault-kill")) >= total // 3), 60, "a third delivered"
        )
        worker.kill9()
        at_kill = len(hooks.for_path("/fault-kill"))
        worker.start()
        await eventually(lambda: _ready_async(_delivered(committed, org.id), total), 90, "all delivered")
        elapsed = time.monotonic() - started
    finally:
        worker.stop()
        redis.stop()
    received = hooks.for_path("/fault-kill")
    keys = [r.headers["idempotency-key"] for r in received]
    duplicates = len(keys) - len(set(keys))
    print(
        f"\nFAULT-1 kill -9: {total} notices, worker killed after {at_kill} POSTs; all delivered in {elapsed:.1f} s;"
        f" {len(set(keys))} distinct Idempotency-Keys, {duplicates} transport-level duplicates"
    )
    assert set(keys) == {str(i) for i in ids}
    assert len(set(keys)) == total
    assert all(r.status == 200 for r in received)
    # At most what was sent and not yet recorded when the process died (jobs of up to NOTICES_PER_JOB, 5).
    assert duplicates <= 100


async def _ready(value: bool) -> bool:
    return value


async def _ready_async(count: Any, target: int) -> bool:
    return bool(await count >= target)


async def test_postgres_restart_under_the_worker_it_recovers_without_restarting(
    settings: Settings, hooks: WebhookSink, tmp_path: Path
) -> None:
    pg = PostgresCluster()
    pg.init()
    redis = RedisProcess(tmp_path)
    engine: AsyncEngine | None = None
    worker = None
    try:
        in_thread(upgrade, pg.url)
        redis.start()
        engine = create_engine(pg.url, pool_size=3)
        sessions = create_sessionmaker(engine)
        org = await _org_with_endpoint(sessions, hooks.url("/fault-pg"))
        worker = worker_process(service_env(pg.url, redis.url, tmp_path), tmp_path / "worker.log")
        worker.start()
        before = await _add_notices(sessions, org, 50)
        await hand_off(sessions, redis.url, before)
        await eventually(lambda: _ready_async(_delivered(sessions, org.id), 50), 30, "first batch delivered")

        # In flight: handed to the queue, then Postgres goes away under the worker for a few seconds.
        during = await _add_notices(sessions, org, 100)
        await hand_off(sessions, redis.url, during)
        pg.stop()
        await asyncio.sleep(3)
        assert worker.alive()
        pg.start()
        restarted = time.monotonic()
        await engine.dispose()  # our own pool's connections died with the server too
        after = await _add_notices(sessions, org, 50)
        await hand_off(sessions, redis.url, after)
        try:
            await eventually(lambda: _ready_async(_delivered(sessions, org.id), 200), 60, "all 200 delivered")
        except TimeoutError:
            tail = (tmp_path / "worker.log").read_text()[-4000:]
            raise AssertionError(f"not all delivered; worker log tail:\n{tail}") from None
        recovered = time.monotonic() - restarted
        assert worker.alive()
    finally:
        if worker is not None:
            worker.stop()
        redis.stop()
        if engine is not None:
            await engine.dispose()
        pg.stop()
        pg.remove()
    keys = {r.headers["idempotency-key"] for r in hooks.for_path("/fault-pg") if r.status == 200}
    print(f"\nFAULT-3 Postgres restart: the same worker process delivered all 200 notices {recovered:.1f} s after "
          f"the restart")  # fmt: skip
    assert keys == {str(i) for i in before + during + after}


async def test_redis_down_while_500_reviews_are_scheduled_all_notices_arrive(
    settings: Settings, committed: async_sessionmaker[AsyncSession], hooks: WebhookSink, tmp_path: Path
) -> None:
    """All 500 ``POST /v1/reviews`` return 201 while Redis is stopped; after Redis returns, the worker's
    relay delivers the 500 ``review_scheduled`` notices within 60 s."""
    assert settings.database_url
    from tests.worker.fault_reviews import make_plan_and_providers

    n = 500
    redis = RedisProcess(tmp_path)
    redis.start()
    env = service_env(settings.database_url, redis.url, tmp_path)
    api, base = api_process(env, tmp_path / "api.log")
    worker = worker_process(env, tmp_path / "worker.log")
    try:
        world = await make_plan_and_providers(committed, hooks.url("/fault-redis"), providers=10)
        async with committed() as s, s.begin():
            headers = await _make_key(s, world.plan, "plan_admin")
        worker.start()
        redis.stop()  # Redis goes down before the writes
        statuses: list[int] = []
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as client:
            sem = asyncio.Semaphore(8)

            async def create(i: int) -> None:
                async with sem:
                    body = world.review_body(i)
                    response = await client.post("/v1/reviews", json=body)
                    statuses.append(response.status_code)

            await asyncio.gather(*(create(i) for i in range(n)))
        assert statuses.count(201) == n, sorted(set(statuses))
        redis.start()  # an empty Redis on the same port: nothing queued survived
        back = time.monotonic()
        await eventually(
            lambda: _ready_async(_delivered_kind(committed, world.provider_ids, "review_scheduled"), n),
            60,
            "500 review_scheduled notices delivered",
        )
        took = time.monotonic() - back
    finally:
        worker.stop()
        api.stop()
        redis.stop()
    keys = {r.headers["idempotency-key"] for r in hooks.for_path("/fault-redis") if r.status == 200}
    print(f"\nFAULT-2 Redis down: {n} reviews created (all 201) with Redis stopped; all {n} review_scheduled "
          f"notices delivered {took:.1f} s after Redis came back")  # fmt: skip
    assert len(keys) == n


async def _delivered_kind(
    sessions: async_sessionmaker[AsyncSession], org_ids: list[uuid.UUID], kind: str
) -> int:
    async with sessions() as s:
        count = await s.scalar(
            select(func.count()).where(
                Notice.recipient_organization_id.in_(org_ids),
                Notice.kind == kind,
                Notice.delivery_status == "delivered",
            )
        )
    return int(count or 0)


async def test_pip_issued_100_days_ago_becomes_cap_on_the_next_sweep_and_only_once(
    settings: Settings,
    committed: async_sessionmaker[AsyncSession],
    committed_resources: Resources,
    hooks: WebhookSink,
    tmp_path: Path,
) -> None:
    """A PIP recorded 100 days ago (the API's clock pinned then) with ``issued_on`` that day is due after 90
    days: the worker process's next sweep escalates it to a CAP, the provider's standing shows the holds,
    and sweeping again changes nothing (seed 003: PIP 90 days -> CAP 30 days with holds)."""
    assert settings.database_url
    from oversight_api.app import create_app
    from oversight_api.clock import today as api_today
    from tests.worker.fault_reviews import make_plan_and_providers, record_pip

    hundred_days_ago = date.today() - timedelta(days=100)
    world = await make_plan_and_providers(committed, hooks.url("/fault-pip"), providers=1, program="ecm")
    async with committed() as s, s.begin():
        headers = await _make_key(s, world.plan, "plan_admin")
    app = create_app(resources=committed_resources)
    app.dependency_overrides[api_today] = lambda: hundred_days_ago
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test", headers=headers) as then:
        plan_id = await record_pip(then, world, issued_on=hundred_days_ago)
        recorded = (await then.get(f"/v1/action-plans/{plan_id}")).json()
    assert (recorded["kind"], recorded["holds"]) == ("pip", [])

    redis = RedisProcess(tmp_path)
    redis.start()
    worker = worker_process(service_env(settings.database_url, redis.url, tmp_path), tmp_path / "worker.log")
    now_app = create_app(resources=committed_resources)
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=now_app), base_url="http://test", headers=headers
        ) as client:
            worker.start()  # its start-up sweep is the next sweep

            async def escalated() -> bool:
                got = await client.get(f"/v1/action-plans/{plan_id}")
                return bool(got.json()["kind"] == "cap")

            took = await eventually(escalated, 45, "the PIP escalated to a CAP")
            worker.stop()
            standing = (await client.get(f"/v1/providers/{world.provider_ids[0]}/standing")).json()
            first = (await client.get(f"/v1/action-plans/{plan_id}")).json()
            notices_before = await _count_notices(committed, world.all_org_ids)

            # Sweep again with the worker's own code: nothing about this plan changes.
            from oversight_worker.settings import load_deadline_handlers
            from oversight_worker.sweep import sweep_deadlines

            load_deadline_handlers()
            await sweep_deadlines(committed, None, date.today())
            second = (await client.get(f"/v1/action-plans/{plan_id}")).json()
            notices_after = await _count_notices(committed, world.all_org_ids)
    finally:
        worker.stop()
        redis.stop()
    print(
        f"\nFAULT-4 PIP->CAP: escalated by the worker's sweep {took:.1f} s after it started; standing {standing}"
    )
    assert (first["kind"] == "cap" and set(first["holds"]) >= {"new_enrollments"}) or first["holds"]
    assert standing["status"] == "cap"
    assert standing["can_enroll_members"] is False and standing["can_submit_authorizations"] is False
    assert second == first
    assert notices_after == notices_before
    kinds = await _kinds(committed, world.all_org_ids)
    assert "action_plan_overdue" in kinds and kinds.count("action_plan_opened") >= 2  # PIP, then CAP


async def _kinds(sessions: async_sessionmaker[AsyncSession], org_ids: list[uuid.UUID]) -> list[str]:
    async with sessions() as s:
        return list(await s.scalars(select(Notice.kind).where(Notice.recipient_organization_id.in_(org_ids))))


def _holds(standing: dict[str, Any]) -> bool:
    text = str(standing).lower()
    return "enrollment" in text and "authorization" in text


async def _count_notices(sessions: async_sessionmaker[AsyncSession], org_ids: list[uuid.UUID]) -> int:
    async with sessions() as s:
        return int(
            await s.scalar(select(func.count()).where(Notice.recipient_organization_id.in_(org_ids))) or 0
        )
