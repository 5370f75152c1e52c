"""Reports (issue 16): the scorecard XLSX and PDF of a 16-record ECM review (target < 1 s each).

Renders a scorecard report of the shipped ECM tool with 16 records and every finding answered (the size of a
seed 003 review after its expansion), the same renderers the API runs in a thread. Prints median and worst
of several runs.

Then the streaming findings export (target >= 200,000 rows/s, worker peak memory < 150 MB): 1,000,000
findings (1,000 finalized reviews of 1,000 findings) are inserted with ``generate_series``, a plan's export is
queued, and a fresh Python process runs the worker's own job function (``oversight_worker.exports.
build_export``: claim, ``COPY ... TO STDOUT`` -> temp file -> multipart upload to S3 (moto's server, a real
HTTP endpoint, in the parent process) -> record + report_ready) and prints rows/s, the process's peak RSS
(``VmHWM``) beside its RSS before the job, and the split: the database half (COPY into a file) and the upload
half (``put_file`` of that file) run again apart.

Then the dashboards (target p95 < 200 ms): 4 plans of one jurisdiction, each with the same 2,000 network
providers and 20,000 finalized reviews (10 a provider over two years, frozen scorecards with the ECM tool's
section scores) and an open action plan for one provider in ten, seeded with ``generate_series``. The plan
dashboard (as one plan) and the state comparison (as the state, and as a plan) are called through their use
cases (``oversight_app.reports.dashboards``) on a fresh session each call; prints p50/p95 of ``DASH_RUNS``
calls and the SQL statements of one call (SQLAlchemy's ``before_cursor_execute`` event).
"""

from __future__ import annotations

import statistics
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from oversight_app.reports.render import render_pdf, render_xlsx
from oversight_app.reports.scorecard import FindingRow, Header, RecordRow, ScorecardReport, SectionRow
from oversight_domain.reports import compliance_rate, populations_checked, purposes_checked, scoring_procedure
from oversight_domain.tools import load_tool

RUNS = 7


def sixteen_record_report() -> ScorecardReport:
    tool = load_tool("ecm-partnership")
    records = [
        RecordRow(i, uuid.uuid4(), 1 if i <= 8 else 2, Decimal("0.9375"), False, cin=f"9{i:07d}A", age="46/10",
                  gender="F", plan_code="PC1", enrollment_date=date(2025, 6, 1))
        for i in range(1, 17)
    ]  # fmt: skip
    findings = [
        FindingRow(s.title, e.key, e.title, e.level, r, "Yes", 1, 1, "Seen in the care plan", False, None)
        for s in tool.sections
        for e in s.elements
        for r in (range(1, 17) if e.level == "record" else [None])
    ]
    header = Header("Redwood ECM", date(2026, 4, 1), "", "1987654328", "1 Redwood Way, CA", "Santa Rosa 95401",
                    "api_key:abc", "", "", "", "lead@redwood.example", 16, "Partnership", tool.title, "2024.1",
                    "finalized")  # fmt: skip
    return ScorecardReport(
        review_id=uuid.uuid4(), header=header, visit_purpose=purposes_checked("monitoring"),
        populations=populations_checked(["adults_high_utilizers"]),
        sections=[SectionRow(s.title, 60, 4, 0, Decimal("0.9375")) for s in tool.sections],
        total_yes=254, total_no=14, total_na=1, total_score=Decimal("0.9478"), outcome="conditional_pass",
        sections_requiring_action=[], scoring_procedure=scoring_procedure(tool), compliance_rate=compliance_rate(tool),
        next_review_due=date(2028, 4, 1), final=True, identity=True, records=records, findings=findings,
    )  # fmt: skip


SEED_FINDINGS = """
WITH plan AS (INSERT INTO organization (id, kind, name, jurisdiction) VALUES (gen_random_uuid(), 'plan', 'Bench plan', 'US-ZZ') RETURNING id),
prov AS (INSERT INTO organization (id, kind, name, npi, jurisdiction) VALUES (gen_random_uuid(), 'provider', 'Bench provider', '1987654328', 'US-ZZ') RETURNING id),
tool AS (SELECT id, key, version FROM tool_version WHERE key = 'ecm-partnership' LIMIT 1),
rev AS (
  INSERT INTO review (id, plan_id, provider_id, tool_version_id, tool_key, tool_version, program, purpose, status,
                      technical_assistance, period_start, period_end, scheduled_for, populations_of_focus,
                      notified_on, created_by, finalized_at, outcome)
  SELECT gen_random_uuid(), plan.id, prov.id, tool.id, tool.key, tool.version, 'ecm', 'monitoring', 'finalized', false,
         '2025-01-01', '2025-12-31', '2026-03-01', '[]', '2026-01-01', 'bench', now(), 'pass'
  FROM plan, prov, tool, generate_series(1, {reviews})
  RETURNING id)
INSERT INTO finding (id, review_id, element_key, answer, correction_required, updated_by)
SELECT gen_random_uuid(), rev.id, 'element.' || n, CASE WHEN n % 7 = 0 THEN 'no' ELSE 'yes' END, n % 7 = 0, 'bench'
FROM rev, generate_series(1, {per_review}) AS n
"""
CHILD = """
import asyncio, json, sys, time, uuid
from pathlib import Path
from tempfile import TemporaryDirectory
from pydantic import SecretStr
from oversight_db.blobs import create_blob_store
from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.settings import Settings
from oversight_worker.context import WorkerResources
from oversight_worker.exports import build_export
from oversight_app.reports.export_build import Claim, write_csv
from oversight_app.reports.export_schemas import ExportFilters
from oversight_domain.report_jobs import ExportKind
from sqlalchemy import text
from datetime import UTC, datetime

def status(field):  # the kernel's figure for this process, in MiB: VmRSS now, VmHWM the peak so far
    line = next(l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith(field + ":"))
    return int(line.split()[1]) / 1024

async def main(db, endpoint, bucket, export_id):
    settings = Settings(database_url=db, s3_bucket=bucket, s3_endpoint_url=endpoint, s3_access_key_id="testing",
                        s3_secret_access_key=SecretStr("testing"))
    engine = create_engine(db, pool_size=2)
    res = WorkerResources(settings=settings, engine=engine, sessions=create_sessionmaker(engine),
                          blobs=create_blob_store(settings), worker_id="bench")
    async with res.sessions() as s:  # a connection open, as in a running worker
        await s.connection()
    before = status("VmRSS")
    started = time.perf_counter()
    result = await build_export({"resources": res}, export_id)
    seconds = time.perf_counter() - started
    peak = status("VmHWM")
    # The two halves apart: the database writing the file, then the file's multipart upload.
    async with res.sessions() as s:
        org = await s.scalar(text("SELECT organization_id FROM export_job WHERE id = :i"), {"i": export_id})
    claim = Claim(uuid.UUID(export_id), org, "plan", ExportKind.FINDINGS, ExportFilters(), False, 1,
                  datetime.now(UTC), None)
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.csv"
        started = time.perf_counter()
        await write_csv(res.sessions, claim, path)
        copy_seconds = time.perf_counter() - started
        started = time.perf_counter()
        await res.blobs.put_file("bench/split.csv", path, content_type="text/csv", content_disposition="attachment")
        upload_seconds = time.perf_counter() - started
        size = path.stat().st_size
    await engine.dispose()
    print(json.dumps({"status": result, "seconds": seconds, "before_mib": before, "peak_mib": peak,
                      "copy_seconds": copy_seconds, "upload_seconds": upload_seconds, "bytes": size}))

asyncio.run(main(*sys.argv[1:]))
"""


def export_bench(reviews: int = 1000, per_review: int = 1000) -> None:
    import asyncio
    import json
    import os
    import subprocess
    import sys

    import asyncpg
    import boto3
    from moto.server import ThreadedMotoServer

    from tests.servers import free_port, test_servers

    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    with test_servers() as servers:
        superuser = servers.superuser_url.replace("postgresql+asyncpg://", "postgresql://")

        async def seed() -> str:
            conn = await asyncpg.connect(superuser)
            try:
                await conn.execute(SEED_FINDINGS.format(reviews=reviews, per_review=per_review))
                await conn.execute("ANALYZE finding; ANALYZE review")
                plan = await conn.fetchval("SELECT id FROM organization WHERE name = 'Bench plan'")
                export_id = uuid.uuid4()
                await conn.execute(
                    "INSERT INTO export_job (id, organization_id, organization_kind, kind, format, filters, "
                    "include_member_identity, status, requested_by) VALUES ($1, $2, 'plan', 'findings', 'csv', "
                    "'{}', false, 'queued', 'bench')",
                    export_id,
                    plan,
                )
                return str(export_id)
            finally:
                await conn.close()

        started = time.perf_counter()
        export_id = asyncio.run(seed())
        print(f"   seeded {reviews * per_review:,} findings in {time.perf_counter() - started:.1f} s")
        port = free_port()
        moto = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        moto.start()
        try:
            endpoint = f"http://127.0.0.1:{port}"
            boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(Bucket="bench")
            out = subprocess.run(
                [sys.executable, "-c", CHILD, servers.database_url, endpoint, "bench", export_id],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            result = json.loads(out.stdout.strip().splitlines()[-1])
        finally:
            moto.stop()
    rows = reviews * per_review
    rate = rows / result["seconds"]
    peak = result["peak_mib"]
    print(
        f"   streaming findings export of {rows:,} rows ({result['bytes'] / 2**20:.0f} MiB of CSV) through the "
        f"worker's job (COPY -> temp file -> S3 multipart via moto): {result['seconds']:.1f} s, {rate:,.0f} rows/s "
        f"(target >= 200,000: {'met' if rate >= 200_000 else 'NOT met'}); status {result['status']}"
    )
    print(
        f"   worker process peak RSS (VmHWM) {peak:.0f} MiB (target < 150: {'met' if peak < 150 else 'NOT met'}); "
        f"{result['before_mib']:.0f} MiB before the job (imports, engine, boto3 client), so the export added "
        f"{peak - result['before_mib']:.0f} MiB"
    )
    for name in ("copy", "upload"):
        took = result[f"{name}_seconds"]
        what = "COPY out of Postgres into the temp file" if name == "copy" else "multipart upload to moto"
        print(f"   split: {what}: {took:.1f} s ({rows / took:,.0f} rows/s alone)")


DASH_PLANS, DASH_PROVIDERS, DASH_REVIEWS_EACH, DASH_RUNS = 4, 2_000, 10, 40
SEED_DASHBOARD = """
WITH st AS (INSERT INTO organization (id, kind, name, jurisdiction) VALUES ($1, 'state', 'Bench state', 'US-ZY')),
plans AS (
  INSERT INTO organization (id, kind, name, jurisdiction)
  SELECT gen_random_uuid(), 'plan', 'Bench plan ' || p, 'US-ZY' FROM generate_series(1, {plans}) AS p RETURNING id),
provs AS (
  INSERT INTO organization (id, kind, name, jurisdiction)
  SELECT gen_random_uuid(), 'provider', 'Bench provider ' || lpad(v::text, 5, '0'), 'US-ZY'
  FROM generate_series(1, {providers}) AS v RETURNING id)
INSERT INTO network_link (id, plan_id, provider_id, program, status, effective_from)
SELECT gen_random_uuid(), plans.id, provs.id, 'ecm', 'active', '2020-01-01' FROM plans, provs
"""
SEED_DASHBOARD_REVIEWS = """
WITH tool AS (SELECT id, key, version FROM tool_version WHERE key = 'ecm-partnership' LIMIT 1),
sec AS (SELECT array_agg(k ORDER BY o) AS keys, array_agg(t ORDER BY o) AS titles
        FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS s(k, t, o)),
rev AS (
  SELECT l.plan_id, l.provider_id, n, timestamptz '2024-01-01' + (n * 73 + hashtext(l.provider_id::text) % 60) * interval '1 day' AS fin,
         0.6 + 0.4 * random() AS total
  FROM network_link l, generate_series(1, {each}) AS n
  WHERE l.plan_id IN (SELECT id FROM organization WHERE jurisdiction = 'US-ZY' AND kind = 'plan'))
INSERT INTO review (id, plan_id, provider_id, tool_version_id, tool_key, tool_version, program, purpose, status,
                    technical_assistance, period_start, period_end, scheduled_for, populations_of_focus,
                    notified_on, created_by, finalized_at, finalized_by, outcome, total_score, scorecard,
                    next_review_due)
SELECT gen_random_uuid(), rev.plan_id, rev.provider_id, tool.id, tool.key, tool.version, 'ecm', 'monitoring',
       'finalized', false, '2023-01-01', '2023-12-31', rev.fin::date, '[]', rev.fin::date - 30, 'bench', rev.fin,
       'bench', CASE WHEN rev.total >= 0.9 THEN 'pass' WHEN rev.total >= 0.8 THEN 'conditional_pass' ELSE 'pip' END,
       round(rev.total::numeric, 4)::double precision,
       jsonb_build_object(
         'total', jsonb_build_object('score', round(rev.total::numeric, 4)),
         'sections', (SELECT jsonb_agg(jsonb_build_object('key', k, 'title', t,
                                                          'score', round((rev.total + 0.05 * (i - 3) * (rev.n % 2))::numeric, 4)))
                      FROM unnest(sec.keys, sec.titles) WITH ORDINALITY AS x(k, t, i))),
       (rev.fin + interval '2 years')::date
FROM rev, tool, sec
"""
# The section scores stored beside each scorecard, as finalization writes them (``freeze_scorecard``).
SEED_DASHBOARD_SECTIONS = """
INSERT INTO review_section_score (review_id, position, key, title, score)
SELECT r.id, s.position - 1, s.section ->> 'key', s.section ->> 'title', (s.section ->> 'score')::double precision
FROM review r JOIN organization o ON o.id = r.plan_id,
     jsonb_array_elements(r.scorecard -> 'sections') WITH ORDINALITY AS s(section, position)
WHERE o.jurisdiction = 'US-ZY'
"""
SEED_DASHBOARD_PLANS = """
INSERT INTO action_plan (id, review_id, plan_id, provider_id, tool_version_id, program, kind, status,
                         technical_assistance, issued_on, due_on, day_type, calendar, holds, reminders_sent,
                         overdue_notified, history, created_by)
SELECT DISTINCT ON (r.plan_id, r.provider_id) gen_random_uuid(), r.id, r.plan_id, r.provider_id, r.tool_version_id,
       'ecm', 'pip', 'pip_open', false, r.finalized_at::date, r.finalized_at::date + 90, 'calendar', 'US', '[]', '[]',
       false, '[]', 'bench'
FROM review r JOIN organization o ON o.id = r.plan_id
WHERE o.jurisdiction = 'US-ZY' AND hashtext(r.provider_id::text) % 10 = 0
ORDER BY r.plan_id, r.provider_id, r.finalized_at DESC
"""


def dashboard_bench() -> None:
    import asyncio

    import asyncpg
    from sqlalchemy import event
    from sqlalchemy.ext.asyncio import AsyncSession

    from oversight_app.caller import Caller
    from oversight_app.permissions import Role
    from oversight_app.reports.dashboards import plan_dashboard, state_dashboard
    from oversight_db.db import create_engine, create_sessionmaker
    from tests.servers import test_servers

    tool = load_tool("ecm-partnership")
    today = date(2026, 6, 1)
    with test_servers() as servers:
        superuser = servers.superuser_url.replace("postgresql+asyncpg://", "postgresql://")
        state_id = uuid.uuid4()

        async def seed() -> list[uuid.UUID]:
            conn = await asyncpg.connect(superuser)
            try:
                await conn.execute(
                    SEED_DASHBOARD.format(plans=DASH_PLANS, providers=DASH_PROVIDERS), state_id
                )
                await conn.execute(
                    SEED_DASHBOARD_REVIEWS.format(each=DASH_REVIEWS_EACH),
                    [s.key for s in tool.sections],
                    [s.title for s in tool.sections],
                )
                await conn.execute(SEED_DASHBOARD_SECTIONS)
                await conn.execute(SEED_DASHBOARD_PLANS)
                await conn.execute("VACUUM ANALYZE")  # the visibility map autovacuum keeps in service
                rows = await conn.fetch(
                    "SELECT id FROM organization WHERE kind = 'plan' AND jurisdiction = 'US-ZY'"
                )
                return [r["id"] for r in rows]
            finally:
                await conn.close()

        started = time.perf_counter()
        plans = asyncio.run(seed())
        reviews = DASH_PLANS * DASH_PROVIDERS * DASH_REVIEWS_EACH
        print(f"   seeded {DASH_PLANS} plans x {DASH_PROVIDERS:,} providers, {reviews:,} finalized reviews "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
        plan = Caller(plans[0], "plan", Role.PLAN_ADMIN, "bench:plan")
        state = Caller(state_id, "state", Role.STATE_ADMIN, "bench:state")
        cases: dict[str, Callable[[AsyncSession], Awaitable[object]]] = {
            f"plan dashboard (1 plan: {DASH_PROVIDERS:,} providers, {DASH_PROVIDERS * DASH_REVIEWS_EACH:,} reviews)":
                lambda s: plan_dashboard(s, plan, today),
            f"state comparison as the state ({DASH_PLANS} plans, {reviews:,} reviews)":
                lambda s: state_dashboard(s, state, "ecm-partnership", None, None, 50),
            f"state comparison as a plan ({DASH_PLANS} plans, {reviews:,} reviews)":
                lambda s: state_dashboard(s, plan, "ecm-partnership", None, None, 50),
        }  # fmt: skip

        async def measure() -> None:
            engine = create_engine(servers.database_url, pool_size=2)
            sessions = create_sessionmaker(engine)
            statements: list[str] = []

            def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
                statements.append(statement)

            try:
                for label, case in cases.items():
                    async with sessions() as s:
                        await case(s)  # warm: plans cached, connection open
                    event.listen(engine.sync_engine, "before_cursor_execute", count)
                    statements.clear()
                    async with sessions() as s:
                        await case(s)
                    event.remove(engine.sync_engine, "before_cursor_execute", count)
                    n = len(statements)
                    times = []
                    for _ in range(DASH_RUNS):
                        start = time.perf_counter()
                        async with sessions() as s:
                            await case(s)
                        times.append(time.perf_counter() - start)
                    q = statistics.quantiles(times, n=20)
                    p50, p95 = statistics.median(times) * 1000, q[18] * 1000
                    print(f"   {label}: p50 {p50:.0f} ms, p95 {p95:.0f} ms over {DASH_RUNS} calls, {n} SQL "
                          f"statements (target p95 < 200 ms: {'met' if p95 < 200 else 'NOT met'})")  # fmt: skip
            finally:
                await engine.dispose()

        asyncio.run(measure())


PARTS = ("scorecard", "dashboards", "export")


def main(parts: Sequence[str] = PARTS) -> None:
    if "scorecard" in parts:
        scorecard_bench()
    if "dashboards" in parts:
        dashboard_bench()
    if "export" in parts:
        export_bench()


def scorecard_bench() -> None:
    report = sixteen_record_report()
    for name, render in (("XLSX", render_xlsx), ("PDF", render_pdf)):
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            size = len(render(report))
            times.append(time.perf_counter() - start)
        print(
            f"scorecard {name} of a 16-record review ({len(report.findings)} findings, {size:,} bytes): "
            f"median {statistics.median(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms "
            f"(target < 1000 ms: {'met' if max(times) < 1 else 'NOT met'})"
        )


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="The reports benchmarks (all of them by default).")
    parser.add_argument("--only", choices=PARTS, action="append", help="run only this part (repeatable)")
    main(parser.parse_args().only or PARTS)
