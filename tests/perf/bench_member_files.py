"""Issue 17, member files: a ``kind=members`` file of 200,000 lines (100,000 members, two enrollments each) end to
end through the loader the worker calls (``claim_next``, ``load_import``: blob -> COPY -> SQL validation ->
one merge statement for members and enrollments -> ``succeeded``), then the same rows in another order (a new
file, nothing to change), beside ``POST /v1/members/batch``'s use case (``upsert_members``, 1,000 members a
call) storing 20,000 other members in the same database. No target is set for member files (issue 17 sets
one for interactions: >= 100,000 rows/s); the figures say what a large member load costs. Real Postgres (the
machine's when OVERSIGHT_TEST_DATABASE_URL is set, else embedded), the local-disk blob store. Run alone:
``python -m tests.perf.bench_member_files``."""

from __future__ import annotations

import asyncio
import hashlib
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_app.caller import Caller
from oversight_app.imports.loader import claim_next, load_import
from oversight_app.imports.service import blob_key
from oversight_app.members.schemas import MemberBatchIn
from oversight_app.members.service import upsert_members
from oversight_app.permissions import Role
from oversight_db.blobs import LocalBlobStore
from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.models import ActivityImport
from tests.perf.activity_seed import Seeded, analyze, seed_plan
from tests.servers import test_servers

MEMBERS = 100_000
BATCH_MEMBERS = 20_000
BATCH = 1_000
PROVIDERS = 10
HEADER = (
    "member_number,first_name,last_name,birth_date,gender,plan_code,program,provider_npi,status,start_date,"
    "end_date,population\n"
)


def cin(i: int) -> str:
    return f"{i:08d}A"  # a Medi-Cal CIN: the seeded plan is in US-CA


def lines(npis: list[str]) -> list[str]:
    out = []
    for i in range(1, MEMBERS + 1):
        member = f"{cin(i)},First{i},Last{i},19{50 + i % 50}-0{1 + i % 9}-1{i % 10},F,ECM-01"
        out.append(f"{member},ecm,{npis[i % len(npis)]},enrolled,2025-01-01,,Adults\n")
        out.append(f"{member},ecm,{npis[(i + 1) % len(npis)]},disenrolled,2024-01-01,2024-12-31,Adults\n")
    return out


async def _load(
    sessions: async_sessionmaker[AsyncSession], workdir: Path, plan_id: uuid.UUID, data: bytes
) -> Any:
    sha256 = hashlib.sha256(data).hexdigest()
    blobs = LocalBlobStore(workdir / "blobs")
    key = blob_key(plan_id, "members", sha256)
    await blobs.put(key, data, "text/csv")
    async with sessions() as s, s.begin():
        s.add(
            ActivityImport(
                id=uuid.uuid4(), plan_id=plan_id, kind="members", file_format="csv", status="pending",
                content_sha256=sha256, blob_key=key, size_bytes=len(data), errors=[], error_count=0,
                created_by="bench", created_at=datetime.now(UTC),
            )
        )  # fmt: skip
    started = time.perf_counter()
    import_id = await claim_next(sessions)
    assert import_id is not None
    await load_import(sessions, blobs, import_id)
    elapsed = time.perf_counter() - started
    async with sessions() as s:
        record = await s.get_one(ActivityImport, import_id)
    return elapsed, record


async def _batches(sessions: async_sessionmaker[AsyncSession], seeded: Seeded) -> float:
    caller = Caller(seeded.plan_id, "plan", Role.PLAN_ADMIN, "api_key:bench")
    started = time.perf_counter()
    for first in range(0, BATCH_MEMBERS, BATCH):
        body = MemberBatchIn.model_validate(
            {
                "members": [
                    {
                        "member_number": cin(MEMBERS + 1 + i),
                        "first_name": f"First{i}",
                        "last_name": f"Last{i}",
                        "birth_date": "1970-01-01",
                        "enrollments": [
                            {
                                "program": "ecm",
                                "provider_id": str(seeded.provider_ids[i % PROVIDERS]),
                                "status": "enrolled",
                                "start_date": "2025-01-01",
                            },
                            {
                                "program": "ecm",
                                "provider_id": str(seeded.provider_ids[(i + 1) % PROVIDERS]),
                                "status": "disenrolled",
                                "start_date": "2024-01-01",
                                "end_date": "2024-12-31",
                            },
                        ],
                    }
                    for i in range(first, first + BATCH)
                ]
            }
        )
        async with sessions() as s, s.begin():
            await upsert_members(s, caller, body)
    return time.perf_counter() - started


async def _run(database_url: str, owner_url: str, workdir: Path) -> None:
    engine = create_engine(database_url, pool_size=2)
    sessions = create_sessionmaker(engine)
    seeded = await seed_plan(sessions, 0, PROVIDERS)
    await analyze(owner_url, "member", "enrollment", "network_link", "organization")
    rows = lines(seeded.npis)
    first = (HEADER + "".join(rows)).encode()
    elapsed, record = await _load(sessions, workdir, seeded.plan_id, first)
    assert record.status == "succeeded" and record.inserted == len(rows), (record.status, record.errors[:3])
    print(f"   member files: {len(rows):,} lines ({len(first) / 1e6:.0f} MB, {MEMBERS:,} members x 2 enrollments)"
          f" loaded in {elapsed:.2f} s = {len(rows) / elapsed:,.0f} lines/s, {MEMBERS / elapsed:,.0f} members/s"
          f" (at {datetime.now(UTC):%H:%M} UTC; 2 shared cores: noisy)")  # fmt: skip
    again = (HEADER + "".join(reversed(rows))).encode()
    elapsed_again, record = await _load(sessions, workdir, seeded.plan_id, again)
    assert record.status == "succeeded" and record.unchanged == len(rows), (record.status, record.errors[:3])
    print(f"   member files: the same rows again (another order, nothing changes): {elapsed_again:.2f} s"
          f" = {len(rows) / elapsed_again:,.0f} lines/s")  # fmt: skip
    batch = await _batches(sessions, seeded)
    batch_rate = BATCH_MEMBERS / batch
    print(f"   member files: POST /v1/members/batch's use case, {BATCH_MEMBERS:,} members x 2 enrollments"
          f" in calls of {BATCH:,}: {batch:.2f} s = {batch_rate:,.0f} members/s; the file is"
          f" {MEMBERS / elapsed / batch_rate:.2f}x the batch's members/s (no target)")  # fmt: skip
    await engine.dispose()


def main() -> None:
    with test_servers() as servers, tempfile.TemporaryDirectory() as tmp:
        asyncio.run(_run(servers.database_url, servers.migration_url, Path(tmp)))


if __name__ == "__main__":
    main()
