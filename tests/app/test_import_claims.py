"""Claiming imports (the long pool's ``load_imports``): a load cut mid-way (worker killed, job timeout) leaves
its import ``loading``; it is claimed again once its claim has not been renewed within the lease, never
while the claim is live, and after ``MAX_LOAD_ATTEMPTS`` cut loads it is ``failed`` with an error saying so.
Live loads renewing their claims: tests/worker/test_claims.py."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_app.claims import Lease
from oversight_app.imports import loader, service
from oversight_db.blobs import LocalBlobStore
from oversight_db.models import ActivityImport
from tests.app.activity_world import World, activity_world

pytestmark = pytest.mark.asyncio(loop_scope="session")

LEASE = Lease(beat=timedelta(minutes=2), expires=timedelta(minutes=10))


async def _import(session: AsyncSession, world: World, blobs: LocalBlobStore, tag: str) -> uuid.UUID:
    data = (
        "interaction_id,member_number,provider_npi,occurred_on,kind,duration_minutes,outcome,enrolled\n"
        f"{tag},{world.members[0].member_number},{world.provider.npi},2025-03-03,contact,15,reached,true\n"
    ).encode()
    out, _ = await service.create_import(session, world.caller, "interactions", "csv", data, blobs)
    return out.id


async def _left_loading(session: AsyncSession, import_id: uuid.UUID, attempts: int, ago: timedelta) -> None:
    """As a load cut ``ago`` ago leaves it."""
    await session.execute(
        update(ActivityImport)
        .where(ActivityImport.id == import_id)
        .values(status="loading", attempts=attempts, started_at=datetime.now(UTC) - ago)
    )
    await session.flush()


async def test_a_cut_load_is_claimed_again_only_after_its_lease_and_loads(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], blobs: LocalBlobStore
) -> None:
    world = await activity_world(session)
    import_id = await _import(session, world, blobs, "again")
    await _left_loading(session, import_id, attempts=1, ago=LEASE.expires - timedelta(seconds=30))
    assert await loader.claim_next(sessions, LEASE) is None  # its loader may still be at work

    await _left_loading(session, import_id, attempts=1, ago=LEASE.expires + timedelta(seconds=1))
    assert await loader.claim_next(sessions, LEASE) == import_id
    outcome = await loader.load_import(sessions, blobs, import_id)
    record = await session.get_one(ActivityImport, import_id)
    await session.refresh(record)
    assert (outcome.status, record.status, record.attempts, record.inserted) == (
        "succeeded",
        "succeeded",
        2,
        1,
    )


async def test_an_import_cut_three_times_fails_saying_so_and_the_next_is_claimed(
    session: AsyncSession, sessions: async_sessionmaker[AsyncSession], blobs: LocalBlobStore
) -> None:
    world = await activity_world(session)
    stuck = await _import(session, world, blobs, "stuck")
    waiting = await _import(session, world, blobs, "waiting")
    await _left_loading(session, stuck, attempts=loader.MAX_LOAD_ATTEMPTS, ago=LEASE.expires * 2)
    # Sent a day before the other (one transaction here gives both the same created_at).
    await session.execute(
        update(ActivityImport)
        .where(ActivityImport.id == stuck)
        .values(created_at=datetime.now(UTC) - timedelta(days=1))
    )

    assert await loader.claim_next(sessions, LEASE) == waiting
    record = await session.get_one(ActivityImport, stuck)
    await session.refresh(record)
    assert (record.status, record.attempts, record.error_count) == ("failed", loader.MAX_LOAD_ATTEMPTS, 1)
    assert record.errors == [{"line": 0, "column": "-", "message": loader.GAVE_UP}]
    assert record.finished_at is not None
