"""P7: notices/s one worker process delivers to a local webhook sink (target >= 500/s), and the time to
sweep 100,000 due deadlines (target < 10 s). Real Postgres and Redis (the machine's when
OVERSIGHT_TEST_* are set, else embedded), the real worker process, a local HTTP sink.

The notices are handed over in one call, as the relay and the sweep hand over theirs (a few notices to a
job). The same figure with one job per notice, as the API hands over a request's single notice, is
printed beside it."""

from __future__ import annotations

import asyncio
import multiprocessing
import tempfile
import time
import uuid
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
from tests.fault_procs import service_env, worker_process
from tests.servers import test_servers
from tests.sinks import webhook_sink

NOTICES = 3000
DEADLINES = 100_000


async def _org(sessions: async_sessionmaker[AsyncSession], url: str | None) -> uuid.UUID:
    async with sessions() as s, s.begin():
        org = Organization(
            id=uuid.uuid4(), kind="provider", name="bench", settings={"notice_channels": ["webhook"]}
        )
        s.add(org)
        await s.flush()
        if url:
            s.add(WebhookEndpoint(organization_id=org.id, url=url, secret="whsec_bench"))
        return org.id


def _sink_process(conn: Connection) -> None:
    """The webhook sink in a process of its own, so it competes neither with the benchmark's event loop
    nor for its GIL; it answers over HTTP/1.1 keep-alive like a real receiver. Reports (POSTs, distinct
    Idempotency-Keys) when told to stop."""
    with webhook_sink() as sink:
        conn.send(sink.url("/bench"))
        conn.recv()
        keys = [r.headers.get("idempotency-key", "") for r in sink.for_path("/bench")]
        conn.send((len(keys), len(set(keys))))


async def _delivery(database_url: str, redis_url: str, workdir: Path, sink_url: str, per_job: int) -> float:
    from arq import create_pool

    engine = create_engine(database_url, pool_size=5)
    sessions = create_sessionmaker(engine)
    org_id = await _org(sessions, sink_url)
    async with sessions() as s, s.begin():
        await s.execute(
            text(
                "INSERT INTO notice (id, kind, recipient_organization_id, subject_type, subject_id, data) "
                "SELECT gen_random_uuid(), 'review_reminder', :org, 'review', gen_random_uuid(), "
                "jsonb_build_object('review_id', gen_random_uuid()::text, 'scheduled_for', '2027-01-11') "
                "FROM generate_series(1, :n)"
            ),
            {"org": org_id, "n": NOTICES},
        )
        ids = list(await s.scalars(select(Notice.id).where(Notice.recipient_organization_id == org_id)))
    worker = worker_process(service_env(database_url, redis_url, workdir), workdir / "bench-worker.log")
    worker.start()
    try:
        # Wait until the worker is up (its start-up heartbeat), so start-up is not counted.
        while True:
            async with sessions() as s:
                if await s.scalar(select(func.count()).select_from(WorkerHeartbeat)):
                    break
            await asyncio.sleep(0.2)
        await asyncio.sleep(1.0)
        pool = await create_pool(redis_settings(redis_url))
        started = time.perf_counter()
        reached = await enqueue_notice_attempts(pool, [(i, 0) for i in ids], per_job=per_job)
        await pool.aclose()
        async with sessions() as s, s.begin():
            await mark_enqueued(s, reached, datetime.now(UTC))
        while True:
            async with sessions() as s:
                done = await s.scalar(
                    select(func.count()).where(
                        Notice.recipient_organization_id == org_id, Notice.delivery_status == "delivered"
                    )
                )
            if done == NOTICES:
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
            sink_url = conn.recv()
            elapsed = asyncio.run(
                _delivery(servers.database_url, servers.redis_url, Path(tmp), sink_url, NOTICES_PER_JOB)
            )
            single = asyncio.run(_delivery(servers.database_url, servers.redis_url, Path(tmp), sink_url, 1))
            conn.send("stop")
            received, distinct = conn.recv()
        finally:
            sink.join(10)
        rate, single_rate = NOTICES / elapsed, NOTICES / single
        print(f"   P7 delivery: {NOTICES} notices to the local sink (own process) by one worker in {elapsed:.2f} s "
              f"= {rate:.0f}/s (target >= 500/s: {rate / 500:.2f}x; {NOTICES_PER_JOB} to a job); one job per "
              f"notice (the API's hand-off): {single:.2f} s = {single_rate:.0f}/s ({single_rate / 500:.2f}x); "
              f"sink received {received} POSTs, {distinct} distinct Idempotency-Keys for the 2 x {NOTICES}")  # fmt: skip
        seconds, done = asyncio.run(_sweep(servers.database_url, servers.migration_url))
        print(f"   P7 sweep: {done} due deadlines swept in {seconds:.2f} s = {done / seconds:.0f}/s "
              f"(target < 10 s: {10 / seconds:.2f}x headroom)")  # fmt: skip


if __name__ == "__main__":
    main()
