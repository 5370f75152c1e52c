"""Issue 17: every automated check over a plan of 200,000 members and 5,000,000 interactions (target < 60 s),
while a real API process (uvicorn, on the same database) answers a cheap authenticated GET
(``GET /v1/imports?limit=1``); its p50/p95 latency is printed beside the same figures measured at rest.

The data is seeded set-based by Postgres (``generate_series``; the 5M interactions with the superuser's
``session_replication_role = replica``, which skips the foreign-key triggers of a bulk seed: seeding is not
what is measured). Each member is enrolled in ECM at one of 20 providers since 2025-01-01 and has 25
interactions, one every 14 days (contacts, outreach and appointments in turn; one in ten not reached or
missed, so some 30-day windows fall short), an assessment and a care plan; the checks run as of 2025-12-31 through ``run_checks`` (the
app-layer function the worker calls), in one transaction, as the worker does. Run alone:
``python -m tests.perf.bench_checks``."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import threading
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
from sqlalchemy import func, select, text

from oversight_app.api_key_secrets import new_api_key
from oversight_app.checks.run import run_checks
from oversight_db.db import create_engine, create_sessionmaker, unit_of_work
from oversight_db.models import ActivityImport, ApiKey, CheckResult
from oversight_domain.calendars import Calendar
from tests.fault_procs import api_process, service_env
from tests.perf.activity_seed import Seeded, analyze, seed_plan
from tests.servers import test_servers

MEMBERS = 200_000
PER_MEMBER = 25  # 5,000,000 interactions
PROVIDERS = 20
AS_OF = date(2025, 12, 31)


async def _seed(database_url: str, superuser_url: str, owner_url: str) -> tuple[Seeded, str]:
    engine = create_engine(database_url, pool_size=2)
    sessions = create_sessionmaker(engine)
    seeded = await seed_plan(sessions, MEMBERS, PROVIDERS)
    secret, prefix, digest = new_api_key()
    import_id = uuid.uuid4()
    async with sessions() as s, s.begin():
        s.add(
            ApiKey(
                organization_id=seeded.plan_id,
                role="plan_admin",
                name="bench",
                prefix=prefix,
                secret_hash=digest,
            )
        )
        s.add(
            ActivityImport(
                id=import_id, plan_id=seeded.plan_id, kind="interactions", file_format="csv", status="succeeded",
                content_sha256="0" * 64, blob_key="bench", size_bytes=0, errors=[], error_count=0, created_by="bench",
            )
        )  # fmt: skip
    await engine.dispose()
    su = create_engine(superuser_url, pool_size=1)
    async with su.begin() as conn:
        await conn.execute(text("SET LOCAL session_replication_role = replica"))
        await conn.execute(
            text(
                "INSERT INTO member_interaction (id, plan_id, member_id, import_id, source_id, provider_id,"
                " occurred_on, kind, duration_minutes, outcome, enrolled)"
                " SELECT gen_random_uuid(), e.plan_id, e.member_id, :import, e.member_id::text || '-' || g,"
                " e.provider_id, DATE '2025-01-01' + (g - 1) * 14 + abs(hashtext(e.member_id::text)) % 14,"
                " (ARRAY['contact', 'outreach', 'appointment'])[1 + g % 3],"
                " 20, CASE WHEN g % 10 = 0 THEN CASE g % 3 WHEN 0 THEN 'missed' ELSE 'not_reached' END"
                " WHEN g % 3 = 0 THEN 'kept' ELSE 'reached' END,"
                " true FROM enrollment e CROSS JOIN generate_series(1, :per) g WHERE e.plan_id = :plan"
            ),
            {"import": import_id, "per": PER_MEMBER, "plan": seeded.plan_id},
        )
        await conn.execute(
            text(
                "INSERT INTO care_document (id, plan_id, member_id, import_id, source_id, provider_id, kind,"
                " completed_on) SELECT gen_random_uuid(), e.plan_id, e.member_id, :import,"
                " e.member_id::text || '-' || k, e.provider_id, k, DATE '2025-11-01'"
                " FROM enrollment e CROSS JOIN unnest(ARRAY['assessment', 'care_plan']) k WHERE e.plan_id = :plan"
            ),
            {"import": import_id, "plan": seeded.plan_id},
        )
    await su.dispose()
    await analyze(owner_url, "member_interaction", "care_document", "enrollment", "member")
    return seeded, secret


async def _run_checks(database_url: str, plan_id: uuid.UUID) -> tuple[float, int]:
    engine = create_engine(database_url, pool_size=2)
    sessions = create_sessionmaker(engine)
    started = time.perf_counter()
    async with unit_of_work(sessions) as session:
        outcome = await run_checks(
            session, plan_id, AS_OF, Calendar.for_jurisdiction("US-CA"), datetime.now(UTC)
        )
    elapsed = time.perf_counter() - started
    async with sessions() as session:
        stored = await session.scalar(
            select(func.count()).select_from(CheckResult).where(CheckResult.plan_id == plan_id)
        )
    await engine.dispose()
    assert len(outcome) == PROVIDERS
    return elapsed, int(stored or 0)


class Prober:
    """GETs the API in a loop from a thread of its own, noting each latency, until stopped."""

    def __init__(self, base: str, secret: str) -> None:
        self.base, self.headers = base, {"Authorization": f"Bearer {secret}"}
        self.latencies: list[float] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        with httpx.Client(base_url=self.base, headers=self.headers, timeout=30) as client:
            while not self.stop.is_set():
                started = time.perf_counter()
                r = client.get("/v1/imports", params={"limit": 1})
                assert r.status_code == 200, r.text
                self.latencies.append(time.perf_counter() - started)
                time.sleep(0.05)

    def __enter__(self) -> Prober:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    def figures(self) -> str:
        ms = sorted(x * 1000 for x in self.latencies)
        p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
        return (
            f"p50 {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms over {len(ms)} GETs"
        )


def main() -> None:
    with test_servers() as servers, tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        seeded, secret = asyncio.run(
            _seed(servers.database_url, servers.superuser_url, servers.migration_url)
        )
        print(f"   checks: seeded {MEMBERS:,} members, {MEMBERS * PER_MEMBER:,} interactions, {PROVIDERS} providers in "
              f"{time.perf_counter() - started:.0f} s at {datetime.now(UTC):%H:%M} UTC (2 shared cores: noisy)")  # fmt: skip
        env = service_env(
            servers.database_url, servers.redis_url, Path(tmp), OVERSIGHT_RATE_LIMITS_ENABLED="false"
        )
        api, base = api_process(env, Path(tmp) / "api.log")
        try:
            with Prober(base, secret) as rest:
                time.sleep(5)
            with Prober(base, secret) as busy:
                elapsed, stored = asyncio.run(_run_checks(servers.database_url, seeded.plan_id))
        finally:
            api.stop()
        print(f"   checks: all checks over {MEMBERS:,} members and {MEMBERS * PER_MEMBER:,} interactions in "
              f"{elapsed:.1f} s (target < 60 s: {60 / elapsed:.2f}x); {stored:,} results stored")  # fmt: skip
        print(f"   checks: API (real uvicorn process, GET /v1/imports?limit=1) at rest: {rest.figures()}")
        print(f"   checks: API while the checks run: {busy.figures()}")


if __name__ == "__main__":
    main()
