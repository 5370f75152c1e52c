"""Issue 17: an import of 1,000,000 interaction rows from CSV, end to end (the file in the blob store ->
claimed -> streamed into COPY -> validated in SQL -> merged -> ``succeeded``), against a bare ``COPY`` of the
same file into an unindexed table of the same columns. Targets: >= 100,000 rows/s end to end and >= 0.5x
the bare COPY's rate. Real Postgres (the machine's when OVERSIGHT_TEST_DATABASE_URL is set, else embedded),
the local-disk blob store; the app-layer functions the worker calls (``claim_next``, ``load_import``), not
arq. Run alone: ``python -m tests.perf.bench_imports``."""

from __future__ import annotations

import asyncio
import hashlib
import random
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from oversight_app.imports.loader import claim_next, load_import
from oversight_app.imports.service import blob_key
from oversight_db.blobs import LocalBlobStore
from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.models import ActivityImport
from tests.perf.activity_seed import analyze, member_number, seed_plan
from tests.servers import test_servers

ROWS = 1_000_000
MEMBERS = 100_000
PROVIDERS = 10
HEADER = "interaction_id,member_number,provider_npi,occurred_on,kind,duration_minutes,outcome,enrolled\n"
KINDS = ("outreach", "contact", "appointment")
OUTCOMES = {
    "outreach": ("reached", "not_reached"),
    "contact": ("reached",),
    "appointment": ("kept", "missed"),
}


def write_file(path: Path, npis: list[str]) -> int:
    rng = random.Random(17)
    start = date(2025, 1, 1)
    with path.open("w") as f:
        f.write(HEADER)
        for i in range(ROWS):
            m = rng.randrange(1, MEMBERS + 1)
            kind = KINDS[i % 3]
            outcome = OUTCOMES[kind][i % len(OUTCOMES[kind])]
            day = start + timedelta(days=rng.randrange(365))
            f.write(
                f"I{i:08d},{member_number(m)},{npis[m % len(npis)]},{day.isoformat()},{kind},"
                f"{rng.randrange(5, 90)},{outcome},{'true' if i % 4 else 'false'}\n"
            )
    return path.stat().st_size


async def _bare_copy(database_url: str, path: Path) -> float:
    engine = create_engine(database_url, pool_size=1)
    async with engine.connect() as conn:
        await conn.execute(
            text(
                "CREATE TEMP TABLE bare_copy (interaction_id text, member_number text, provider_npi text,"
                " occurred_on date, kind text, duration_minutes int, outcome text, enrolled boolean)"
            )
        )
        raw = await conn.get_raw_connection()
        driver: Any = raw.driver_connection
        started = time.perf_counter()
        await driver.copy_to_table("bare_copy", source=str(path), format="csv", header=True)
        elapsed = time.perf_counter() - started
    await engine.dispose()
    return elapsed


async def _end_to_end(
    database_url: str, owner_url: str, workdir: Path, path: Path, size: int
) -> tuple[float, Any]:
    engine = create_engine(database_url, pool_size=2)
    sessions = create_sessionmaker(engine)
    seeded = await seed_plan(sessions, MEMBERS, PROVIDERS)
    await analyze(owner_url, "member", "enrollment", "network_link", "organization")
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    sha256 = digest.hexdigest()
    blobs = LocalBlobStore(workdir / "blobs")
    key = blob_key(seeded.plan_id, "interactions", sha256)
    await blobs.put_file(key, path, content_type="text/csv", content_disposition="attachment")
    async with sessions() as s, s.begin():
        s.add(
            ActivityImport(
                id=uuid.uuid4(),
                plan_id=seeded.plan_id,
                kind="interactions",
                file_format="csv",
                status="pending",
                content_sha256=sha256,
                blob_key=key,
                size_bytes=size,
                errors=[],
                error_count=0,
                created_by="bench",
                created_at=datetime.now(UTC),
            )
        )
    started = time.perf_counter()
    import_id = await claim_next(sessions)
    assert import_id is not None
    await load_import(sessions, blobs, import_id)
    elapsed = time.perf_counter() - started
    async with sessions() as s:
        record = await s.get_one(ActivityImport, import_id)
    await engine.dispose()
    return elapsed, record


def main() -> None:
    with test_servers() as servers, tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        path = workdir / "interactions.csv"
        started = time.perf_counter()
        size = write_file(path, [f"19{i:08d}" for i in range(PROVIDERS)])
        print(f"   imports: wrote {ROWS:,} rows ({size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s "
              f"at {datetime.now(UTC):%H:%M} UTC (2 shared cores: figures are noisy)")  # fmt: skip
        bare = asyncio.run(_bare_copy(servers.database_url, path))
        e2e, record = asyncio.run(
            _end_to_end(servers.database_url, servers.migration_url, workdir, path, size)
        )
        assert record.status == "succeeded" and record.inserted == ROWS, (record.status, record.errors[:3])
        rate, bare_rate = ROWS / e2e, ROWS / bare
        print(f"   imports: bare COPY into an unindexed table: {bare:.2f} s = {bare_rate:,.0f} rows/s")
        print(f"   imports: end to end (blob -> COPY -> SQL validation -> merge, status {record.status}): "
              f"{e2e:.2f} s = {rate:,.0f} rows/s (target >= 100,000: {rate / 100_000:.2f}x); "
              f"{bare / e2e:.2f}x the bare COPY (target >= 0.5)")  # fmt: skip


if __name__ == "__main__":
    main()
