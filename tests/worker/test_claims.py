"""Export builds and import loads prove they are alive (issue 16), on real transactions: a live build
renewing its claim is never handed over however long it runs; a build cut off (its renewals stop) is handed
over once its lease has run out; and a build that lost its claim and finishes late records nothing: the new
attempt's file, ``report_ready`` notice and audit event stand alone. The same for import loads: a live load
is never claimed again, and a load that lost its claim commits nothing (every row once, the later claim's
counts). Builds and loads wait on a lock another transaction holds on their table, as long as the test
needs."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from oversight_app.claims import Lease
from oversight_app.imports import loader, service
from oversight_app.reports.export_build import BuildResult, build_export, enqueue_due
from oversight_db.blobs import LocalBlobStore
from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.models import ActivityImport, AuditEvent, ExportJob, MemberInteraction, Notice
from oversight_db.settings import Settings
from tests.app.activity_world import activity_world
from tests.conftest import MakeKey, MakeOrg
from tests.worker.test_faults import eventually

pytestmark = pytest.mark.asyncio(loop_scope="session")

# The production lease's shape (renewed every beat, stale after several missed), in fractions of a second.
LEASE = Lease(beat=timedelta(seconds=0.2), expires=timedelta(seconds=1))
# A build whose process is paused (or cut off from the database): it never renews its claim.
PAUSED = Lease(beat=timedelta(hours=1), expires=LEASE.expires)


@dataclass
class World:
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    blobs: LocalBlobStore
    export_id: uuid.UUID


@pytest_asyncio.fixture(loop_scope="session")
async def world(
    settings: Settings, committed_factories: tuple[MakeOrg, MakeKey], tmp_path: Path
) -> AsyncIterator[World]:
    """A queued reviews export of a fresh plan, committed; the builds' engine is their own."""
    assert settings.database_url
    engine = create_engine(settings.database_url, pool_size=5)
    sessions = create_sessionmaker(engine)
    plan = await committed_factories[0]("plan")
    export_id = uuid.uuid4()
    async with sessions() as s, s.begin():
        s.add(
            ExportJob(
                id=export_id,
                organization_id=plan.id,
                organization_kind="plan",
                kind="reviews",
                format="csv",
                filters={"year": 2026},
                status="queued",
                requested_by="test",
                attempts=0,
            )
        )
    yield World(engine, sessions, LocalBlobStore(tmp_path / "blobs"), export_id)
    async with sessions() as s, s.begin():  # later tests' relay and expiry sweeps
        await s.execute(delete(Notice).where(Notice.subject_id == export_id))
        await s.execute(delete(ExportJob).where(ExportJob.id == export_id))
    await engine.dispose()


async def _lock_reviews(holder: AsyncConnection) -> None:
    await holder.execute(text("BEGIN"))
    await holder.execute(text("LOCK TABLE review IN ACCESS EXCLUSIVE MODE"))


async def _waiters(engine: AsyncEngine, count: int, table: str = "review") -> None:
    async def waiting() -> bool:
        async with engine.connect() as conn:
            found = await conn.scalar(
                text("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = CAST(:t AS regclass)"),
                {"t": table},
            )
        return bool(found == count)

    await eventually(waiting, 20, f"{count} waiting on {table}")


async def _advisory_waiters(engine: AsyncEngine, count: int) -> None:
    async def waiting() -> bool:
        async with engine.connect() as conn:
            found = await conn.scalar(
                text("SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = 'advisory'")
            )
        return bool(found == count)

    await eventually(waiting, 20, f"{count} waiting on an advisory lock")


async def _export(w: World) -> ExportJob:
    async with w.sessions() as s:
        return await s.get_one(ExportJob, w.export_id)


async def _due(w: World) -> list[uuid.UUID]:
    async with w.sessions() as s:
        return [row.id for row in await s.execute(enqueue_due(datetime.now(UTC), LEASE))]


async def test_a_live_build_renewing_its_claim_is_never_handed_over(world: World) -> None:
    w = world
    async with w.engine.connect() as holder:
        await _lock_reviews(holder)
        build = asyncio.create_task(build_export(w.sessions, w.blobs, w.export_id, lease=LEASE))
        await _waiters(w.engine, 1)
        await asyncio.sleep(3 * LEASE.expires.total_seconds())  # three leases long
        # Neither the cron nor another worker's job takes it: the claim is renewed every beat.
        assert w.export_id not in await _due(w)
        assert await build_export(w.sessions, w.blobs, w.export_id, lease=LEASE) == BuildResult("busy", [])
        running = await _export(w)
        assert (running.status, running.attempts) == ("running", 1)
        assert running.heartbeat_at is not None and running.started_at is not None
        assert running.heartbeat_at - running.started_at >= 2 * LEASE.expires  # renewed all along
        await holder.execute(text("ROLLBACK"))
    result = await build
    done = await _export(w)
    assert (result.status, len(result.notice_ids)) == ("ready", 1)
    assert (done.status, done.attempts, done.blob_key) == (
        "ready",
        1,
        f"exports/{done.organization_id}/{w.export_id}-1.csv",
    )


async def test_a_build_cut_off_is_handed_over_once_its_lease_has_run_out(world: World) -> None:
    w = world
    async with w.engine.connect() as holder:
        await _lock_reviews(holder)
        build = asyncio.create_task(build_export(w.sessions, w.blobs, w.export_id, lease=LEASE))
        await _waiters(w.engine, 1)
        build.cancel()  # as arq's timeout cuts a job; a killed worker's renewals stop the same way
        await asyncio.gather(build, return_exceptions=True)
        await holder.execute(text("ROLLBACK"))
    assert w.export_id not in await _due(w)  # within its lease: left alone
    await asyncio.sleep(LEASE.expires.total_seconds() + 0.2)
    async with w.sessions() as s:
        due = (await s.execute(enqueue_due(datetime.now(UTC), LEASE))).all()
    # Handed over with its claims so far: the job id names attempt 1, not the cut job's.
    assert [(row.id, row.attempts) for row in due if row.id == w.export_id] == [(w.export_id, 1)]
    result = await build_export(w.sessions, w.blobs, w.export_id, lease=LEASE)
    done = await _export(w)
    assert (result.status, done.status, done.attempts) == ("ready", "ready", 2)


async def test_a_stale_claims_late_finish_cannot_overwrite_the_new_attempts_result(world: World) -> None:
    w = world
    async with w.engine.connect() as holder:
        await _lock_reviews(holder)
        # A: a build that stops renewing (paused) while it waits; B takes its claim over after the lease.
        late = asyncio.create_task(build_export(w.sessions, w.blobs, w.export_id, lease=PAUSED))
        await _waiters(w.engine, 1)
        await asyncio.sleep(LEASE.expires.total_seconds() + 0.2)
        assert w.export_id in await _due(w)
        new = asyncio.create_task(build_export(w.sessions, w.blobs, w.export_id, lease=LEASE))
        await _waiters(w.engine, 2)
        assert (await _export(w)).attempts == 2  # B's claim, before A has finished
        await holder.execute(text("ROLLBACK"))
    late_result, new_result = await asyncio.gather(late, new)
    done = await _export(w)
    folder = f"exports/{done.organization_id}/"
    prefix = f"{folder}{w.export_id}"
    assert (late_result, new_result.status) == (BuildResult("busy", []), "ready")
    assert (done.status, done.attempts, done.blob_key) == ("ready", 2, f"{prefix}-2.csv")
    # A's file is gone, B's is the one recorded; one notice and one audit event, B's.
    assert await w.blobs.keys(folder) == [f"{prefix}-2.csv"]
    async with w.sessions() as s:
        notices = await s.scalar(
            select(func.count()).where(Notice.kind == "report_ready", Notice.subject_id == w.export_id)
        )
        built = await s.scalar(
            select(func.count()).where(
                AuditEvent.action == "report.export_built", AuditEvent.entity_id == str(w.export_id)
            )
        )
    assert (notices, built) == (1, 1)


@dataclass
class Imports:
    sessions: async_sessionmaker[AsyncSession]
    blobs: LocalBlobStore
    import_id: uuid.UUID
    plan_id: uuid.UUID


@pytest_asyncio.fixture(loop_scope="session")
async def imports(world: World) -> AsyncIterator[Imports]:
    """A pending one-row import of a fresh plan, committed, on the same engine."""
    w = world
    async with w.sessions() as s, s.begin():
        aw = await activity_world(s)
        data = (
            "interaction_id,member_number,provider_npi,occurred_on,kind,duration_minutes,outcome,enrolled\n"
            f"L-1,{aw.members[0].member_number},{aw.provider.npi},2025-03-03,contact,15,reached,true\n"
        ).encode()
        out, _ = await service.create_import(s, aw.caller, "interactions", "csv", data, w.blobs)
    yield Imports(w.sessions, w.blobs, out.id, aw.plan.id)
    async with w.sessions() as s, s.begin():
        await s.execute(delete(MemberInteraction).where(MemberInteraction.plan_id == aw.plan.id))
        await s.execute(delete(ActivityImport).where(ActivityImport.id == out.id))


async def _lock_interactions(holder: AsyncConnection) -> None:
    await holder.execute(text("BEGIN"))
    await holder.execute(text("LOCK TABLE member_interaction IN SHARE MODE"))


async def _load(i: Imports, lease: Lease) -> loader.LoadOutcome:
    claimed = await loader.claim_next(i.sessions, LEASE)
    assert claimed == i.import_id
    return await loader.load_import(i.sessions, i.blobs, claimed, lease=lease)


async def test_a_live_load_renewing_its_claim_is_never_claimed_again(world: World, imports: Imports) -> None:
    i = imports
    async with world.engine.connect() as holder:
        await _lock_interactions(holder)
        load = asyncio.create_task(_load(i, LEASE))
        await _waiters(world.engine, 1, "member_interaction")
        await asyncio.sleep(3 * LEASE.expires.total_seconds())
        assert await loader.claim_next(i.sessions, LEASE) is None  # renewed all along
        await holder.execute(text("ROLLBACK"))
    outcome = await load
    async with i.sessions() as s:
        record = await s.get_one(ActivityImport, i.import_id)
    assert (outcome.status, record.status, record.attempts, record.inserted) == (
        "succeeded",
        "succeeded",
        1,
        1,
    )


async def test_a_load_that_lost_its_claim_commits_nothing(world: World, imports: Imports) -> None:
    i = imports
    async with world.engine.connect() as holder:
        await _lock_interactions(holder)
        late = asyncio.create_task(_load(i, PAUSED))  # A: stops renewing while it waits mid-merge
        await _waiters(world.engine, 1, "member_interaction")
        await asyncio.sleep(LEASE.expires.total_seconds() + 0.2)
        new = asyncio.create_task(_load(i, LEASE))  # B: claims it again (attempt 2)
        # B waits its turn behind A: merges of one table for one plan take turns (an advisory lock).
        await _advisory_waiters(world.engine, 1)
        await holder.execute(text("ROLLBACK"))
    late_outcome, new_outcome = await asyncio.gather(late, new)
    async with i.sessions() as s:
        record = await s.get_one(ActivityImport, i.import_id)
        stored = await s.scalar(select(func.count()).where(MemberInteraction.plan_id == i.plan_id))
    assert (late_outcome.status, new_outcome.status) == ("busy", "succeeded")
    # B's counts stand: whichever merged first, the row is stored once and B's commit is the only one.
    assert (record.status, record.attempts, record.rows, stored) == ("succeeded", 2, 1, 1)
