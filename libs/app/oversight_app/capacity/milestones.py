"""A participant's milestones (seed 001 Table 1): their rows, each quarter's status against the approved
distribution plan's targets (``oversight_domain.capacity.milestone_status``), and achieving them."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.capacity.programs import domain_schedule
from oversight_app.capacity.schemas import DistributionPlanIn
from oversight_db.models.capacity import CapacityMilestone, CapacityProgram, CapacityReport
from oversight_domain.capacity import MilestoneStatus, MilestoneTarget, ProgressReport, milestone_status


async def milestones_of(session: AsyncSession, participant_id: uuid.UUID) -> Sequence[CapacityMilestone]:
    return (
        await session.scalars(
            select(CapacityMilestone)
            .where(CapacityMilestone.participant_id == participant_id)
            .order_by(CapacityMilestone.number)
        )
    ).all()


async def achieve(
    session: AsyncSession, participant_id: uuid.UUID, numbers: Iterable[int], today: date
) -> None:
    """Mark these milestones achieved today; one already achieved keeps its date."""
    for m in (
        await session.scalars(
            select(CapacityMilestone).where(
                CapacityMilestone.participant_id == participant_id,
                CapacityMilestone.number.in_(list(numbers)),
                CapacityMilestone.status == "open",
            )
        )
    ).all():
        m.status = "achieved"
        m.achieved_on = today


async def _accepted_quarter_progress(
    session: AsyncSession, participant_id: uuid.UUID
) -> list[ProgressReport]:
    rows = (
        await session.execute(
            select(CapacityReport.period_index, CapacityReport.progress).where(
                CapacityReport.participant_id == participant_id,
                CapacityReport.kind == "quarterly",
                CapacityReport.status == "accepted",
            )
        )
    ).all()
    return [
        ProgressReport(int(p["milestone"]), int(period_index), Decimal(str(p["quantity"])))
        for period_index, progress in rows
        for p in progress
    ]


async def quarter_statuses(
    session: AsyncSession,
    participant_id: uuid.UUID,
    program: CapacityProgram,
    content: DistributionPlanIn,
    today: date,
) -> list[MilestoneStatus]:
    """Each (milestone, quarter) target of the approved plan against the accepted quarterly reports."""
    return milestone_status(
        await domain_schedule(session, program),
        [MilestoneTarget(t.milestone, t.quarter, t.target) for t in content.targets],
        await _accepted_quarter_progress(session, participant_id),
        today,
    )


async def achieve_met_milestones(
    session: AsyncSession,
    participant_id: uuid.UUID,
    program: CapacityProgram,
    content: DistributionPlanIn,
    today: date,
) -> None:
    """A milestone with quarterly targets is achieved once every one of them is met."""
    by_milestone: dict[int, list[str]] = defaultdict(list)
    for st in await quarter_statuses(session, participant_id, program, content, today):
        by_milestone[st.milestone].append(st.status)
    done = [m for m, sts in by_milestone.items() if all(x == "met" for x in sts)]
    if done:
        await achieve(session, participant_id, done, today)
