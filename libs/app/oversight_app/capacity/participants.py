"""Plans (LME/MCOs) taking part in a Capacity Building program: joining creates milestones 1-6 (seed 001
Table 1), the distribution plan's head, one report obligation per scheduled report and their reminders."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.capacity import reminders
from oversight_app.capacity.access import load_participant, load_program, program_today
from oversight_app.capacity.milestones import milestones_of
from oversight_app.capacity.programs import program_spec, schedule_fields, schedule_items
from oversight_app.capacity.schemas import MilestoneOut, ParticipantIn, ParticipantOut
from oversight_app.errors import conflict, unprocessable
from oversight_app.pagination import PageParams, keyset_page
from oversight_db.models.capacity import (
    CapacityDistributionPlan,
    CapacityMilestone,
    CapacityParticipant,
    CapacityProgram,
    CapacityReport,
)
from oversight_db.models.organizations import Organization
from oversight_domain.capacity import MILESTONES


async def participant_out(session: AsyncSession, participant: CapacityParticipant) -> ParticipantOut:
    plan_status = await session.scalar(
        select(CapacityDistributionPlan.status).where(
            CapacityDistributionPlan.participant_id == participant.id
        )
    )
    return ParticipantOut(
        id=participant.id,
        program_id=participant.program_id,
        plan_id=participant.plan_id,
        created_at=participant.created_at,
        distribution_plan_status=plan_status or "not_submitted",
        milestones=[MilestoneOut.model_validate(m) for m in await milestones_of(session, participant.id)],
    )


async def add_participant(
    session: AsyncSession,
    caller: Caller,
    program_id: uuid.UUID,
    body: ParticipantIn,
    now: datetime,
) -> ParticipantOut:
    """A plan joins the program: its milestones, its distribution plan's head, one obligation per scheduled
    report, and the reminders of those obligations."""
    program = await load_program(session, caller, program_id, admin=True)
    await _require_plan_organization(session, body.plan_id)
    participant_id = await session.scalar(
        insert(CapacityParticipant)
        .values(id=uuid.uuid4(), program_id=program.id, plan_id=body.plan_id)
        .on_conflict_do_nothing(index_elements=["program_id", "plan_id"])
        .returning(CapacityParticipant.id)
    )
    if participant_id is None:
        raise conflict("this plan already takes part in the program", slug="already-participating")
    reports = await _open_obligations(session, program, participant_id)
    scheduled = await _schedule_reminders(session, program, reports, body.plan_id, now)
    await audit_event(
        session,
        caller,
        "capacity_participant.added",
        "capacity_participant",
        participant_id,
        {
            "program_id": str(program.id),
            "plan_id": str(body.plan_id),
            "reports": len(reports),
            "reminders": scheduled,
        },
    )
    participant = await session.get_one(CapacityParticipant, participant_id)
    return await participant_out(session, participant)


async def _require_plan_organization(session: AsyncSession, organization_id: uuid.UUID) -> None:
    kind = await session.scalar(select(Organization.kind).where(Organization.id == organization_id))
    if kind != "plan":
        raise unprocessable(
            "only a plan (LME/MCO) can take part",
            [{"path": "body.plan_id", "message": "not a plan organization"}],
        )


async def _open_obligations(
    session: AsyncSession, program: CapacityProgram, participant_id: uuid.UUID
) -> list[CapacityReport]:
    """Milestones 1-6 open, the distribution plan not submitted, every scheduled report due."""
    session.add_all(
        CapacityMilestone(participant_id=participant_id, number=m.number, text=m.text, status="open")
        for m in MILESTONES
    )
    session.add(
        CapacityDistributionPlan(participant_id=participant_id, status="not_submitted", latest_version=0)
    )
    reports = [
        CapacityReport(
            id=uuid.uuid4(),
            program_id=program.id,
            participant_id=participant_id,
            schedule_item_id=item.id,
            **schedule_fields(item),
            status="due",
            progress=[],
        )
        for item in await schedule_items(session, program.id)
    ]
    session.add_all(reports)
    await session.flush()
    return reports


async def _schedule_reminders(
    session: AsyncSession,
    program: CapacityProgram,
    reports: list[CapacityReport],
    plan_org_id: uuid.UUID,
    now: datetime,
) -> int:
    """The reminders of each report still ahead in the program's time zone; returns how many."""
    today = program_today(now, program)
    when = program_spec(program).reminders
    scheduled = 0
    for report in reports:
        scheduled += await reminders.schedule_report_reminders(session, report, plan_org_id, today, when)
    return scheduled


async def list_participants(
    session: AsyncSession, caller: Caller, program_id: uuid.UUID, page: PageParams
) -> tuple[list[ParticipantOut], str | None]:
    program = await load_program(session, caller, program_id)
    stmt = select(CapacityParticipant).where(CapacityParticipant.program_id == program.id)
    if program.organization_id != caller.organization_id:
        stmt = stmt.where(CapacityParticipant.plan_id == caller.organization_id)
    rows, cursor = await keyset_page(
        session, stmt, [CapacityParticipant.created_at, CapacityParticipant.id], page
    )
    return [await participant_out(session, p) for p in rows], cursor


async def get_participant(session: AsyncSession, caller: Caller, participant_id: uuid.UUID) -> ParticipantOut:
    participant, _ = await load_participant(session, caller, participant_id)
    return await participant_out(session, participant)
