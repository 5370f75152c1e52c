"""Capacity Building programs (seed 001): created by a state from program data, their report schedule generated
by ``oversight_domain.capacity`` (Table 2 for the NC program)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.capacity.access import load_program, program_visible_to, require_state
from oversight_app.capacity.checks import domain_problem
from oversight_app.capacity.schemas import ProgramIn, ProgramOut, ScheduleItemOut, ScheduleOut
from oversight_app.errors import unprocessable
from oversight_app.pagination import PageParams, keyset_page
from oversight_db.models.capacity import CapacityProgram, CapacityScheduleItem
from oversight_domain.capacity import (
    CapacityError,
    ProgramSpec,
    ReportKind,
    Schedule,
    ScheduledReport,
    generate_schedule,
    parse_program,
)

# The API's names for the domain spec's sections.
_RENAMES = {"quarterly": "quarterly_periods", "monthly": "monthly_reports"}


_SCHEDULE_FIELDS = ("kind", "label", "period_index", "period_start", "period_end", "due_on")


def schedule_fields(item: ScheduledReport | CapacityScheduleItem) -> dict[str, Any]:
    """What a schedule item copies from the domain's report, and a report obligation from its item."""
    return {name: getattr(item, name) for name in _SCHEDULE_FIELDS}


def program_spec(program: CapacityProgram) -> ProgramSpec:
    """The program's data as the domain reads it (sections added later take their defaults)."""
    return parse_program(program.spec)


async def schedule_items(session: AsyncSession, program_id: uuid.UUID) -> list[CapacityScheduleItem]:
    return list(
        (
            await session.scalars(
                select(CapacityScheduleItem)
                .where(CapacityScheduleItem.program_id == program_id)
                .order_by(CapacityScheduleItem.seq)
            )
        ).all()
    )


async def domain_schedule(session: AsyncSession, program: CapacityProgram) -> Schedule:
    """The stored schedule as the domain's ``Schedule`` (for milestone status)."""
    return Schedule(
        str(program.spec.get("key", program.id)),
        tuple(
            ScheduledReport(
                cast(ReportKind, i.kind), i.label, i.due_on, i.period_start, i.period_end, i.period_index
            )
            for i in await schedule_items(session, program.id)
        ),
    )


async def create_program(session: AsyncSession, caller: Caller, body: ProgramIn) -> ProgramOut:
    """A state creates a program; its report schedule is generated from the program data and stored."""
    require_state(caller)
    program_id = uuid.uuid4()
    # Bounded (oversight_domain.capacity's MAX_* limits), but counting business days for the largest program
    # allowed is still hundreds of milliseconds of pure CPU: in a worker thread, off the event loop.
    spec, schedule = await asyncio.to_thread(_spec_and_schedule, program_id, body)
    program = CapacityProgram(
        id=program_id,
        organization_id=caller.organization_id,
        name=body.name,
        funding_total=body.funding_total,
        jurisdiction=body.jurisdiction,
        distribution_plan_due_on=body.distribution_plan_due_on,
        spec=spec.model_dump(mode="json"),
    )
    session.add(program)
    await session.flush()
    session.add_all(
        CapacityScheduleItem(program_id=program.id, seq=seq, **schedule_fields(r))
        for seq, r in enumerate(schedule.reports)
    )
    await session.flush()
    await audit_event(
        session,
        caller,
        "capacity_program.created",
        "capacity_program",
        program.id,
        {"reports": len(schedule.reports), "funding_total": str(body.funding_total)},
    )
    await session.refresh(program)
    return ProgramOut.model_validate(program)


def _spec_and_schedule(program_id: uuid.UUID, body: ProgramIn) -> tuple[ProgramSpec, Schedule]:
    """The request as the domain's program data, and the schedule it generates (422 when either is invalid)."""
    data: dict[str, Any] = {
        "key": f"program-{program_id}",
        "title": body.name,
        "jurisdiction": body.jurisdiction,
        "source": "",
        "distribution_plan_due_on": body.distribution_plan_due_on,
        "quarterly": body.quarterly_periods.model_dump(exclude_none=True),
    }
    if body.monthly_reports is not None:
        data["monthly"] = body.monthly_reports.model_dump(exclude_none=True)
    if body.reminders is not None:
        data["reminders"] = body.reminders.model_dump(exclude_none=True)
    try:
        spec = parse_program(data)
        return spec, generate_schedule(spec)
    except CapacityError as exc:
        raise domain_problem(
            "the program's periods, due rules or reminders are invalid", exc, renames=_RENAMES
        ) from None
    except ValueError:  # the domain's calendars know no such jurisdiction
        raise unprocessable(
            "unknown jurisdiction", [{"path": "body.jurisdiction", "message": "no holiday calendar for it"}]
        ) from None


async def list_programs(
    session: AsyncSession, caller: Caller, page: PageParams
) -> tuple[list[ProgramOut], str | None]:
    stmt = select(CapacityProgram).where(program_visible_to(caller))
    rows, cursor = await keyset_page(session, stmt, [CapacityProgram.created_at, CapacityProgram.id], page)
    return [ProgramOut.model_validate(p) for p in rows], cursor


async def get_program(session: AsyncSession, caller: Caller, program_id: uuid.UUID) -> ProgramOut:
    return ProgramOut.model_validate(await load_program(session, caller, program_id))


async def get_schedule(session: AsyncSession, caller: Caller, program_id: uuid.UUID) -> ScheduleOut:
    program = await load_program(session, caller, program_id)
    return ScheduleOut(
        program_id=program.id,
        items=[ScheduleItemOut.model_validate(i) for i in await schedule_items(session, program.id)],
    )
