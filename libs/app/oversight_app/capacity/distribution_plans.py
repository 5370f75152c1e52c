"""A participant's distribution plan (milestone 1, seed 001): budgets per milestone, quarterly targets with
their payments, and allocations to the AMH+ practices and CMAs it funds. Each submission is an immutable
version; the state approves one (achieving milestone 1 and earning its budget) or returns it with comments."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.capacity.access import load_participant, program_today
from oversight_app.capacity.checks import domain_problem, require_comments_to_return
from oversight_app.capacity.milestones import achieve, achieve_met_milestones
from oversight_app.capacity.obligations import mark_decided, mark_submitted
from oversight_app.capacity.payments import (
    ZERO,
    budget_of,
    budget_total,
    record_payment,
    settle_accepted_quarters,
)
from oversight_app.capacity.programs import schedule_items
from oversight_app.capacity.schemas import (
    DistributionPlanIn,
    DistributionPlanOut,
    PlanDecisionIn,
    PlanVersionOut,
    PlanVersionSummary,
)
from oversight_app.errors import ProblemError, conflict, not_found, unprocessable
from oversight_app.etags import check_if_match
from oversight_app.tenancy import in_network_clause
from oversight_db.models.capacity import (
    CapacityDistributionPlan,
    CapacityDistributionPlanVersion,
    CapacityParticipant,
    CapacityProgram,
    CapacityReport,
)
from oversight_db.models.organizations import Organization
from oversight_domain.calendars import is_late
from oversight_domain.capacity import CapacityError
from oversight_domain.capacity_plans import PLAN_MILESTONE, Allocation, Budget, QuarterTarget, validate_plan


async def distribution_plan_head(
    session: AsyncSession, participant_id: uuid.UUID, *, lock: bool = False
) -> CapacityDistributionPlan:
    """The plan's head row. Locking it serializes everything that decides what the plan pays."""
    stmt = select(CapacityDistributionPlan).where(CapacityDistributionPlan.participant_id == participant_id)
    head = await session.scalar(stmt.with_for_update() if lock else stmt)
    assert head is not None  # created with the participant
    return head


def _approved_contents() -> Select[Any]:
    return (
        select(CapacityDistributionPlanVersion.content)
        .join(
            CapacityDistributionPlan, CapacityDistributionPlan.id == CapacityDistributionPlanVersion.plan_id
        )
        .where(CapacityDistributionPlanVersion.number == CapacityDistributionPlan.approved_version)
    )


async def approved_content(session: AsyncSession, participant_id: uuid.UUID) -> DistributionPlanIn | None:
    content = await session.scalar(
        _approved_contents().where(CapacityDistributionPlan.participant_id == participant_id)
    )
    return None if content is None else DistributionPlanIn.model_validate(content)


async def _committed_elsewhere(
    session: AsyncSession, program_id: uuid.UUID, participant_id: uuid.UUID
) -> Decimal:
    """What the program's other approved plans budget."""
    others = await session.scalars(
        _approved_contents()
        .join(CapacityParticipant, CapacityParticipant.id == CapacityDistributionPlan.participant_id)
        .where(CapacityParticipant.program_id == program_id, CapacityParticipant.id != participant_id)
    )
    return sum((budget_total(DistributionPlanIn.model_validate(c)) for c in others), ZERO)


async def _distribution_plan_report(
    session: AsyncSession, participant_id: uuid.UUID
) -> CapacityReport | None:
    report: CapacityReport | None = await session.scalar(
        select(CapacityReport).where(
            CapacityReport.participant_id == participant_id, CapacityReport.kind == "distribution_plan"
        )
    )
    return report


async def plan_out(
    session: AsyncSession, participant: CapacityParticipant, program: CapacityProgram
) -> tuple[DistributionPlanOut, int]:
    head = await distribution_plan_head(session, participant.id)
    versions = (
        await session.scalars(
            select(CapacityDistributionPlanVersion)
            .where(CapacityDistributionPlanVersion.plan_id == head.id)
            .order_by(CapacityDistributionPlanVersion.number)
        )
    ).all()
    out = DistributionPlanOut(
        participant_id=participant.id,
        status=head.status,
        due_on=program.distribution_plan_due_on,
        latest_version=head.latest_version,
        approved_version=head.approved_version,
        versions=[PlanVersionSummary.model_validate(v) for v in versions],
    )
    return out, head.version


def _version_out(
    v: CapacityDistributionPlanVersion, participant_id: uuid.UUID, content: DistributionPlanIn
) -> PlanVersionOut:
    return PlanVersionOut(
        **PlanVersionSummary.model_validate(v).model_dump(), participant_id=participant_id, content=content
    )


async def get_plan(
    session: AsyncSession, caller: Caller, participant_id: uuid.UUID
) -> tuple[DistributionPlanOut, int]:
    participant, program = await load_participant(session, caller, participant_id)
    return await plan_out(session, participant, program)


async def get_plan_version(
    session: AsyncSession, caller: Caller, participant_id: uuid.UUID, number: int
) -> PlanVersionOut:
    participant, _ = await load_participant(session, caller, participant_id)
    head = await distribution_plan_head(session, participant.id)
    v = await session.scalar(
        select(CapacityDistributionPlanVersion).where(
            CapacityDistributionPlanVersion.plan_id == head.id,
            CapacityDistributionPlanVersion.number == number,
        )
    )
    if v is None:
        raise not_found("distribution plan version")
    return _version_out(v, participant.id, DistributionPlanIn.model_validate(v.content))


async def _validate(
    session: AsyncSession,
    program: CapacityProgram,
    plan_org_id: uuid.UUID,
    body: DistributionPlanIn,
    today: date,
) -> None:
    quarters = [i.period_index for i in await schedule_items(session, program.id) if i.kind == "quarterly"]
    try:
        validate_plan(
            [Budget(b.milestone, b.amount) for b in body.budgets],
            [QuarterTarget(t.milestone, t.quarter, t.target, t.payment) for t in body.targets],
            [Allocation(str(a.provider_id), a.milestone, a.amount) for a in body.allocations],
            [q for q in quarters if q is not None],
        )
    except CapacityError as exc:
        raise domain_problem("the distribution plan is invalid", exc) from None
    outside = await _outside_network(session, plan_org_id, body, today)
    if outside:
        raise unprocessable(*_outside_problem(outside))


async def _outside_network(
    session: AsyncSession, plan_org_id: uuid.UUID, content: DistributionPlanIn, today: date
) -> list[int]:
    """Indexes of allocation rows whose provider is not an AMH+ practice or CMA the plan contracts with for
    Tailored Care Management (seed 001 funds the certified AMH+s and CMAs the plan partners with): that is an
    active ``tcm`` network link. Whether the provider exists elsewhere is not told (another plan's network
    stays private)."""
    ids = {a.provider_id for a in content.allocations}
    if not ids:
        return []
    in_network = set(
        (
            await session.scalars(
                select(Organization.id).where(
                    Organization.id.in_(ids),
                    Organization.kind == "provider",
                    in_network_clause(plan_org_id, Organization.id, "tcm", active_on=today),
                )
            )
        ).all()
    )
    return [i for i, a in enumerate(content.allocations) if a.provider_id not in in_network]


def _outside_problem(rows: list[int]) -> tuple[str, list[dict[str, str]]]:
    detail = f"allocations {', '.join(map(str, rows))} go to providers outside the plan's TCM network"
    errors = [
        {
            "path": f"body.allocations[{i}].provider_id",
            "message": "not an AMH+ practice or CMA with an active TCM contract in the plan's network",
        }
        for i in rows
    ]
    return detail, errors


async def submit_plan_version(
    session: AsyncSession,
    caller: Caller,
    participant_id: uuid.UUID,
    body: DistributionPlanIn,
    now: datetime,
) -> tuple[PlanVersionOut, int]:
    participant, program = await load_participant(session, caller, participant_id, as_="plan")
    head = await distribution_plan_head(session, participant.id, lock=True)
    if head.status in ("submitted", "approved"):
        raise conflict(
            f"the distribution plan is {head.status}; a new version can follow only a return",
            slug="plan-not-editable",
        )
    today = program_today(now, program)
    await _validate(session, program, participant.plan_id, body, today)
    late = program.distribution_plan_due_on is not None and is_late(program.distribution_plan_due_on, today)
    number = head.latest_version + 1
    version = CapacityDistributionPlanVersion(
        plan_id=head.id,
        number=number,
        content=body.model_dump(mode="json"),
        submitted_at=now,
        submitted_by=caller.actor,
        late=late,
    )
    session.add(version)
    head.latest_version = number
    head.status = "submitted"
    report = await _distribution_plan_report(session, participant.id)
    if report is not None:
        await mark_submitted(session, report, now, late)
    await session.flush()
    await audit_event(
        session,
        caller,
        "capacity_plan.submitted",
        "capacity_participant",
        participant.id,
        {"version": number, "late": late},
    )
    return _version_out(version, participant.id, body), head.version


async def _approve(
    session: AsyncSession,
    participant: CapacityParticipant,
    program: CapacityProgram,
    version: CapacityDistributionPlanVersion,
    content: DistributionPlanIn,
    today: date,
) -> dict[str, Any]:
    # Lock the program so two approvals cannot both fit under the funding total.
    await session.execute(
        select(CapacityProgram.id).where(CapacityProgram.id == program.id).with_for_update()
    )
    committed = await _committed_elsewhere(session, program.id, participant.id) + budget_total(content)
    if committed > program.funding_total:
        raise conflict(
            f"approving this plan would commit {committed} of the program's {program.funding_total}",
            slug="over-funding",
        )
    outside = await _outside_network(session, participant.plan_id, content, today)
    if outside:
        # A contract suspended or ended since submission: return the plan so it can be reallocated.
        detail, errors = _outside_problem(outside)
        raise ProblemError(409, detail, slug="allocation-outside-network", errors=errors)
    await achieve(session, participant.id, [PLAN_MILESTONE], today)
    lines = await record_payment(
        session,
        content,
        participant,
        PLAN_MILESTONE,
        0,
        budget_of(content, PLAN_MILESTONE),
        today,
        "distribution_plan",
        version.id,
    )
    settled = await settle_accepted_quarters(session, participant, content, today)
    await achieve_met_milestones(session, participant.id, program, content, today)
    return {"payment_lines": lines, "settled_lines": settled}


async def decide_plan(
    session: AsyncSession,
    caller: Caller,
    participant_id: uuid.UUID,
    body: PlanDecisionIn,
    if_match: str | None,
    now: datetime,
) -> tuple[DistributionPlanOut, int]:
    """The state approves the latest version (achieving milestone 1 and paying its budget) or returns it."""
    participant, program = await load_participant(session, caller, participant_id, as_="state")
    head = await distribution_plan_head(session, participant.id, lock=True)
    check_if_match(if_match, head.version)
    if head.status != "submitted":
        raise conflict(
            f"the distribution plan is {head.status}, not awaiting a decision", slug="plan-not-submitted"
        )
    require_comments_to_return(body.decision, body.comments, "plan")
    version = await _latest_version(session, head)
    today = program_today(now, program)
    approve = body.decision == "approve"
    facts: dict[str, Any] = {"version": version.number, "decision": body.decision}
    if approve:
        content = DistributionPlanIn.model_validate(version.content)
        facts |= await _approve(session, participant, program, version, content, today)
        head.approved_version = version.number
    _record_decision(head, version, "approved" if approve else "returned", body.comments, caller, now)
    report = await _distribution_plan_report(session, participant.id)
    if report is not None:
        await mark_decided(session, report, approve, body.comments, now, today)
    await session.flush()
    await audit_event(
        session,
        caller,
        f"capacity_plan.{version.decision}",
        "capacity_participant",
        participant.id,
        facts,
    )
    return await plan_out(session, participant, program)


async def _latest_version(
    session: AsyncSession, head: CapacityDistributionPlan
) -> CapacityDistributionPlanVersion:
    version = await session.scalar(
        select(CapacityDistributionPlanVersion).where(
            CapacityDistributionPlanVersion.plan_id == head.id,
            CapacityDistributionPlanVersion.number == head.latest_version,
        )
    )
    assert version is not None  # a submitted plan has at least its latest version
    return version


def _record_decision(
    head: CapacityDistributionPlan,
    version: CapacityDistributionPlanVersion,
    decision: str,
    comments: str | None,
    caller: Caller,
    now: datetime,
) -> None:
    version.decision = head.status = decision
    version.decision_comments = comments
    version.decided_at = now
    version.decided_by = caller.actor
    head.updated_at = now
