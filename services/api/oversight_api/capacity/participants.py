"""Plans (LME/MCOs) taking part in a Capacity Building program: joining creates milestones 1-6 (seed 001
Table 1), the distribution plan's head, one report obligation per scheduled report and their reminders."""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.capacity import schemas as s
from oversight_api.capacity.access import load_participant, load_program, program_today
from oversight_api.capacity.milestones import milestones_of
from oversight_api.capacity.programs import program_spec, schedule_fields, schedule_items
from oversight_api.conventions.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.errors import conflict, unprocessable
from oversight_app.pagination import PageParams, keyset_page
from oversight_db import capacity as reminders
from oversight_db.models.capacity import (
    CapacityDistributionPlan,
    CapacityMilestone,
    CapacityParticipant,
    CapacityReport,
)
from oversight_db.models.organizations import Organization
from oversight_domain.capacity import MILESTONES


async def participant_out(session: AsyncSession, participant: CapacityParticipant) -> s.ParticipantOut:
    plan_status = await session.scalar(
        select(CapacityDistributionPlan.status).where(
            CapacityDistributionPlan.participant_id == participant.id
        )
    )
    return s.ParticipantOut(
        id=participant.id,
        program_id=participant.program_id,
        plan_id=participant.plan_id,
        created_at=participant.created_at,
        distribution_plan_status=plan_status or "not_submitted",
        milestones=[s.MilestoneOut.model_validate(m) for m in await milestones_of(session, participant.id)],
    )


async def add_participant(
    session: AsyncSession,
    request: Request,
    caller: Caller,
    program_id: uuid.UUID,
    body: s.ParticipantIn,
    now: datetime,
) -> s.ParticipantOut:
    program = await load_program(session, caller, program_id, admin=True)
    plan_kind = await session.scalar(select(Organization.kind).where(Organization.id == body.plan_id))
    if plan_kind != "plan":
        raise unprocessable(
            "only a plan (LME/MCO) can take part",
            [{"path": "body.plan_id", "message": "not a plan organization"}],
        )
    participant_id = await session.scalar(
        insert(CapacityParticipant)
        .values(id=uuid.uuid4(), program_id=program.id, plan_id=body.plan_id)
        .on_conflict_do_nothing(index_elements=["program_id", "plan_id"])
        .returning(CapacityParticipant.id)
    )
    if participant_id is None:
        raise conflict("this plan already takes part in the program", slug="already-participating")
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
    today = program_today(now, program)
    when = program_spec(program).reminders
    scheduled = 0
    for report in reports:
        scheduled += await reminders.schedule_report_reminders(session, report, body.plan_id, today, when)
    await audit_event(
        session,
        request,
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


async def list_participants(
    session: AsyncSession, caller: Caller, program_id: uuid.UUID, page: PageParams
) -> tuple[list[s.ParticipantOut], str | None]:
    program = await load_program(session, caller, program_id)
    stmt = select(CapacityParticipant).where(CapacityParticipant.program_id == program.id)
    if program.organization_id != caller.organization_id:
        stmt = stmt.where(CapacityParticipant.plan_id == caller.organization_id)
    rows, cursor = await keyset_page(
        session, stmt, [CapacityParticipant.created_at, CapacityParticipant.id], page
    )
    return [await participant_out(session, p) for p in rows], cursor


async def get_participant(
    session: AsyncSession, caller: Caller, participant_id: uuid.UUID
) -> s.ParticipantOut:
    participant, _ = await load_participant(session, caller, participant_id)
    return await participant_out(session, participant)
