"""Who reaches which Capacity Building rows (seed 001), and the program's local date.

A program belongs to the state organization that created it. Its state sees every participant; a plan sees
the programs it takes part in and only its own participant, plan, reports and payments. Anything else is a
404 (``not_found``), never a 403.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.caller import Caller
from oversight_app.errors import ProblemError, not_found
from oversight_db.models.capacity import CapacityParticipant, CapacityProgram, CapacityReport
from oversight_domain.capacity_plans import local_date

As = Literal["reader", "state", "plan"]
"""``reader``: anyone who may see the row; ``state``: the program's state only (decisions); ``plan``: the
participating plan only (submissions)."""


def require_state(caller: Caller) -> None:
    if caller.organization_kind != "state":
        raise ProblemError(403, "only a state organization administers Capacity Building", slug="forbidden")


def visible_to(caller: Caller) -> ColumnElement[bool]:
    """Rows joined to program and participant that the caller's organization may see."""
    return or_(
        CapacityProgram.organization_id == caller.organization_id,
        CapacityParticipant.plan_id == caller.organization_id,
    )


def program_visible_to(caller: Caller) -> ColumnElement[bool]:
    """Programs the caller runs or takes part in."""
    return or_(
        CapacityProgram.organization_id == caller.organization_id,
        exists().where(
            CapacityParticipant.program_id == CapacityProgram.id,
            CapacityParticipant.plan_id == caller.organization_id,
        ),
    )


def _scoped(stmt: Select[Any], caller: Caller, as_: As) -> Select[Any]:
    if as_ == "state":
        return stmt.where(CapacityProgram.organization_id == caller.organization_id)
    if as_ == "plan":
        return stmt.where(CapacityParticipant.plan_id == caller.organization_id)
    return stmt.where(visible_to(caller))


async def load_program(
    session: AsyncSession, caller: Caller, program_id: uuid.UUID, *, admin: bool = False
) -> CapacityProgram:
    stmt = select(CapacityProgram).where(CapacityProgram.id == program_id)
    if admin:
        stmt = stmt.where(CapacityProgram.organization_id == caller.organization_id)
    else:
        stmt = stmt.where(program_visible_to(caller))
    program = await session.scalar(stmt)
    if program is None:
        raise not_found("program")
    return program


async def load_participant(
    session: AsyncSession, caller: Caller, participant_id: uuid.UUID, *, as_: As = "reader"
) -> tuple[CapacityParticipant, CapacityProgram]:
    stmt = (
        select(CapacityParticipant, CapacityProgram)
        .join(CapacityProgram, CapacityProgram.id == CapacityParticipant.program_id)
        .where(CapacityParticipant.id == participant_id)
    )
    row = (await session.execute(_scoped(stmt, caller, as_))).one_or_none()
    if row is None:
        raise not_found("participant")
    return row[0], row[1]


async def load_report(
    session: AsyncSession, caller: Caller, report_id: uuid.UUID, *, as_: As = "reader"
) -> tuple[CapacityReport, CapacityParticipant, CapacityProgram]:
    """The report with its participant and program; a write (``as_`` state or plan) locks the report row."""
    stmt = _scoped(
        select(CapacityReport, CapacityParticipant, CapacityProgram)
        .join(CapacityParticipant, CapacityParticipant.id == CapacityReport.participant_id)
        .join(CapacityProgram, CapacityProgram.id == CapacityReport.program_id)
        .where(CapacityReport.id == report_id),
        caller,
        as_,
    )
    if as_ != "reader":
        stmt = stmt.with_for_update(of=CapacityReport)
    row = (await session.execute(stmt)).one_or_none()
    if row is None:
        raise not_found("report")
    return row[0], row[1], row[2]


def program_today(now: datetime, program: CapacityProgram) -> date:
    """Today where the program runs: a report due on the 30th is on time until midnight in its time zone."""
    return local_date(now, program.jurisdiction)
