"""The Capacity Building payments ledger (seed 001: "To qualify for capacity building payments, LME/MCOs must
develop and receive Departmental approval of a Distribution Plan").

A payment is earned only under an approved distribution plan: milestone 1 on approval, a quarter's target when
an accepted quarterly report reaches it. Reports are owed on the program's schedule whether or not the plan is
approved yet, so a quarterly report may be accepted first: its met targets are then paid when the plan is
approved (:func:`settle_accepted_quarters`), dated the approval day. Each payment is split over the providers in proportion to their
allocation of the milestone's budget (``oversight_domain.capacity_plans.split_payment``). A ledger line is
unique per (participant, milestone, quarter, recipient): recording the same payment again writes nothing.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.capacity.schemas import DistributionPlanIn
from oversight_db.models.capacity import CapacityParticipant, CapacityPayment, CapacityReport
from oversight_domain.capacity_plans import split_payment

ZERO = Decimal("0.00")


def budget_total(content: DistributionPlanIn | None) -> Decimal:
    return sum((b.amount for b in content.budgets), ZERO) if content else ZERO


def budget_of(content: DistributionPlanIn, milestone: int) -> Decimal:
    return next((b.amount for b in content.budgets if b.milestone == milestone), ZERO)


async def record_payment(
    session: AsyncSession,
    content: DistributionPlanIn,
    participant: CapacityParticipant,
    milestone: int,
    period_index: int,
    amount: Decimal,
    earned_on: date,
    source_type: str,
    source_id: uuid.UUID,
) -> int:
    """Ledger lines for one earned payment; returns how many were written (0 when already recorded)."""
    allocs = [(str(a.provider_id), a.amount) for a in content.allocations if a.milestone == milestone]
    written = 0
    for provider, line_amount in split_payment(amount, budget_of(content, milestone), allocs):
        inserted = await session.scalar(
            insert(CapacityPayment)
            .values(
                id=uuid.uuid4(),
                program_id=participant.program_id,
                participant_id=participant.id,
                milestone=milestone,
                period_index=period_index,
                provider_id=uuid.UUID(provider) if provider else None,
                amount=line_amount,
                earned_on=earned_on,
                source_type=source_type,
                source_id=source_id,
            )
            .on_conflict_do_nothing(constraint="uq_capacity_payment_line")
            .returning(CapacityPayment.id)
        )
        written += inserted is not None
    return written


async def pay_quarter(
    session: AsyncSession,
    participant: CapacityParticipant,
    report: CapacityReport,
    content: DistributionPlanIn,
    today: date,
) -> int:
    """Pay each of the quarter's targets an accepted quarterly report reaches; returns the lines written."""
    reported = {int(p["milestone"]): Decimal(str(p["quantity"])) for p in report.progress}
    lines = 0
    for t in content.targets:
        got = reported.get(t.milestone)
        if t.quarter == report.period_index and got is not None and got >= t.target:
            lines += await record_payment(
                session,
                content,
                participant,
                t.milestone,
                t.quarter,
                t.payment,
                today,
                "capacity_report",
                report.id,
            )
    return lines


async def settle_accepted_quarters(
    session: AsyncSession, participant: CapacityParticipant, content: DistributionPlanIn, today: date
) -> int:
    """On approval: pay what quarterly reports accepted before it met. Returns the lines written; a line
    already in the ledger is not written again."""
    reports = await session.scalars(
        select(CapacityReport)
        .where(
            CapacityReport.participant_id == participant.id,
            CapacityReport.kind == "quarterly",
            CapacityReport.status == "accepted",
        )
        .order_by(CapacityReport.period_index)
    )
    return sum([await pay_quarter(session, participant, r, content, today) for r in reports])
