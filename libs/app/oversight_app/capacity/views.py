"""Read-only Capacity Building views: a participant's milestone summary, its payments ledger, and a program's
totals earned vs budgeted."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.caller import Caller
from oversight_app.capacity.access import load_participant, load_program, program_today
from oversight_app.capacity.distribution_plans import approved_content
from oversight_app.capacity.milestones import milestones_of, quarter_statuses
from oversight_app.capacity.payments import ZERO, budget_total
from oversight_app.capacity.schemas import (
    DistributionPlanIn,
    MilestoneSummaryListOut,
    MilestoneSummaryOut,
    ParticipantTotalsOut,
    PaymentOut,
    PaymentsOut,
    QuarterStatusOut,
    TotalsOut,
)
from oversight_db.models.capacity import CapacityParticipant, CapacityPayment, CapacityProgram


async def milestone_summary(
    session: AsyncSession, caller: Caller, participant_id: uuid.UUID, now: datetime
) -> MilestoneSummaryListOut:
    """Each milestone's status, budget and earnings, with its quarterly targets as of today where the
    program runs; a participant without an approved plan has no budgets and no targets yet."""
    participant, program = await load_participant(session, caller, participant_id)
    today = program_today(now, program)
    content = await approved_content(session, participant.id)
    earned = await _earned_by_quarter(session, participant.id)
    quarters: dict[int, list[QuarterStatusOut]] = defaultdict(list)
    budgets: dict[int, Decimal] = {}
    if content is not None:
        budgets = {b.milestone: b.amount for b in content.budgets}
        for milestone, row in await _quarter_rows(session, participant.id, program, content, today, earned):
            quarters[milestone].append(row)
    return MilestoneSummaryListOut(
        participant_id=participant.id,
        as_of=today,
        milestones=[
            MilestoneSummaryOut(
                number=m.number,
                text=m.text,
                status=m.status,
                achieved_on=m.achieved_on,
                budgeted=budgets.get(m.number, ZERO),
                earned=sum((a for (mm, _), a in earned.items() if mm == m.number), ZERO),
                quarters=quarters.get(m.number, []),
            )
            for m in await milestones_of(session, participant.id)
        ],
    )


async def _earned_by_quarter(
    session: AsyncSession, participant_id: uuid.UUID
) -> dict[tuple[int, int], Decimal]:
    """What the ledger holds per (milestone, quarter); quarter 0 is milestone 1's approval payment."""
    rows = (
        await session.execute(
            select(CapacityPayment.milestone, CapacityPayment.period_index, func.sum(CapacityPayment.amount))
            .where(CapacityPayment.participant_id == participant_id)
            .group_by(CapacityPayment.milestone, CapacityPayment.period_index)
        )
    ).all()
    return {(m, q): Decimal(a) for m, q, a in rows}


async def _quarter_rows(
    session: AsyncSession,
    participant_id: uuid.UUID,
    program: CapacityProgram,
    content: DistributionPlanIn,
    today: date,
    earned: dict[tuple[int, int], Decimal],
) -> list[tuple[int, QuarterStatusOut]]:
    """Each target of the approved plan with its status and earnings, keyed by its milestone."""
    target_of = {(t.milestone, t.quarter): t for t in content.targets}
    rows = []
    for st in await quarter_statuses(session, participant_id, program, content, today):
        t = target_of[(st.milestone, st.period_index)]
        out = QuarterStatusOut(
            period_index=st.period_index,
            label=st.label,
            due_on=st.due_on,
            measure=t.measure,
            target=t.target,
            reported=None if st.reported is None else Decimal(st.reported),
            status=st.status,
            payment=t.payment,
            earned=earned.get((st.milestone, st.period_index), ZERO),
        )
        rows.append((st.milestone, out))
    return rows


async def payments(session: AsyncSession, caller: Caller, participant_id: uuid.UUID) -> PaymentsOut:
    participant, _ = await load_participant(session, caller, participant_id)
    rows = (
        await session.scalars(
            select(CapacityPayment)
            .where(CapacityPayment.participant_id == participant.id)
            .order_by(
                CapacityPayment.milestone,
                CapacityPayment.period_index,
                CapacityPayment.provider_id.nulls_last(),
            )
        )
    ).all()
    return PaymentsOut(
        participant_id=participant.id,
        total=sum((r.amount for r in rows), ZERO),
        items=[PaymentOut.model_validate(r) for r in rows],
    )


async def totals(session: AsyncSession, caller: Caller, program_id: uuid.UUID) -> TotalsOut:
    program = await load_program(session, caller, program_id)
    stmt = select(CapacityParticipant).where(CapacityParticipant.program_id == program.id)
    is_state = program.organization_id == caller.organization_id
    if not is_state:
        stmt = stmt.where(CapacityParticipant.plan_id == caller.organization_id)
    participants = (
        await session.scalars(stmt.order_by(CapacityParticipant.created_at, CapacityParticipant.id))
    ).all()
    earned_by = dict(
        (
            await session.execute(
                select(CapacityPayment.participant_id, func.sum(CapacityPayment.amount))
                .where(CapacityPayment.participant_id.in_([p.id for p in participants]))
                .group_by(CapacityPayment.participant_id)
            )
        )
        .tuples()
        .all()
    )
    rows = [
        ParticipantTotalsOut(
            participant_id=p.id,
            plan_id=p.plan_id,
            budgeted=budget_total(await approved_content(session, p.id)),
            earned=Decimal(earned_by.get(p.id, ZERO)),
        )
        for p in participants
    ]
    return TotalsOut(
        program_id=program.id,
        funding_total=program.funding_total if is_state else None,
        budgeted=sum((r.budgeted for r in rows), ZERO),
        earned=sum((r.earned for r in rows), ZERO),
        participants=rows,
    )
