"""Review benchmarks (``make bench``; never part of the test suite). Figures and ratios from one run.

P2  ``GET /v1/reviews/{id}`` requests/s against an endpoint in the same app doing one raw asyncpg
    primary-key fetch of the same row (same process, middleware and concurrency; requests go straight
    into the ASGI app so client-side cost is not measured). Target: >= 0.6x.
P4  ``GET /v1/reviews/{id}/scorecard`` for 30 records x 60 elements (1,800 findings), time in the app
    (in-process ASGI, so no network). Target: <= 20 ms.
P5  The sample draw over a 1,000,000-member ECM frame in Postgres (frame, fingerprint, per-stratum
    top-N in keyed-hash order). Target: < 1 s; and the ratio against loading the frame into Python
    (raw asyncpg fetch, the fastest way in) and drawing with ``oversight_domain.sampling`` there.

Uses OVERSIGHT_TEST_DATABASE_URL / OVERSIGHT_TEST_REDIS_URL when set, else embedded servers; the
database is created for the run and dropped afterwards.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import yaml
from arq import create_pool
from sqlalchemy import text
from sqlalchemy.engine import make_url
from starlette.responses import JSONResponse

from oversight_api.app import create_app
from oversight_api.resources import Resources
from oversight_app.api_key_secrets import new_api_key
from oversight_db.blobs import LocalBlobStore
from oversight_db.db import create_engine, create_read_sessionmaker, create_sessionmaker
from oversight_db.models import ApiKey, Enrollment, Member, NetworkLink, Organization
from oversight_db.queue import redis_settings
from oversight_db.sampling import DrawRequest, SamplingFrame, draw_in_sql, frame_sql
from oversight_db.settings import Settings
from oversight_domain.sampling import draw_keep, draw_sample, frame_fingerprint
from oversight_domain.tools import dump_tool, load_tool
from tests.perf.bench_domain import p4_sections
from tests.servers import test_servers

CONCURRENCY = 8
P2_SECONDS = 3.0
P4_RUNS = 40
P5_FRAME = 1_000_000


async def _asgi_get(app: Any, path: str, headers: list[tuple[bytes, bytes]]) -> int:
    """One GET straight into the ASGI app: no HTTP client in the measurement, only the server side."""
    status = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("bench", 80),
    }
    await app(scope, receive, send)
    return status


async def _throughput(app: Any, path: str, headers: dict[str, str], seconds: float) -> float:
    raw_headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    done = 0
    stop = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal done
        while time.perf_counter() < stop:
            status = await _asgi_get(app, path, raw_headers)
            assert status == 200, status
            done += 1

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return done / (time.perf_counter() - start)


def _p4_tool() -> str:
    """A tool of 60 record-level elements (6 sections x 10), a single stratum of 30 records."""
    data = yaml.safe_load(dump_tool(load_tool("ecm-partnership")))
    data.update(key="bench-60", version="1", title="Benchmark tool, 60 elements", sections=p4_sections())
    sampling = data["policies"]["sampling"]
    sampling.update(per_stratum=30, expansion_size=0, oversample=0, eligibility_min_enrolled=None)
    data["policies"]["notice"] = None
    return yaml.safe_dump(data)


async def _setup(resources: Resources) -> tuple[Organization, Organization, dict[str, str]]:
    async with resources.sessions() as s, s.begin():
        plan = Organization(id=uuid.uuid4(), kind="plan", name="Bench plan", jurisdiction="US-CA")
        provider = Organization(id=uuid.uuid4(), kind="provider", name="Bench provider", jurisdiction="US-CA")
        s.add_all([plan, provider])
        await s.flush()
        s.add(
            NetworkLink(
                plan_id=plan.id,
                provider_id=provider.id,
                program="ecm",
                status="active",
                effective_from=date(2020, 1, 1),
            )
        )
        secret, prefix, digest = new_api_key()
        s.add(
            ApiKey(
                organization_id=plan.id, role="plan_admin", name="bench", prefix=prefix, secret_hash=digest
            )
        )
        for i in range(40):
            member = Member(
                id=uuid.uuid4(),
                plan_id=plan.id,
                member_number=f"P4{i:08d}",
                first_name="F",
                last_name="L",
                birth_date=date(1980, 1, 1),
            )
            s.add(member)
            await s.flush()
            s.add(
                Enrollment(
                    member_id=member.id,
                    plan_id=plan.id,
                    provider_id=provider.id,
                    program="ecm",
                    status="enrolled",
                    start_date=date(2025, 1, 1),
                    population="adults",
                )
            )
    return plan, provider, {"Authorization": f"Bearer {secret}"}


async def _review(
    client: httpx.AsyncClient, headers: dict[str, str], provider: Organization, tool_key: str
) -> str:
    today = datetime.now(UTC).date()
    r = await client.post(
        "/v1/reviews",
        json={
            "provider_id": str(provider.id),
            "tool_key": tool_key,
            "purpose": "monitoring",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "scheduled_for": (today + timedelta(days=40)).isoformat(),
        },
        headers=headers,
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


async def bench_api(resources: Resources, raw_dsn: str) -> None:
    pool = await asyncpg.create_pool(raw_dsn, min_size=2, max_size=10)

    app = create_app(resources=resources)

    @app.get("/bench/raw/{review_id}")
    async def raw(review_id: uuid.UUID) -> JSONResponse:
        row = await pool.fetchrow("SELECT * FROM review WHERE id = $1", review_id)
        assert row is not None
        return JSONResponse({k: (str(v) if v is not None else None) for k, v in row.items()})

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        _plan, provider, headers = await _setup(resources)
        review_id = await _review(client, headers, provider, "ecm-partnership")

        # P2: alternate baseline and endpoint, best of three each (the machine is shared).
        raw_rates, api_rates = [], []
        for _ in range(3):
            raw_rates.append(await _throughput(app, f"/bench/raw/{review_id}", {}, P2_SECONDS))
            api_rates.append(await _throughput(app, f"/v1/reviews/{review_id}", headers, P2_SECONDS))
        raw_rate, api_rate = max(raw_rates), max(api_rates)
        print(
            f"P2 GET /v1/reviews/{{id}}: {api_rate:,.0f} req/s; "
            f"raw asyncpg PK fetch endpoint: {raw_rate:,.0f} req/s; "
            f"ratio {api_rate / raw_rate:.2f}x (target >= 0.6x)",
            flush=True,
        )

        # P4: the scorecard of 30 records x 60 elements.
        r = await client.post(
            "/v1/tools", content=_p4_tool(), headers={**headers, "Content-Type": "application/yaml"}
        )
        assert r.status_code in (200, 201), r.text
        review_id = await _review(client, headers, provider, "bench-60")
        r = await client.post(f"/v1/reviews/{review_id}/samples", json={"seed": "p4"}, headers=headers)
        assert r.status_code == 201 and r.json()["sampled"] == 30, r.text
        records = (await client.get(f"/v1/reviews/{review_id}/records", headers=headers)).json()["items"]
        answers = ("yes", "yes", "yes", "no", "na")
        findings = [
            {"record_id": rec["id"], "element_key": f"s{s}.e{e}", "answer": answers[(i + s + e) % 5]}
            for i, rec in enumerate(records)
            for s in range(6)
            for e in range(10)
        ]
        etag = (await client.get(f"/v1/reviews/{review_id}", headers=headers)).headers["etag"]
        r = await client.put(
            f"/v1/reviews/{review_id}/findings", json=findings, headers={**headers, "If-Match": etag}
        )
        assert r.status_code == 200, r.text
        times = []
        for _ in range(P4_RUNS):
            start = time.perf_counter()
            r = await client.get(f"/v1/reviews/{review_id}/scorecard", headers=headers)
            times.append((time.perf_counter() - start) * 1000)
            assert r.status_code == 200 and r.json()["unanswered"] == []
        times.sort()
        print(
            f"P4 scorecard 30 records x 60 elements ({len(findings)} findings): median {statistics.median(times):.1f} ms, "
            f"p90 {times[int(len(times) * 0.9)]:.1f} ms, best {times[0]:.1f} ms (target <= 20 ms)",
            flush=True,
        )
    await pool.close()


async def bench_draw(resources: Resources, raw_dsn: str, owner_url: str) -> None:
    plan_id, provider_id = uuid.uuid4(), uuid.uuid4()
    started = time.perf_counter()
    async with resources.sessions() as s, s.begin():
        await s.execute(
            text(
                "INSERT INTO organization (id, kind, name, jurisdiction, settings, version) VALUES "
                "(:plan, 'plan', 'P5 plan', 'US-CA', '{}', 1), (:prov, 'provider', 'P5 provider', 'US-CA', '{}', 1)"
            ),
            {"plan": plan_id, "prov": provider_id},
        )
        await s.execute(
            text(
                "INSERT INTO member (id, plan_id, member_number, first_name, last_name, birth_date, version) "
                "SELECT gen_random_uuid(), :plan, 'B' || g, 'F', 'L', date '1980-01-01', 1 "
                "FROM generate_series(1, :n) g"
            ),
            {"plan": plan_id, "n": P5_FRAME},
        )
        await s.execute(
            text(
                "INSERT INTO enrollment (id, member_id, plan_id, provider_id, program, status, start_date, population) "
                "SELECT gen_random_uuid(), m.id, :plan, :prov, 'ecm', 'enrolled', date '2025-01-01', 'pof' "
                "FROM member m WHERE m.plan_id = :plan"
            ),
            {"plan": plan_id, "prov": provider_id},
        )
    # Autovacuum would get there on its own; the frame's index-only scan needs the visibility map it sets.
    # As the owner: the application role may not VACUUM or ANALYZE (Postgres would skip them with a warning).
    owner = create_engine(owner_url, pool_size=1)
    async with owner.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text("VACUUM ANALYZE member"))
        await conn.execute(text("VACUUM ANALYZE enrollment"))
    await owner.dispose()
    print(
        f"   (P5 frame of {P5_FRAME:,} members generated in {time.perf_counter() - started:.1f} s)",
        flush=True,
    )

    policy = load_tool("ecm-partnership").policies.sampling
    request = DrawRequest(
        SamplingFrame("ecm", plan_id, provider_id, date(2025, 1, 1), date(2025, 12, 31)),
        seed="p5",
        keep=draw_keep(policy, 1),
        single_stratum=True,
    )
    sql_times = []
    result = None
    for _ in range(3):
        async with resources.sessions() as s, s.begin():
            start = time.perf_counter()
            result = await draw_in_sql(s, request)
            sql_times.append(time.perf_counter() - start)
    assert result is not None and result.frame_size == P5_FRAME

    conn = await asyncpg.connect(raw_dsn)
    try:
        query = frame_sql("ecm").replace(":plan_id", "$1").replace(":provider_id", "$2")
        query = query.replace(":period_start", "$3").replace(":period_end", "$4")
        query = query.replace("CAST(:populations AS text[])", "$5::text[]")
        start = time.perf_counter()
        rows = await conn.fetch(query, plan_id, provider_id, date(2025, 1, 1), date(2025, 12, 31), None)
        frame = [(str(r[0]), r[1]) for r in rows]
        loaded = time.perf_counter() - start
        selection = draw_sample(frame, policy, "p5")
        fingerprint = frame_fingerprint(frame)
        python_time = time.perf_counter() - start
    finally:
        await conn.close()
    same = [m.member_id for m in selection.selected] == [
        m.member_id for m in result.top["all"][: len(selection.selected)]
    ]
    assert same and fingerprint == result.frame_fingerprint, "SQL and Python draws differ"
    sql_best = min(sql_times)
    print(
        f"P5 draw over {P5_FRAME:,} members in Postgres: best {sql_best:.2f} s, median "
        f"{statistics.median(sql_times):.2f} s of {len(sql_times)} (target < 1 s)"
    )
    print(
        f"   in Python: load {loaded:.2f} s + draw and fingerprint {python_time - loaded:.2f} s = {python_time:.2f} s; "
        f"Postgres is {python_time / sql_best:.1f}x faster (same members, same fingerprint)",
        flush=True,
    )


async def _run(database_url: str, redis_url: str, owner_url: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-reviews-"))
    settings = Settings(
        environment="test", database_url=database_url, redis_url=redis_url, data_dir=tmp, log_level="warning"
    )
    engine = create_engine(database_url, pool_size=10)
    redis = await create_pool(redis_settings(redis_url))
    resources = Resources(
        settings=settings,
        engine=engine,
        sessions=create_sessionmaker(engine),
        read_sessions=create_read_sessionmaker(engine),  # as the app builds them
        redis=redis,
        blobs=LocalBlobStore(tmp / "blobs"),
    )
    raw_dsn = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        await bench_api(resources, raw_dsn)
        await bench_draw(resources, raw_dsn, owner_url)
    finally:
        await redis.aclose()
        await engine.dispose()


def main() -> None:
    with test_servers() as servers:
        asyncio.run(_run(servers.database_url, servers.redis_url, servers.migration_url))


if __name__ == "__main__":
    main()
