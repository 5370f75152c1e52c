"""P7: notices/s one worker process delivers to a local webhook sink (target >= 500/s); the same while 20 of 40
webhook endpoints hang until the timeout (target: the other 20 still receive >= 80 % of that rate); and the
time to sweep 100,000 due deadlines (target < 10 s). Real Postgres and Redis (the machine's when
OVERSIGHT_TEST_* are set, else embedded), the real worker process, local HTTP sinks in a process of their own.

The notices are handed over in one call, as the relay and the sweep hand over theirs (a few notices to a
job). The same figure with one job per notice, as the API hands over a request's single notice, is printed
beside it. The first figure is measured twice, back to back, once per transport under httpx
(OVERSIGHT_WEBHOOK_TRANSPORT: the httpx-aiohttp transport, httpx's own pool); the other runs use the default."""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from multiprocessing.connection import Connection
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.deadlines import HANDLERS
from oversight_db.models import Deadline, Notice, Organization, WebhookEndpoint, WorkerHeartbeat
from oversight_db.outbox import mark_enqueued
from oversight_db.queue import NOTICES_PER_JOB, enqueue_notice_attempts, redis_settings
from oversight_worker.sweep import sweep_deadlines
from oversight_worker.webhooks import DEFAULT_TRANSPORT, TRANSPORTS
from tests.fault_procs import service_env, worker_process
from tests.servers import test_servers
from tests.sinks import WebhookSink, webhook_sink

NOTICES = 3000
DEADLINES = 100_000
# The hanging run: 40 receivers (each its own port, as different partners are), 20 of which read the POST
# and never answer. The healthy 20 share the NOTICES; each hanging one gets HANGING_EACH, handed over first
# (a burst), so that many sends wait the whole timeout at once: 5x the old worker's 20 jobs.
RECEIVERS = 20
HANGING_EACH = 5
TIMEOUT_SECONDS = 10  # the default; longer than the run, so the hanging sends wait through all of it


@dataclass(frozen=True)
class Load:
    healthy: list[str]  # endpoint URLs
    hanging: list[str]
    per_healthy: int
    per_hanging: int
    per_job: int = NOTICES_PER_JOB
    transport: str | None = None  # OVERSIGHT_WEBHOOK_TRANSPORT; None: the default


async def _org(sessions: async_sessionmaker[AsyncSession], url: str | None) -> uuid.UUID:
    async with sessions() as s, s.begin():
        org = Organization(
            id=uuid.uuid4(), kind="provider", name="bench", settings={"notice_channels": ["webhook"]}
        )
        s.add(org)
        await s.flush()
        if url:
            s.add(WebhookEndpoint(organization_id=org.id, url=url, secret="whsec_YmVuY2g="))
        return org.id


async def _notices(sessions: async_sessionmaker[AsyncSession], org_id: uuid.UUID, n: int) -> list[uuid.UUID]:
    async with sessions() as s, s.begin():
        await s.execute(
            text(
                "INSERT INTO notice (id, kind, recipient_organization_id, subject_type, subject_id, data) "
                "SELECT gen_random_uuid(), 'review_reminder', :org, 'review', gen_random_uuid(), "
                "jsonb_build_object('review_id', gen_random_uuid()::text, 'scheduled_for', '2027-01-11') "
                "FROM generate_series(1, :n)"
            ),
            {"org": org_id, "n": n},
        )
        return list(await s.scalars(select(Notice.id).where(Notice.recipient_organization_id == org_id)))


def _sink_process(conn: Connection) -> None:
    """The webhook sinks in a process of their own, so they compete neither with the benchmark's event loop
    nor for its GIL; they answer over HTTP/1.1 keep-alive like real receivers. Reports (POSTs, distinct
    Idempotency-Keys) of the healthy ones when told to stop."""
    with contextlib.ExitStack() as stack:
        main = stack.enter_context(webhook_sink())
        healthy = [stack.enter_context(webhook_sink()) for _ in range(RECEIVERS)]
        hanging = [stack.enter_context(webhook_sink()) for _ in range(RECEIVERS)]
        for sink in hanging:
            sink.hang_all = True
        conn.send(
            (main.url("/bench"), [s.url("/bench") for s in healthy], [s.url("/bench") for s in hanging])
        )
        conn.recv()
        conn.send((_tally([main, *healthy]), _tally(hanging)))


def _tally(sinks: list[WebhookSink]) -> tuple[int, int]:
    keys = [key for sink in sinks for key in sink.idempotency_keys()]
    return len(keys), len(set(keys))


async def _wait_for_worker(sessions: async_sessionmaker[AsyncSession]) -> None:
    # Its start-up heartbeat, so start-up is not counted.
    while True:
        async with sessions() as s:
            if await s.scalar(select(func.count()).select_from(WorkerHeartbeat)):
                break
        await asyncio.sleep(0.2)
    await asyncio.sleep(1.0)


async def _delivered(sessions: async_sessionmaker[AsyncSession], org_ids: list[uuid.UUID]) -> int:
    async with sessions() as s:
        done = await s.scalar(
            select(func.count()).where(
                Notice.recipient_organization_id.in_(org_ids), Notice.delivery_status == "delivered"
            )
        )
    return int(done or 0)


async def _delivery(database_url: str, redis_url: str, workdir: Path, load: Load) -> float:
    """Seconds from the hand-off until every notice to a healthy endpoint is delivered."""
    from arq import create_pool

    engine = create_engine(database_url, pool_size=5)
    sessions = create_sessionmaker(engine)
    healthy = [await _org(sessions, url) for url in load.healthy]
    hanging = [await _org(sessions, url) for url in load.hanging]
    hanging_ids = [await _notices(sessions, org, load.per_hanging) for org in hanging]
    healthy_ids = [await _notices(sessions, org, load.per_healthy) for org in healthy]
    order = [i for column in zip(*hanging_ids, strict=True) for i in column]
    order += [i for column in zip(*healthy_ids, strict=True) for i in column]  # receivers in turn
    extra = {"OVERSIGHT_WEBHOOK_TRANSPORT": load.transport} if load.transport else {}
    env = service_env(
        database_url, redis_url, workdir, OVERSIGHT_WEBHOOK_TIMEOUT_SECONDS=str(TIMEOUT_SECONDS), **extra
    )
    worker = worker_process(env, workdir / "bench-worker.log")
    worker.start()
    try:
        await _wait_for_worker(sessions)
        pool = await create_pool(redis_settings(redis_url))
        started = time.perf_counter()
        reached = await enqueue_notice_attempts(pool, [(i, 0) for i in order], per_job=load.per_job)
        await pool.aclose()
        async with sessions() as s, s.begin():
            await mark_enqueued(s, reached, datetime.now(UTC))
        while True:
            if await _delivered(sessions, healthy) == load.per_healthy * len(healthy):
                break
            await asyncio.sleep(0.05)
        elapsed = time.perf_counter() - started
    finally:
        worker.stop()
    await engine.dispose()
    return elapsed


async def _sweep(database_url: str, owner_url: str) -> tuple[float, int]:
    engine = create_engine(database_url, pool_size=5)
    sessions = create_sessionmaker(engine)
    org_id = await _org(sessions, None)

    async def noop(session: AsyncSession, deadline: Deadline, today: date) -> None:
        return None

    HANDLERS["bench_noop"] = noop
    try:
        async with sessions() as s, s.begin():
            await s.execute(
                text(
                    "INSERT INTO deadline (id, organization_id, subject_type, subject_id, kind, due_on, day_type, calendar) "
                    "SELECT gen_random_uuid(), :org, 'bench_noop', gen_random_uuid(), 'k', "
                    "DATE '2027-01-01' - (g % 30), 'calendar', 'US' FROM generate_series(1, :n) g"
                ),
                {"org": org_id, "n": DEADLINES},
            )
        # As the owner (the application role may not ANALYZE); committed: statistics are transactional.
        owner = create_engine(owner_url, pool_size=1)
        async with owner.begin() as conn:
            await conn.execute(text("ANALYZE deadline"))
        await owner.dispose()
        started = time.perf_counter()
        result = await sweep_deadlines(sessions, None, date(2027, 1, 1), time_budget=600)
        elapsed = time.perf_counter() - started
    finally:
        del HANDLERS["bench_noop"]
        await engine.dispose()
    return elapsed, result.done


def main() -> None:
    with test_servers() as servers, tempfile.TemporaryDirectory() as tmp:
        conn, child = multiprocessing.get_context("spawn").Pipe()
        sink = multiprocessing.get_context("spawn").Process(target=_sink_process, args=(child,), daemon=True)
        sink.start()
        try:
            main_url, healthy_urls, hanging_urls = conn.recv()
            by_transport = {}
            for transport in TRANSPORTS:
                plain = Load([main_url], [], NOTICES, 0, transport=transport)
                by_transport[transport] = asyncio.run(
                    _delivery(servers.database_url, servers.redis_url, Path(tmp), plain)
                )
            elapsed = by_transport[DEFAULT_TRANSPORT]
            single = asyncio.run(
                _delivery(
                    servers.database_url, servers.redis_url, Path(tmp), Load([main_url], [], NOTICES, 0, 1)
                )
            )
            busy = Load(healthy_urls, hanging_urls, NOTICES // RECEIVERS, HANGING_EACH)
            hung = asyncio.run(_delivery(servers.database_url, servers.redis_url, Path(tmp), busy))
            conn.send("stop")
            (received, distinct), (hung_posts, _) = conn.recv()
        finally:
            sink.join(10)
        rate, hung_rate, single_rate = NOTICES / elapsed, NOTICES / hung, NOTICES / single
        for transport, seconds in by_transport.items():
            print(f"   P7 transport {transport!r}{' (default)' if transport == DEFAULT_TRANSPORT else ''}: "
                  f"{NOTICES} notices in {seconds:.2f} s = {NOTICES / seconds:.0f}/s "
                  f"(target >= 500/s: {NOTICES / seconds / 500:.2f}x)")  # fmt: skip
        other = next(t for t in TRANSPORTS if t != DEFAULT_TRANSPORT)
        print(f"   P7 transports: the default {DEFAULT_TRANSPORT!r} delivers "
              f"{by_transport[other] / elapsed:.2f}x the rate of {other!r} (same run, back to back)")  # fmt: skip
        print(f"   P7 delivery: {NOTICES} notices to the local sink (own process) by one worker "
              f"in {elapsed:.2f} s = {rate:.0f}/s (target >= 500/s: {rate / 500:.2f}x; {NOTICES_PER_JOB} to a job); one job "
              f"per notice (the API's hand-off): {single:.2f} s = {single_rate:.0f}/s ({single_rate / 500:.2f}x)")  # fmt: skip
        print(f"   P7 hanging: {NOTICES} notices to {RECEIVERS} healthy endpoints while {RECEIVERS} others hang "
              f"until the {TIMEOUT_SECONDS} s timeout ({RECEIVERS * HANGING_EACH} notices to them, handed over first; "
              f"{hung_posts} POSTs hanging): {hung:.2f} s = {hung_rate:.0f}/s = {hung_rate / rate:.2f} of the "
              f"rate above (target >= 0.80); healthy sinks received {received} POSTs, {distinct} distinct "
              f"Idempotency-Keys for the {len(TRANSPORTS) + 2} x {NOTICES}")  # fmt: skip
        seconds, done = asyncio.run(_sweep(servers.database_url, servers.migration_url))
        print(f"   P7 sweep: {done} due deadlines swept in {seconds:.2f} s = {done / seconds:.0f}/s "
              f"(target < 10 s: {10 / seconds:.2f}x headroom)")  # fmt: skip


if __name__ == "__main__":
    main()
