"""Receivers that accept the connection and never answer: while the worker waits on them (until the webhook
timeout) it holds no database connection or transaction, and notices to healthy receivers are delivered.

Real transactions on the session's test database (other connections must see what is committed), a worker
engine whose pool is smaller than the number of hanging sends, a local sink that never answers.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import pytest
import pytest_asyncio
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from oversight_db.blobs import LocalBlobStore
from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.models import Notice, Organization, WebhookEndpoint
from oversight_db.outbox import add_notice
from oversight_db.settings import Settings
from oversight_worker.context import WorkerResources
from oversight_worker.delivery import DeliveryResult, deliver, deliver_many
from tests.sinks import WebhookSink, webhook_sink

HANGING = 6
POOL_SIZE = 2  # plus as many overflow connections: 4 in all, fewer than the hanging sends


@pytest.fixture
def hanging_sink() -> Iterator[WebhookSink]:
    with webhook_sink() as sink:
        sink.hang_all = True
        yield sink


@pytest_asyncio.fixture(loop_scope="session")
async def worker_engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    assert settings.database_url
    engine = create_engine(settings.database_url, pool_size=POOL_SIZE)
    yield engine
    await engine.dispose()


@pytest_asyncio.fixture(loop_scope="session")
async def observer(settings: Settings) -> AsyncIterator[AsyncEngine]:
    assert settings.database_url
    engine = create_engine(settings.database_url, pool_size=1)
    yield engine
    await engine.dispose()


async def _org_with_endpoint(sessions: async_sessionmaker[AsyncSession], url: str) -> uuid.UUID:
    async with sessions() as s, s.begin():
        org = Organization(id=uuid.uuid4(), kind="provider", name=f"hang {uuid.uuid4().hex[:6]}",
                           settings={"notice_channels": ["inbox", "webhook"]})  # fmt: skip
        s.add(org)
        await s.flush()
        s.add(WebhookEndpoint(organization_id=org.id, url=url, secret="whsec_hang"))
        return org.id


async def _notice(sessions: async_sessionmaker[AsyncSession], org_id: uuid.UUID) -> uuid.UUID:
    async with sessions() as s, s.begin():
        review_id = uuid.uuid4()
        notice_id = await add_notice(
            s,
            kind="review_reminder",
            recipient_organization_id=org_id,
            subject_type="review",
            subject_id=review_id,
            data={"review_id": str(review_id), "scheduled_for": "2027-01-11"},
        )
        assert notice_id
        return notice_id


async def _in_transaction(observer: AsyncEngine) -> int:
    """Sessions of this test database inside a transaction, other than the observer's own."""
    async with observer.connect() as conn:
        count = await conn.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND state IN ('idle in transaction', 'active')"
            )
        )
    return int(count or 0)


async def _status(sessions: async_sessionmaker[AsyncSession], notice_id: uuid.UUID) -> str | None:
    async with sessions() as s:
        status: str | None = await s.scalar(select(Notice.delivery_status).where(Notice.id == notice_id))
    return status


async def _all_delivered(sessions: async_sessionmaker[AsyncSession], ids: list[uuid.UUID]) -> bool:
    return all([await _status(sessions, notice_id) == "delivered" for notice_id in ids])


async def _ready(value: bool) -> bool:
    return value


async def _until(check: Callable[[], Awaitable[bool]]) -> None:
    """Poll until ``check`` holds (no deadline here: the hanging sends' own timeout ends the test's wait)."""
    while True:
        if await check():
            return
        await asyncio.sleep(0.02)


async def test_hanging_receivers_hold_no_connection_and_healthy_ones_are_delivered_meanwhile(
    worker_settings: Settings,
    worker_engine: AsyncEngine,
    observer: AsyncEngine,
    hooks: WebhookSink,
    hanging_sink: WebhookSink,
    tmp_path: object,
) -> None:
    settings = worker_settings.model_copy(update={"webhook_timeout_seconds": 3.0})
    sessions = create_sessionmaker(worker_engine)
    res = WorkerResources(
        settings=settings,
        engine=worker_engine,
        sessions=sessions,
        blobs=LocalBlobStore(settings.data_dir / f"blobs-{uuid.uuid4().hex[:8]}"),
        worker_id="hang-test",
        db_slots=asyncio.Semaphore(POOL_SIZE),
    )
    healthy_org = await _org_with_endpoint(sessions, hooks.url("/healthy"))
    hanging_orgs = [
        await _org_with_endpoint(sessions, hanging_sink.url(f"/hang-{i}")) for i in range(HANGING)
    ]
    hanging = [await _notice(sessions, org) for org in hanging_orgs]
    healthy = [await _notice(sessions, healthy_org) for _ in range(5)]
    # A job of several notices, one of them to a hanging receiver: the others are recorded meanwhile.
    mixed_hanging = await _notice(sessions, hanging_orgs[0])
    mixed_healthy = [await _notice(sessions, healthy_org) for _ in range(3)]
    try:
        # The hanging ones first, each its own job (as the API hands them over), as a worker runs them: at once.
        hanging_jobs = [asyncio.create_task(deliver(res, notice_id, 0)) for notice_id in hanging]
        await _until(lambda: _ready(len(hanging_sink.received) == HANGING))  # every one reached its receiver
        mixed_job = asyncio.create_task(
            deliver_many(res, {mixed_hanging: 0, **dict.fromkeys(mixed_healthy, 0)})
        )
        healthy_results = await asyncio.gather(*(deliver(res, notice_id, 0) for notice_id in healthy))
        await _until(lambda: _all_delivered(sessions, mixed_healthy))

        # All of that happened while every hanging send is still waiting for an answer...
        assert not any(job.done() for job in hanging_jobs) and not mixed_job.done()
        assert len(hanging_sink.received) == HANGING + 1 and all(r.status == 0 for r in hanging_sink.received)
        # ... and those waits hold no pooled connection and no transaction.
        assert worker_engine.pool.checkedout() == 0  # type: ignore[attr-defined]
        assert await _in_transaction(observer) == 0
        assert [r.status for r in healthy_results] == ["delivered"] * 5
        assert sorted(r.headers["idempotency-key"] for r in hooks.for_path("/healthy")) == sorted(
            str(n) for n in [*healthy, *mixed_healthy]
        )
        assert await _status(sessions, mixed_hanging) == "pending"

        # At the timeout the hanging sends are recorded as retries, like any other timeout.
        hanging_results: list[DeliveryResult] = await asyncio.gather(*hanging_jobs)
        mixed = await mixed_job
    finally:
        hanging_sink.release.set()
    assert [r.status for r in hanging_results] == ["pending"] * HANGING
    assert mixed[mixed_hanging].status == "pending"
    assert {mixed[n].status for n in mixed_healthy} == {"delivered"}
    async with sessions() as s:
        errors = set(
            await s.scalars(select(Notice.last_error).where(Notice.id.in_([*hanging, mixed_hanging])))
        )
        leased = await s.scalar(
            select(func.count()).where(Notice.lease_token.is_not(None), Notice.id.in_(hanging))
        )
    assert all(e is not None and "timeout" in e for e in errors) and leased == 0
