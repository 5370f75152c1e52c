"""The deadline sweep: every due deadline's handler runs once, with its effects, in the same transaction.

Due rows (``state = 'pending' AND due_on <= today``) of subject types that have a handler are claimed in
batches with ``FOR UPDATE SKIP LOCKED``, in (due_on, id) order, grouped by subject; one batch runs at a time
across the workers (``SWEEP_LOCK``), each its own transaction. Each subject's handler calls and its
deadlines turning ``done`` commit together or not at all: a batch runs in one savepoint, and if any handler
raises, the batch is redone with one savepoint per subject, so one broken subject neither blocks the rest nor
loses its deadline (it stays pending and is retried by the next sweep). Handlers are idempotent
(``dedupe_key`` on notices, state checks), so re-running a sweep after a crash changes nothing. Notices the
handlers wrote are handed to the queue after each commit (the relay covers a failure there).
"""

from __future__ import annotations

import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import structlog
from arq.connections import ArqRedis
from sqlalchemy import func, literal, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_db.db import unit_of_work
from oversight_db.deadlines import HANDLERS
from oversight_db.models.deadlines import Deadline
from oversight_db.outbox import mark_enqueued, pending_notice_ids
from oversight_db.queue import enqueue_notices
from oversight_worker import metrics

log = structlog.get_logger("oversight.worker.sweep")

# The budget is checked after each batch, and the cron job is cancelled (its batch rolled back) at 30 s: a batch
# must finish well inside the 10 s between the two even on a loaded machine, or every later sweep repeats the
# same cancelled batch and nothing is ever marked done (seen with 2,000 a batch under load).
BATCH_SIZE = 500
# Then a follow-up sweep carries on at once (the worker's job), so a short budget costs nothing and leaves the
# last batch two thirds of the job's timeout.
TIME_BUDGET_SECONDS = 10.0
# One sweep batch at a time across the workers (a transaction-level advisory lock, released with its commit or
# rollback): sweeps running at once (every worker sweeps at start-up, follow-ups beside the minute's cron)
# handled the same subjects and waited on each other's open batches, so under load a batch took its own time
# plus theirs and outlasted the job's timeout. A sweep that finds the lock taken stops: the holder goes on to
# the end of the due rows, or hands them to its follow-up.
SWEEP_LOCK = 0x6F76657273776570  # any fixed bigint, the same in every worker
_START = (date.min, uuid.UUID(int=0))

Subject = tuple[str, uuid.UUID]


@dataclass
class SweepResult:
    claimed: int = 0
    done: int = 0
    failed_subjects: list[Subject] = field(default_factory=list)
    unknown_due: int = 0
    notices: int = 0
    complete: bool = True


def _by_subject(rows: list[Deadline]) -> list[tuple[Subject, list[Deadline]]]:
    """The rows per subject (each subject's in the order given), the subjects in one order in every batch.

    Handlers take locks per subject (a notice's ``dedupe_key``: a second insert of it waits for the first
    transaction). Two batches over the same subjects, each in its own order, deadlocked (seen when every
    worker's start-up sweep ran at once, before ``SWEEP_LOCK``); in one order, should a batch ever meet
    another transaction taking the same locks in the same order, it waits instead.
    """
    groups: dict[Subject, list[Deadline]] = defaultdict(list)
    for row in rows:
        groups[(row.subject_type, row.subject_id)].append(row)
    return sorted(groups.items(), key=lambda item: item[0])


async def _run(session: AsyncSession, deadlines: list[Deadline], today: date) -> None:
    for deadline in deadlines:
        await HANDLERS[deadline.subject_type](session, deadline, today)


async def _sweep_batch(
    session: AsyncSession, today: date, after: tuple[date, uuid.UUID], batch_size: int, result: SweepResult
) -> tuple[int, tuple[date, uuid.UUID], list[uuid.UUID]]:
    """Claim and run one batch; returns (rows claimed, the new cursor, notices written)."""
    types = sorted(HANDLERS)
    rows = list(
        await session.scalars(
            select(Deadline)
            .where(
                Deadline.state == "pending",
                Deadline.due_on <= today,
                Deadline.subject_type.in_(types),
                tuple_(Deadline.due_on, Deadline.id) > tuple_(literal(after[0]), literal(after[1])),
            )
            .order_by(Deadline.due_on, Deadline.id)
            .limit(batch_size)
            .with_for_update(skip_locked=True)
        )
    )
    if not rows:
        return 0, after, []
    cursor = (rows[-1].due_on, rows[-1].id)
    groups = _by_subject(rows)
    done: list[uuid.UUID] = []
    notice_ids: list[uuid.UUID] = []
    try:
        async with session.begin_nested():
            for _, subject_rows in groups:
                await _run(session, subject_rows, today)
        done = [row.id for row in rows]
        notice_ids = pending_notice_ids(session)
    except Exception:
        # Slow path: find the subject(s) at fault, keep everyone else's work.
        pending_notice_ids(session)
        ids = [row.id for row in rows]
        session.expunge_all()
        fresh = list(await session.scalars(select(Deadline).where(Deadline.id.in_(ids))))
        fresh.sort(key=lambda d: (d.due_on, d.id))
        for subject, subject_rows in _by_subject(fresh):
            try:
                async with session.begin_nested():
                    await _run(session, subject_rows, today)
            except Exception as exc:
                pending_notice_ids(session)
                result.failed_subjects.append(subject)
                metrics.SWEEP_FAILED.inc()
                log.error(
                    "deadline_handler_failed",
                    subject_type=subject[0],
                    subject_id=str(subject[1]),
                    deadline_ids=[str(d.id) for d in subject_rows],
                    exc_info=exc,
                )
                continue
            done.extend(d.id for d in subject_rows)
            notice_ids.extend(pending_notice_ids(session))
    if done:
        await session.execute(
            update(Deadline)
            .where(Deadline.id.in_(done), Deadline.state == "pending")
            .values(state="done", fired_at=datetime.now(UTC))
            .execution_options(synchronize_session=False)
        )
    result.done += len(done)
    return len(rows), cursor, notice_ids


async def sweep_deadlines(
    sessions: async_sessionmaker[AsyncSession],
    redis: ArqRedis | None,
    today: date,
    *,
    batch_size: int = BATCH_SIZE,
    time_budget: float = TIME_BUDGET_SECONDS,
) -> SweepResult:
    result = SweepResult()
    started = time.monotonic()
    async with unit_of_work(sessions) as session:
        unknown = await session.execute(
            select(Deadline.subject_type, func.count())
            .where(
                Deadline.state == "pending",
                Deadline.due_on <= today,
                Deadline.subject_type.not_in(sorted(HANDLERS) or [""]),
            )
            .group_by(Deadline.subject_type)
        )
        for subject_type, count in unknown:
            result.unknown_due += count
            log.warning("deadline_subject_type_unhandled", subject_type=subject_type, due=count)
    metrics.SWEEP_UNKNOWN.set(result.unknown_due)
    after = _START
    while True:
        # Each batch commits on its own: a sweep cancelled at the job's timeout loses only the batch it was in.
        async with unit_of_work(sessions) as session:
            if not await session.scalar(select(func.pg_try_advisory_xact_lock(SWEEP_LOCK))):
                break  # another sweep's batch is running; that sweep carries on (see SWEEP_LOCK)
            claimed, after, notice_ids = await _sweep_batch(session, today, after, batch_size, result)
        result.claimed += claimed
        metrics.SWEEP_CLAIMED.inc(claimed)
        if notice_ids:
            result.notices += len(notice_ids)
            await _hand_off(sessions, redis, notice_ids)
        if claimed < batch_size:  # the walk reached the last due row
            break
        # Checked after a batch, so every sweep moves on by one batch at least, whatever came before it.
        if time.monotonic() - started > time_budget:
            result.complete = False  # the worker's job hands the rest to a follow-up sweep
            break
    duration = time.monotonic() - started
    metrics.SWEEP_DURATION.observe(duration)
    if result.claimed or result.unknown_due:
        log.info(
            "deadline_sweep",
            claimed=result.claimed,
            failed_subjects=len(result.failed_subjects),
            unknown_due=result.unknown_due,
            notices=result.notices,
            seconds=round(duration, 3),
        )
    return result


async def _hand_off(
    sessions: async_sessionmaker[AsyncSession], redis: ArqRedis | None, notice_ids: list[uuid.UUID]
) -> None:
    if redis is None:
        return
    try:
        reached = await enqueue_notices(redis, notice_ids)
        async with unit_of_work(sessions) as session:
            await mark_enqueued(session, reached, datetime.now(UTC))
    except Exception as exc:  # the relay enqueues them within a quarter of a minute
        log.warning("sweep_notice_hand_off_failed", count=len(notice_ids), error_type=type(exc).__name__)
