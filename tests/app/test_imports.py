"""Activity imports: COPY into staging, SQL validation by line and column, all-or-nothing merge,
idempotent on the file's content hash."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncGenerator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from oversight_app.imports import loader, service
from oversight_app.imports.schemas import ImportFormat, ImportKind
from oversight_db.blobs import CHUNK_BYTES, LocalBlobStore
from oversight_db.db import create_sessionmaker
from oversight_db.models import ActivityImport, Claim, MemberInteraction, TreatmentAuthorization
from tests.app.activity_world import World, activity_world

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def run_import(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    blobs: LocalBlobStore,
    world: World,
    kind: ImportKind,
    data: str,
    file_format: ImportFormat = "csv",
) -> ActivityImport:
    out, _ = await service.create_import(session, world.caller, kind, file_format, data.encode(), blobs)
    while (claimed := await loader.claim_next(sessions)) is not None:
        await loader.load_import(sessions, blobs, claimed)
    record = await session.get_one(ActivityImport, out.id)
    await session.refresh(record)
    return record


def interactions_csv(world: World, rows: list[tuple[str, int, str, str, str, str]]) -> str:
    lines = ["interaction_id,member_number,provider_npi,occurred_on,kind,duration_minutes,outcome,enrolled"]
    for source_id, member, occurred_on, kind, outcome, enrolled in rows:
        number = world.members[member].member_number
        lines.append(
            f"{source_id},{number},{world.provider.npi},{occurred_on},{kind},15,{outcome},{enrolled}"
        )
    return "\n".join(lines) + "\n"


async def count(session: AsyncSession, model: Any, world: World) -> int:
    return int(
        await session.scalar(select(func.count()).select_from(model).where(model.plan_id == world.plan.id))
        or 0
    )


async def test_a_good_file_is_merged_and_the_same_file_again_changes_nothing(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], blobs: LocalBlobStore
) -> None:
    world = await activity_world(session)
    data = interactions_csv(
        world,
        [
            ("i1", 0, "2025-01-05", "contact", "reached", "true"),
            ("i2", 1, "2025-01-06", "outreach", "not_reached", "false"),
            ("i3", 2, "2025-01-07", "appointment", "missed", "true"),
        ],
    )
    first = await run_import(session, sessions, blobs, world, "interactions", data)
    assert (first.status, first.rows, first.inserted, first.updated, first.errors) == (
        "succeeded",
        3,
        3,
        0,
        [],
    )
    assert await count(session, MemberInteraction, world) == 3

    again, created = await service.create_import(
        session, world.caller, "interactions", "csv", data.encode(), blobs
    )
    assert (again.id, created, again.status) == (first.id, False, "succeeded")
    assert await loader.claim_next(sessions) is None  # nothing to load again
    assert await count(session, MemberInteraction, world) == 3

    # A new file that changes one row and repeats two: one update, two unchanged, one insert.
    changed = interactions_csv(
        world,
        [
            ("i1", 0, "2025-01-05", "contact", "reached", "true"),
            ("i2", 1, "2025-01-08", "outreach", "not_reached", "false"),
            ("i3", 2, "2025-01-07", "appointment", "missed", "true"),
            ("i4", 2, "2025-01-09", "contact", "reached", "true"),
        ],
    )
    second = await run_import(session, sessions, blobs, world, "interactions", changed)
    assert (second.inserted, second.updated, second.unchanged) == (1, 1, 2)


async def test_two_files_with_the_same_new_rows_loaded_at_once_both_succeed_without_duplicates(
    engine: AsyncEngine, blobs: LocalBlobStore
) -> None:
    """A plan's new rows go in by a plain INSERT; two workers loading overlapping files of new rows at the
    same time must not both take that path (the second would hit a duplicate source id): they take turns,
    and the second merges. Real transactions on two connections."""
    sessions = create_sessionmaker(engine)  # committing for real: fresh organizations never collide
    async with sessions() as s, s.begin():
        world = await activity_world(s)
        rows = [
            ("c1", 0, "2025-02-05", "contact", "reached", "true"),
            ("c2", 1, "2025-02-06", "outreach", "not_reached", "false"),
        ]
        files = [
            interactions_csv(world, rows),
            interactions_csv(world, [*rows, ("c3", 2, "2025-02-07", "contact", "reached", "true")]),
        ]
        ids = [
            (await service.create_import(s, world.caller, "interactions", "csv", f.encode(), blobs))[0].id
            for f in files
        ]
        # Claimed (as claim_next does) without claim_next: other tests' committed imports are not ours.
        await s.execute(
            update(ActivityImport)
            .where(ActivityImport.id.in_(ids))
            .values(status="loading", started_at=func.now(), attempts=1)
        )
    outcomes = await asyncio.gather(*(loader.load_import(sessions, blobs, i) for i in ids))
    assert [o.status for o in outcomes] == ["succeeded", "succeeded"]
    async with sessions() as s:
        records = [await s.get_one(ActivityImport, i) for i in ids]
        # Whichever went first inserted all its rows; the other inserted only what the first lacked.
        assert sum(r.inserted or 0 for r in records) == 3
        assert sum(r.unchanged or 0 for r in records) == 2
        assert sum(r.updated or 0 for r in records) == 0
        assert await count(s, MemberInteraction, world) == 3


async def test_a_bad_file_writes_nothing_and_names_lines_and_columns_without_values(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], blobs: LocalBlobStore
) -> None:
    world = await activity_world(session)
    good = world.members[0].member_number
    data = (
        "tar_number,member_number,provider_npi,kind,service_date,received_on,prior_approval_ends_on\n"
        f"T1,{good},{world.provider.npi},initial,2025-01-02,2025-01-10,\n"  # line 2: fine
        f"T2,SECRET99,{world.provider.npi},initial,2025-02-30,2025-01-10,\n"  # 3: unknown member, bad date
        f"T3,{good},0000000000,renewal,,2025-01-10,\n"  # 4: npi not in network, renewal without end
        f"T1,{good},{world.provider.npi},sometimes,2025-01-02,,\n"  # 5: repeats T1, bad kind, missing received
    )
    record = await run_import(session, sessions, blobs, world, "tars", data)
    assert record.status == "failed"
    assert [(e["line"], e["column"]) for e in record.errors] == [
        (3, "member_number"),
        (3, "service_date"),
        (4, "provider_npi"),
        (5, "kind"),
        (5, "received_on"),
        (5, "tar_number"),
    ]
    assert record.error_count == 6
    assert next(e["message"] for e in record.errors if e["column"] == "tar_number") == "repeats line 2"
    assert "SECRET99" not in json.dumps(record.errors) and "2025-02-30" not in json.dumps(record.errors)
    assert await count(session, TreatmentAuthorization, world) == 0  # not even line 2

    # The renewal rule is checked once a row's single values are valid.
    fixed = (
        "tar_number,member_number,provider_npi,kind,service_date,received_on,prior_approval_ends_on\n"
        f"T3,{good},{world.provider.npi},renewal,,2025-01-10,\n"
    )
    record = await run_import(session, sessions, blobs, world, "tars", fixed)
    assert [(e["line"], e["column"], e["message"]) for e in record.errors] == [
        (2, "prior_approval_ends_on", "is required for a renewal TAR")
    ]


async def test_header_and_shape_errors_name_the_line(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], blobs: LocalBlobStore
) -> None:
    world = await activity_world(session)
    record = await run_import(session, sessions, blobs, world, "interactions", "interaction_id,colour\nx,y\n")
    assert {(e["line"], e["column"]) for e in record.errors} >= {(1, "#2"), (1, "member_number")}
    good = interactions_csv(world, [("i1", 0, "2025-01-05", "contact", "reached", "true")])
    record = await run_import(session, sessions, blobs, world, "interactions", good + "i2,SECRET,1,2\n")
    assert record.status == "failed"
    assert [(e["line"], e["message"]) for e in record.errors] == [
        (3, "does not have the header's number of fields")
    ]
    assert "SECRET" not in json.dumps(record.errors)
    assert await count(session, MemberInteraction, world) == 0


async def test_ndjson_and_claims_take_the_same_path(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], blobs: LocalBlobStore
) -> None:
    world = await activity_world(session)
    rows = [
        {
            "claim_number": f"C{i}",
            "member_number": world.members[i].member_number,
            "provider_npi": world.provider.npi,
            "date_of_service": "2025-03-01",
            "paid_date": "2025-03-20",
            "procedure_code": "G9008",
        }
        for i in range(3)
    ]
    data = "\n".join(json.dumps(r) for r in rows) + "\nnot json\n"
    record = await run_import(session, sessions, blobs, world, "claims", data, "ndjson")
    assert [(e["line"], e["message"]) for e in record.errors] == [(4, "is not a JSON object")]
    # Errors found in SQL name the file's line too, blank lines counted: no header line to add.
    bad = {**rows[1], "paid_date": "2025-02-30"}
    data = json.dumps(rows[0]) + "\n\n\n" + json.dumps(bad) + "\n" + json.dumps(rows[0]) + "\n"
    record = await run_import(session, sessions, blobs, world, "claims", data, "ndjson")
    assert [(e["line"], e["column"], e["message"][:7]) for e in record.errors] == [
        (4, "paid_date", record.errors[0]["message"][:7]),
        (5, "claim_number", "repeats"),
    ]
    assert record.errors[1]["message"] == "repeats line 1"
    data = "\n".join(json.dumps(r) for r in rows) + "\n"
    record = await run_import(session, sessions, blobs, world, "claims", data, "ndjson")
    assert (record.status, record.inserted) == ("succeeded", 3)
    assert await count(session, Claim, world) == 3


class CountingStore(LocalBlobStore):
    """The real local store, noting the size of every chunk the loader reads; reading a whole file at once
    (``get``) is refused."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.chunks: list[int] = []

    async def get(self, key: str) -> bytes:
        raise AssertionError("the loader read a whole file into memory")

    async def read_chunks(self, key: str, chunk_bytes: int = CHUNK_BYTES) -> AsyncGenerator[bytes]:
        async for chunk in super().read_chunks(key, chunk_bytes):
            self.chunks.append(len(chunk))
            yield chunk


@pytest.mark.parametrize("file_format", ["csv", "ndjson"])
async def test_a_file_larger_than_a_request_streams_in_bounded_chunks(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    tmp_path: Path,
    file_format: ImportFormat,
) -> None:
    world = await activity_world(session)
    store = CountingStore(tmp_path / "counted")
    n = 50_000  # 3.4 MB or more: more than the API's 2 MB body limit, lines cut at chunk ends
    if file_format == "csv":
        data = interactions_csv(
            world,
            [(f"big-{i:06d}", i % 3, "2025-01-05", "contact", "reached", "true") for i in range(n)],
        )
    else:
        data = "".join(
            json.dumps(
                {
                    "interaction_id": f"big-{i:06d}",
                    "member_number": world.members[i % 3].member_number,
                    "provider_npi": world.provider.npi,
                    "occurred_on": "2025-01-05",
                    "kind": "contact",
                    "outcome": "reached",
                    "enrolled": True,
                }
            )
            + "\n"
            for i in range(n)
        )
    assert len(data) > 3 * CHUNK_BYTES
    record = await run_import(session, sessions, store, world, "interactions", data, file_format)
    assert (record.status, record.rows, record.inserted) == ("succeeded", n, n)
    assert await count(session, MemberInteraction, world) == n
    assert max(store.chunks) <= CHUNK_BYTES and sum(store.chunks) == len(data)
    assert len(store.chunks) >= 4
