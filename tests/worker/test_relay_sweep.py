"""The outbox relay and the deadline sweep, on the test's connection with a real Redis."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from arq import func
from arq.connections import ArqRedis
from arq.worker import Worker
from sqlalchemy import func as sql_func
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_db.deadlines import HANDLERS, schedule_deadline
from oversight_db.models import Deadline, Notice, Organization
from oversight_db.outbox import add_notice
from oversight_worker.context import WorkerResources
from oversight_worker.jobs import SWEEP_JOB, sweep
from oversight_worker.relay import relay_outbox
from oversight_worker.sweep import BATCH_SIZE, sweep_deadlines
from tests.conftest import MakeOrg

# Far in the past: committed rows of other tests (real dates) are never due on this day.
TODAY = date(2020, 3, 16)


async def _notice(session: AsyncSession, org: Organization, age: timedelta) -> uuid.UUID:
    notice_id = await add_notice(
        session,
        kind="review_reminder",
        recipient_organization_id=org.id,
        subject_type="review",
        subject_id=uuid.uuid4(),
        data={"review_id": str(uuid.uuid4()), "scheduled_for": "2027-03-22"},
    )
    assert notice_id
    await session.execute(
        update(Notice).where(Notice.id == notice_id).values(created_at=datetime.now(UTC) - age)
    )
    return notice_id


async def test_relay_enqueues_what_the_hand_off_missed_and_due_retries_once(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    make_org: MakeOrg,
    redis: ArqRedis,
) -> None:
    # Notices other tests committed and left unsent (a real-process test that timed out under load) would be
    # counted too: hand them over first, and start from an empty queue.
    await relay_outbox(sessions, redis)
    await redis.flushdb()
    org = await make_org("provider")
    missed = await _notice(session, org, timedelta(seconds=30))
    fresh = await _notice(session, org, timedelta(seconds=0))  # the API's own hand-off is still due
    retry = await _notice(session, org, timedelta(minutes=5))
    not_yet = await _notice(session, org, timedelta(minutes=5))
    now = datetime.now(UTC)
    await session.execute(
        update(Notice)
        .where(Notice.id == retry)
        .values(enqueued_at=now, attempts=3, next_attempt_at=now - timedelta(seconds=1))
    )
    await session.execute(
        update(Notice)
        .where(Notice.id == not_yet)
        .values(enqueued_at=now, attempts=1, next_attempt_at=now + timedelta(minutes=1))
    )
    await session.commit()

    result = await relay_outbox(sessions, redis)

    assert (result.unenqueued, result.retries) == (1, 1)
    assert await redis.exists(f"arq:job:notice:{missed}:0")
    assert await redis.exists(f"arq:job:notice:{retry}:3")
    assert not await redis.exists(f"arq:job:notice:{fresh}:0")
    assert not await redis.exists(f"arq:job:notice:{not_yet}:1")
    assert 0 <= result.lag_seconds < 5  # ``fresh`` is the oldest notice still waiting
    rows = {
        n.id: n
        for n in await session.scalars(
            select(Notice)
            .where(Notice.recipient_organization_id == org.id)
            .execution_options(populate_existing=True)
        )
    }
    assert rows[missed].enqueued_at is not None
    # The job gets a lease: if it never finishes, the relay sends the same attempt again in two minutes.
    lease = rows[missed].next_attempt_at
    assert lease is not None and timedelta(seconds=100) < lease - now < timedelta(seconds=140)

    again = await relay_outbox(sessions, redis)
    assert (again.unenqueued, again.retries) == (0, 0)
    assert await redis.zcard("arq:queue") == 2


@pytest.fixture
def handlers() -> Iterator[dict[str, list[tuple[uuid.UUID, str]]]]:
    calls: dict[str, list[tuple[uuid.UUID, str]]] = {"ok": []}
    broken: set[uuid.UUID] = set()

    async def remind(session: AsyncSession, deadline: Deadline, today: date) -> None:
        if deadline.subject_id in broken:
            raise RuntimeError("handler bug")
        calls["ok"].append((deadline.subject_id, deadline.kind))
        await add_notice(
            session,
            kind="capacity_report_due_soon",
            recipient_organization_id=deadline.organization_id,
            subject_type="capacity_report",
            subject_id=deadline.subject_id,
            data={"report_id": str(deadline.subject_id), "due_on": str(deadline.due_on)},
            dedupe_key=f"test-sweep:{deadline.id}",
        )

    HANDLERS["test_report"] = remind
    calls["broken"] = broken  # type: ignore[assignment]
    yield calls
    del HANDLERS["test_report"]


async def test_sweep_runs_due_handlers_once_and_leaves_the_rest(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    make_org: MakeOrg,
    redis: ArqRedis,
    handlers: dict[str, list[tuple[uuid.UUID, str]]],
) -> None:
    org = await make_org("provider")
    a, b, later, unknown = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    for subject, kind, due in [
        (a, "due_soon_7", TODAY - timedelta(days=1)),
        (a, "due_soon_1", TODAY),
        (b, "due_soon_14", TODAY - timedelta(days=3)),
        (later, "due_soon_1", TODAY + timedelta(days=1)),
    ]:
        await schedule_deadline(
            session,
            organization_id=org.id,
            subject_type="test_report",
            subject_id=subject,
            kind=kind,
            due_on=due,
        )
    await schedule_deadline(
        session,
        organization_id=org.id,
        subject_type="no_such_type",
        subject_id=unknown,
        kind="x",
        due_on=TODAY,
    )
    await session.commit()

    result = await sweep_deadlines(sessions, redis, TODAY)

    assert (result.claimed, result.done, result.unknown_due, result.notices) == (3, 3, 1, 3)
    assert sorted(handlers["ok"]) == sorted([(a, "due_soon_7"), (a, "due_soon_1"), (b, "due_soon_14")])
    states = dict(
        (
            await session.execute(
                select(Deadline.subject_id, Deadline.state).where(Deadline.organization_id == org.id)
            )
        )
        .tuples()
        .all()
    )
    assert states[later] == "pending" and states[unknown] == "pending"
    assert states[a] == states[b] == "done"
    notices = (await session.scalars(select(Notice).where(Notice.recipient_organization_id == org.id))).all()
    assert len(notices) == 3 and all(n.enqueued_at is not None for n in notices)

    # Re-running changes nothing.
    rerun = await sweep_deadlines(sessions, redis, TODAY)
    assert (rerun.claimed, rerun.done, rerun.notices) == (0, 0, 0)
    assert len(handlers["ok"]) == 3


async def test_a_failing_subject_stays_pending_without_holding_up_the_others(
    session: AsyncSession,
    sessions: async_sessionmaker[AsyncSession],
    make_org: MakeOrg,
    handlers: dict[str, list[tuple[uuid.UUID, str]]],
) -> None:
    org = await make_org("provider")
    good, bad = uuid.uuid4(), uuid.uuid4()
    handlers["broken"].add(bad)  # type: ignore[attr-defined]
    for subject in (good, bad):
        await schedule_deadline(
            session,
            organization_id=org.id,
            subject_type="test_report",
            subject_id=subject,
            kind="k",
            due_on=TODAY,
        )
    await session.commit()

    result = await sweep_deadlines(sessions, None, TODAY)

    assert result.failed_subjects == [("test_report", bad)] and result.done == 1
    states = dict(
        (
            await session.execute(
                select(Deadline.subject_id, Deadline.state).where(Deadline.organization_id == org.id)
            )
        )
        .tuples()
        .all()
    )
    assert states == {good: "done", bad: "pending"}
    subjects = (
        await session.scalars(select(Notice.subject_id).where(Notice.recipient_organization_id == org.id))
    ).all()
    assert subjects == [good]  # the failed subject's notice was rolled back with it


@pytest.fixture
def counted() -> Iterator[list[uuid.UUID]]:
    """A handler that only counts the deadlines it is called for (subject type ``test_count``)."""
    calls: list[uuid.UUID] = []

    async def count(session: AsyncSession, deadline: Deadline, today: date) -> None:
        calls.append(deadline.id)

    HANDLERS["test_count"] = count
    yield calls
    del HANDLERS["test_count"]


async def test_a_sweep_out_of_time_hands_the_rest_to_a_follow_up_that_runs_at_once(
    session: AsyncSession,
    make_org: MakeOrg,
    redis: ArqRedis,
    worker_res: WorkerResources,
    counted: list[uuid.UUID],
) -> None:
    """A backlog bigger than one sweep's time budget is swept back to back by follow-up jobs (any worker
    runs them), not a budget's worth a minute."""
    org = await make_org("provider")
    due = BATCH_SIZE + 1
    await session.execute(
        text(
            "INSERT INTO deadline (id, organization_id, subject_type, subject_id, kind, due_on, day_type, calendar) "
            "SELECT gen_random_uuid(), :org, 'test_count', gen_random_uuid(), 'k', :today, 'calendar', 'US' "
            "FROM generate_series(1, :n)"
        ),
        {"org": org.id, "today": TODAY, "n": due},
    )
    await session.commit()
    # No time at all: every sweep job runs its one batch and stops.
    worker_res.today = lambda: TODAY
    worker_res.sweep_budget_seconds = 0.0

    await sweep({"resources": worker_res, "redis": redis})

    async def states() -> dict[str, int]:
        rows = await session.execute(
            select(Deadline.state, sql_func.count())
            .where(Deadline.organization_id == org.id)
            .group_by(Deadline.state)
        )
        return dict(rows.tuples().all())

    assert await states() == {"done": BATCH_SIZE, "pending": 1}
    # A worker (arq's own, over the same Redis) finds the follow-up waiting and sweeps the rest.
    worker = Worker(
        functions=[func(sweep, name=SWEEP_JOB)],
        redis_pool=redis,
        burst=True,
        handle_signals=False,
        ctx={"resources": worker_res},
        poll_delay=0.01,
    )
    assert await worker.run_check() == 1
    assert await states() == {"done": due}
    assert sorted(counted) == sorted(set(counted)) and len(counted) == due
