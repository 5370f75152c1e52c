"""Scheduling deadlines, and the registry of what happens when one falls due.

Modules that own a kind of subject (action plans, Capacity Building reports) register a handler for their
``subject_type``; the worker's sweep claims due rows and calls the handler in the same transaction.
Handlers must be idempotent: the sweep may run again after a crash.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable
from datetime import date

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models.deadlines import Deadline

DeadlineHandler = Callable[[AsyncSession, Deadline, date], Awaitable[None]]
HANDLERS: dict[str, DeadlineHandler] = {}


def deadline_handler(subject_type: str) -> Callable[[DeadlineHandler], DeadlineHandler]:
    def register(fn: DeadlineHandler) -> DeadlineHandler:
        HANDLERS[subject_type] = fn
        return fn

    return register


async def schedule_deadline(
    session: AsyncSession,
    *,
    organization_id: uuid.UUID,
    subject_type: str,
    subject_id: uuid.UUID,
    kind: str,
    due_on: date,
    day_type: str = "calendar",
    calendar: str = "US",
) -> None:
    """Add a pending deadline; the same (subject, kind, due date) twice is one row (revived if cancelled)."""
    await session.execute(
        insert(Deadline)
        .values(
            id=uuid.uuid4(),
            organization_id=organization_id,
            subject_type=subject_type,
            subject_id=subject_id,
            kind=kind,
            due_on=due_on,
            day_type=day_type,
            calendar=calendar,
        )
        # A deadline cancelled earlier and scheduled again (a returned action plan) is pending again;
        # a pending or done one is left alone, so scheduling twice is harmless.
        .on_conflict_do_update(
            index_elements=["subject_type", "subject_id", "kind", "due_on"],
            set_={"state": "pending"},
            where=Deadline.state == "cancelled",
        )
    )


async def cancel_deadlines(
    session: AsyncSession, subject_type: str, subject_id: uuid.UUID, kinds: Iterable[str] | None = None
) -> None:
    stmt = update(Deadline).where(
        Deadline.subject_type == subject_type, Deadline.subject_id == subject_id, Deadline.state == "pending"
    )
    if kinds is not None:
        stmt = stmt.where(Deadline.kind.in_(list(kinds)))
    await session.execute(stmt.values(state="cancelled"))
