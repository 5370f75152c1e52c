"""Capacity Building (seed 001): the work behind the routes. Rules come from ``oversight_domain.capacity``
(schedule, milestone status) and ``oversight_domain.capacity_plans`` (plan validation, payment split).

Tenancy: a program belongs to the state organization that created it. Its state sees every participant; a
plan sees the programs it takes part in and only its own participant, plan, reports and payments. Anything
else is a 404.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from fastapi import Request
from sqlalchemy import ColumnElement, Select, exists, func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.auth.caller import Caller
from oversight_api.capacity import schemas as s
from oversight_api.conventions.audit import audit_event
from oversight_api.conventions.etags import check_if_match
from oversight_api.conventions.pagination import PageParams, keyset_page
from oversight_api.problems import ProblemError, conflict, not_found, unprocessable
from oversight_db import capacity as reminders
from oversight_db.models.capacity import (
    CapacityDistributionPlan,
    CapacityDistributionPlanVersion,
    CapacityMilestone,
    CapacityParticipant,
    CapacityPayment,
    CapacityProgram,
    CapacityReport,
    CapacityScheduleItem,
)
from oversight_db.models.organizations import Organization
from oversight_domain.calendars import is_late
from oversight_domain.capacity import (
    MILESTONES,
    CapacityError,
    MilestoneTarget,
    ProgressReport,
    ReportKind,
    Schedule,
    ScheduledReport,
    generate_schedule,
    milestone_status,
    parse_program,
)
from oversight_domain.capacity_plans import (
    PLAN_MILESTONE,
    Allocation,
    Budget,
    Progress,
    QuarterTarget,
    local_date,
    split_payment,
    validate_plan,
    validate_progress,
)

ZERO = Decimal("0.00")
_OUTSTANDING = ("due", "returned")


# --------------------------------------------------------------------------- helpers


def _domain_errors(
    exc: CapacityError, prefix: str, renames: dict[str, str] | None = None
) -> list[dict[str, str]]:
    out = []
    for err in exc.errors:
        path = err["path"]
        for old, new in (renames or {}).items():
            if path == old or path.startswith(old + ".") or path.startswith(old + "["):
                path = new + path[len(old) :]
        out.append({"path": f"{prefix}.{path}" if path else prefix, "message": err["message"]})
    return out


def _require_state(caller: Caller) -> None:
    if caller.organization_kind != "state":
        raise ProblemError(403, "only a state organization administers Capacity Building", slug="forbidden")


def _visible_to(caller: Caller) -> ColumnElement[bool]:
    """Rows joined to program and participant that the caller's organization may see."""
    return or_(
        CapacityProgram.organization_id == caller.organization_id,
        CapacityParticipant.plan_id == caller.organization_id,
    )


async def _program(
    session: AsyncSession, caller: Caller, program_id: uuid.UUID, *, admin: bool = False
) -> CapacityProgram:
    stmt = select(CapacityProgram).where(CapacityProgram.id == program_id)
    if admin:
        stmt = stmt.where(CapacityProgram.organization_id == caller.organization_id)
    else:
        stmt = stmt.where(
            or_(
                CapacityProgram.organization_id == caller.organization_id,
                exists().where(
                    CapacityParticipant.program_id == CapacityProgram.id,
                    CapacityParticipant.plan_id == caller.organization_id,
                ),
            )
        )
    program = await session.scalar(stmt)
    if program is None:
        raise not_found("program")
    return program


async def _participant(
    session: AsyncSession,
    caller: Caller,
    participant_id: uuid.UUID,
    *,
    as_state: bool = False,
    as_plan: bool = False,
) -> tuple[CapacityParticipant, CapacityProgram]:
    stmt = (
        select(CapacityParticipant, CapacityProgram)
        .join(CapacityProgram, CapacityProgram.id == CapacityParticipant.program_id)
        .where(CapacityParticipant.id == participant_id)
    )
    if as_state:
        stmt = stmt.where(CapacityProgram.organization_id == caller.organization_id)
    elif as_plan:
        stmt = stmt.where(CapacityParticipant.plan_id == caller.organization_id)
    else:
        stmt = stmt.where(_visible_to(caller))
    row = (await session.execute(stmt)).one_or_none()
    if row is None:
        raise not_found("participant")
    return row[0], row[1]


async def _report(
    session: AsyncSession,
    caller: Caller,
    report_id: uuid.UUID,
    *,
    as_state: bool = False,
    as_plan: bool = False,
) -> tuple[CapacityReport, CapacityParticipant, CapacityProgram]:
    stmt = (
        select(CapacityReport, CapacityParticipant, CapacityProgram)
        .join(CapacityParticipant, CapacityParticipant.id == CapacityReport.participant_id)
        .join(CapacityProgram, CapacityProgram.id == CapacityReport.program_id)
        .where(CapacityReport.id == report_id)
    )
    if as_state:
        stmt = stmt.where(CapacityProgram.organization_id == caller.organization_id)
    elif as_plan:
        stmt = stmt.where(CapacityParticipant.plan_id == caller.organization_id)
    else:
        stmt = stmt.where(_visible_to(caller))
    row = (
        await session.execute(stmt.with_for_update(of=CapacityReport) if as_state or as_plan else stmt)
    ).one_or_none()
    if row is None:
        raise not_found("report")
    return row[0], row[1], row[2]


def _today(now: datetime, program: CapacityProgram) -> date:
    return local_date(now, program.jurisdiction)


async def _schedule(session: AsyncSession, program_id: uuid.UUID) -> list[CapacityScheduleItem]:
    return list(
        (
            await session.scalars(
                select(CapacityScheduleItem)
                .where(CapacityScheduleItem.program_id == program_id)
                .order_by(CapacityScheduleItem.seq)
            )
        ).all()
    )


def _domain_schedule(program: CapacityProgram, items: list[CapacityScheduleItem]) -> Schedule:
    return Schedule(
        str(program.spec.get("key", program.id)),
        tuple(
            ScheduledReport(
                cast(ReportKind, i.kind),
                i.label,
                i.due_on,
                i.period_start,
                i.period_end,
                i.period_index,
            )
            for i in items
        ),
    )


# --------------------------------------------------------------------------- programs


def program_out(program: CapacityProgram) -> s.ProgramOut:
    return s.ProgramOut(
        id=program.id,
        organization_id=program.organization_id,
        name=program.name,
        funding_total=program.funding_total,
        jurisdiction=program.jurisdiction,
        distribution_plan_due_on=program.distribution_plan_due_on,
        spec=program.spec,
        created_at=program.created_at,
    )


async def create_program(
    session: AsyncSession, request: Request, caller: Caller, body: s.ProgramIn
) -> s.ProgramOut:
    _require_state(caller)
    program_id = uuid.uuid4()
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
    renames = {"quarterly": "quarterly_periods", "monthly": "monthly_reports"}
    try:
        spec = parse_program(data)
        schedule = generate_schedule(spec)
    except CapacityError as exc:
        raise unprocessable(
            "the program's periods or due rules are invalid", _domain_errors(exc, "body", renames)
        ) from None
    except ValueError:
        raise unprocessable(
            "unknown jurisdiction", [{"path": "body.jurisdiction", "message": "no holiday calendar for it"}]
        ) from None
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
    for seq, r in enumerate(schedule.reports):
        session.add(
            CapacityScheduleItem(
                program_id=program.id,
                seq=seq,
                kind=r.kind,
                label=r.label,
                period_index=r.period_index,
                period_start=r.period_start,
                period_end=r.period_end,
                due_on=r.due_on,
            )
        )
    await session.flush()
    await audit_event(
        session,
        request,
        caller,
        "capacity_program.created",
        "capacity_program",
        program.id,
        {"reports": len(schedule.reports), "funding_total": str(body.funding_total)},
    )
    await session.refresh(program)
    return program_out(program)


async def list_programs(
    session: AsyncSession, caller: Caller, page: PageParams
) -> tuple[list[s.ProgramOut], str | None]:
    stmt = select(CapacityProgram).where(
        or_(
            CapacityProgram.organization_id == caller.organization_id,
            exists().where(
                CapacityParticipant.program_id == CapacityProgram.id,
                CapacityParticipant.plan_id == caller.organization_id,
            ),
        )
    )
    rows, cursor = await keyset_page(session, stmt, [CapacityProgram.created_at, CapacityProgram.id], page)
    return [program_out(p) for p in rows], cursor


async def get_program(session: AsyncSession, caller: Caller, program_id: uuid.UUID) -> s.ProgramOut:
    return program_out(await _program(session, caller, program_id))


async def get_schedule(session: AsyncSession, caller: Caller, program_id: uuid.UUID) -> s.ScheduleOut:
    program = await _program(session, caller, program_id)
    items = await _schedule(session, program.id)
    return s.ScheduleOut(
        program_id=program.id,
        items=[
            s.ScheduleItemOut(
                kind=i.kind,
                label=i.label,
                period_index=i.period_index,
                period_start=i.period_start,
                period_end=i.period_end,
                due_on=i.due_on,
            )
            for i in items
        ],
    )


# --------------------------------------------------------------------------- participants


async def participant_out(session: AsyncSession, participant: CapacityParticipant) -> s.ParticipantOut:
    milestones = (
        await session.scalars(
            select(CapacityMilestone)
            .where(CapacityMilestone.participant_id == participant.id)
            .order_by(CapacityMilestone.number)
        )
    ).all()
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
        milestones=[
            s.MilestoneOut(number=m.number, text=m.text, status=m.status, achieved_on=m.achieved_on)
            for m in milestones
        ],
    )


async def add_participant(
    session: AsyncSession,
    request: Request,
    caller: Caller,
    program_id: uuid.UUID,
    body: s.ParticipantIn,
    now: datetime,
) -> s.ParticipantOut:
    program = await _program(session, caller, program_id, admin=True)
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
    for m in MILESTONES:
        session.add(
            CapacityMilestone(participant_id=participant_id, number=m.number, text=m.text, status="open")
        )
    session.add(
        CapacityDistributionPlan(participant_id=participant_id, status="not_submitted", latest_version=0)
    )
    today = _today(now, program)
    reports = [
        CapacityReport(
            id=uuid.uuid4(),
            program_id=program.id,
            participant_id=participant_id,
            schedule_item_id=item.id,
            kind=item.kind,
            label=item.label,
            period_index=item.period_index,
            period_start=item.period_start,
            period_end=item.period_end,
            due_on=item.due_on,
            status="due",
            progress=[],
        )
        for item in await _schedule(session, program.id)
    ]
    session.add_all(reports)
    await session.flush()
    scheduled = 0
    for report in reports:
        scheduled += await reminders.schedule_report_reminders(session, report, body.plan_id, today)
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
    program = await _program(session, caller, program_id)
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
    participant, _ = await _participant(session, caller, participant_id)
    return await participant_out(session, participant)


# --------------------------------------------------------------------------- distribution plans


async def _plan_head(
    session: AsyncSession, participant_id: uuid.UUID, *, lock: bool = False
) -> CapacityDistributionPlan:
    stmt = select(CapacityDistributionPlan).where(CapacityDistributionPlan.participant_id == participant_id)
    head = await session.scalar(stmt.with_for_update() if lock else stmt)
    assert head is not None  # created with the participant
    return head


async def _plan_report(session: AsyncSession, participant_id: uuid.UUID) -> CapacityReport | None:
    report: CapacityReport | None = await session.scalar(
        select(CapacityReport).where(
            CapacityReport.participant_id == participant_id, CapacityReport.kind == "distribution_plan"
        )
    )
    return report


async def plan_out(
    session: AsyncSession, participant: CapacityParticipant, program: CapacityProgram
) -> tuple[s.DistributionPlanOut, int]:
    head = await _plan_head(session, participant.id)
    versions = (
        await session.scalars(
            select(CapacityDistributionPlanVersion)
            .where(CapacityDistributionPlanVersion.plan_id == head.id)
            .order_by(CapacityDistributionPlanVersion.number)
        )
    ).all()
    out = s.DistributionPlanOut(
        participant_id=participant.id,
        status=head.status,
        due_on=program.distribution_plan_due_on,
        latest_version=head.latest_version,
        approved_version=head.approved_version,
        versions=[_version_summary(v) for v in versions],
    )
    return out, head.version


def _version_summary(v: CapacityDistributionPlanVersion) -> s.PlanVersionSummary:
    return s.PlanVersionSummary(
        number=v.number,
        submitted_at=v.submitted_at,
        submitted_by=v.submitted_by,
        late=v.late,
        decision=v.decision,
        decision_comments=v.decision_comments,
        decided_at=v.decided_at,
    )


async def get_plan(
    session: AsyncSession, caller: Caller, participant_id: uuid.UUID
) -> tuple[s.DistributionPlanOut, int]:
    participant, program = await _participant(session, caller, participant_id)
    return await plan_out(session, participant, program)


async def get_plan_version(
    session: AsyncSession, caller: Caller, participant_id: uuid.UUID, number: int
) -> s.PlanVersionOut:
    participant, _ = await _participant(session, caller, participant_id)
    head = await _plan_head(session, participant.id)
    v = await session.scalar(
        select(CapacityDistributionPlanVersion).where(
            CapacityDistributionPlanVersion.plan_id == head.id,
            CapacityDistributionPlanVersion.number == number,
        )
    )
    if v is None:
        raise not_found("distribution plan version")
    return s.PlanVersionOut(
        **_version_summary(v).model_dump(),
        participant_id=participant.id,
        content=s.DistributionPlanIn.model_validate(v.content),
    )


def _plan_parts(content: s.DistributionPlanIn) -> tuple[list[Budget], list[QuarterTarget], list[Allocation]]:
    return (
        [Budget(b.milestone, b.amount) for b in content.budgets],
        [QuarterTarget(t.milestone, t.quarter, t.target, t.payment) for t in content.targets],
        [Allocation(str(a.provider_id), a.milestone, a.amount) for a in content.allocations],
    )


async def submit_plan_version(
    session: AsyncSession,
    request: Request,
    caller: Caller,
    participant_id: uuid.UUID,
    body: s.DistributionPlanIn,
    now: datetime,
) -> tuple[s.PlanVersionOut, int]:
    participant, program = await _participant(session, caller, participant_id, as_plan=True)
    head = await _plan_head(session, participant.id, lock=True)
    if head.status in ("submitted", "approved"):
        raise conflict(
            f"the distribution plan is {head.status}; a new version can follow only a return",
            slug="plan-not-editable",
        )
    quarters = [i.period_index for i in await _schedule(session, program.id) if i.kind == "quarterly"]
    budgets, targets, allocations = _plan_parts(body)
    try:
        validate_plan(budgets, targets, allocations, [q for q in quarters if q is not None])
    except CapacityError as exc:
        raise unprocessable("the distribution plan is invalid", _domain_errors(exc, "body")) from None
    provider_ids = {a.provider_id for a in body.allocations}
    if provider_ids:
        found = set(
            (
                await session.scalars(
                    select(Organization.id).where(
                        Organization.id.in_(provider_ids), Organization.kind == "provider"
                    )
                )
            ).all()
        )
        missing = [
            {"path": f"body.allocations[{i}].provider_id", "message": "not a provider organization"}
            for i, a in enumerate(body.allocations)
            if a.provider_id not in found
        ]
        if missing:
            raise unprocessable("the distribution plan allocates to unknown providers", missing)
    today = _today(now, program)
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
    report = await _plan_report(session, participant.id)
    if report is not None:
        report.status = "submitted"
        report.submissions += 1
        report.first_submitted_at = report.first_submitted_at or now
        report.submitted_at = now
        if report.late is None:
            report.late = late
        await reminders.cancel_report_reminders(session, report.id)
    await session.flush()
    await audit_event(
        session,
        request,
        caller,
        "capacity_plan.submitted",
        "capacity_participant",
        participant.id,
        {"version": number, "late": late},
    )
    return (
        s.PlanVersionOut(
            **_version_summary(version).model_dump(), participant_id=participant.id, content=body
        ),
        head.version,
    )


async def _approved_content(session: AsyncSession, participant_id: uuid.UUID) -> s.DistributionPlanIn | None:
    content = await session.scalar(
        select(CapacityDistributionPlanVersion.content)
        .join(
            CapacityDistributionPlan, CapacityDistributionPlan.id == CapacityDistributionPlanVersion.plan_id
        )
        .where(
            CapacityDistributionPlan.participant_id == participant_id,
            CapacityDistributionPlanVersion.number == CapacityDistributionPlan.approved_version,
        )
    )
    return None if content is None else s.DistributionPlanIn.model_validate(content)


def _budget_total(content: s.DistributionPlanIn | None) -> Decimal:
    return sum((b.amount for b in content.budgets), ZERO) if content else ZERO


async def _record_payment(
    session: AsyncSession,
    content: s.DistributionPlanIn,
    participant: CapacityParticipant,
    milestone: int,
    period_index: int,
    amount: Decimal,
    earned_on: date,
    source_type: str,
    source_id: uuid.UUID,
) -> int:
    """Ledger lines for one earned payment; the unique line key makes a retry record nothing."""
    budget = next((b.amount for b in content.budgets if b.milestone == milestone), ZERO)
    allocs = [(str(a.provider_id), a.amount) for a in content.allocations if a.milestone == milestone]
    written = 0
    for provider, line_amount in split_payment(amount, budget, allocs):
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


async def decide_plan(
    session: AsyncSession,
    request: Request,
    caller: Caller,
    participant_id: uuid.UUID,
    body: s.PlanDecisionIn,
    now: datetime,
) -> tuple[s.DistributionPlanOut, int]:
    participant, program = await _participant(session, caller, participant_id, as_state=True)
    head = await _plan_head(session, participant.id, lock=True)
    check_if_match(request, head.version)
    if head.status != "submitted":
        raise conflict(
            f"the distribution plan is {head.status}, not awaiting a decision", slug="plan-not-submitted"
        )
    if body.decision == "return" and not (body.comments or "").strip():
        raise unprocessable(
            "returning a plan needs comments", [{"path": "body.comments", "message": "required to return"}]
        )
    version = await session.scalar(
        select(CapacityDistributionPlanVersion).where(
            CapacityDistributionPlanVersion.plan_id == head.id,
            CapacityDistributionPlanVersion.number == head.latest_version,
        )
    )
    assert version is not None
    content = s.DistributionPlanIn.model_validate(version.content)
    today = _today(now, program)
    report = await _plan_report(session, participant.id)
    facts: dict[str, Any] = {"version": version.number, "decision": body.decision}
    if body.decision == "approve":
        # Lock the program so two approvals cannot both fit under the funding total.
        await session.execute(
            select(CapacityProgram.id).where(CapacityProgram.id == program.id).with_for_update()
        )
        others = (
            await session.scalars(
                select(CapacityDistributionPlanVersion.content)
                .join(
                    CapacityDistributionPlan,
                    CapacityDistributionPlan.id == CapacityDistributionPlanVersion.plan_id,
                )
                .join(CapacityParticipant, CapacityParticipant.id == CapacityDistributionPlan.participant_id)
                .where(
                    CapacityParticipant.program_id == program.id,
                    CapacityParticipant.id != participant.id,
                    CapacityDistributionPlanVersion.number == CapacityDistributionPlan.approved_version,
                )
            )
        ).all()
        committed = sum((_budget_total(s.DistributionPlanIn.model_validate(c)) for c in others), ZERO)
        total = _budget_total(content)
        if committed + total > program.funding_total:
            raise conflict(
                f"approving this plan would commit {committed + total} of the program's {program.funding_total}",
                slug="over-funding",
            )
        version.decision = "approved"
        head.status = "approved"
        head.approved_version = version.number
        milestone_one = await session.scalar(
            select(CapacityMilestone).where(
                CapacityMilestone.participant_id == participant.id, CapacityMilestone.number == PLAN_MILESTONE
            )
        )
        assert milestone_one is not None
        if milestone_one.status != "achieved":
            milestone_one.status = "achieved"
            milestone_one.achieved_on = today
        budget_one = next((b.amount for b in content.budgets if b.milestone == PLAN_MILESTONE), ZERO)
        facts["payment_lines"] = await _record_payment(
            session,
            content,
            participant,
            PLAN_MILESTONE,
            0,
            budget_one,
            today,
            "distribution_plan",
            version.id,
        )
        if report is not None:
            report.status = "accepted"
            report.decided_at = now
            report.decision_comments = body.comments
    else:
        version.decision = "returned"
        head.status = "returned"
        if report is not None:
            report.status = "returned"
            report.decided_at = now
            report.decision_comments = body.comments
            await reminders.rearm_report_reminders(session, report.id, today)
    version.decision_comments = body.comments
    version.decided_at = now
    version.decided_by = caller.actor
    head.updated_at = now
    await session.flush()
    await audit_event(
        session,
        request,
        caller,
        f"capacity_plan.{version.decision}",
        "capacity_participant",
        participant.id,
        facts,
    )
    return await plan_out(session, participant, program)


# --------------------------------------------------------------------------- reports


def report_out(report: CapacityReport, today: date) -> s.ReportOut:
    return s.ReportOut(
        id=report.id,
        program_id=report.program_id,
        participant_id=report.participant_id,
        kind=report.kind,
        label=report.label,
        period_index=report.period_index,
        period_start=report.period_start,
        period_end=report.period_end,
        due_on=report.due_on,
        status=report.status,
        overdue=report.status in _OUTSTANDING and today > report.due_on,
        late=report.late,
        submissions=report.submissions,
        first_submitted_at=report.first_submitted_at,
        submitted_at=report.submitted_at,
        decided_at=report.decided_at,
        decision_comments=report.decision_comments,
        progress=[s.ProgressOut.model_validate(p) for p in report.progress],
        narrative=report.narrative,
    )


async def list_reports(
    session: AsyncSession,
    caller: Caller,
    program_id: uuid.UUID,
    page: PageParams,
    now: datetime,
    participant_id: uuid.UUID | None,
    status: str | None,
    kind: str | None,
) -> tuple[list[s.ReportOut], str | None]:
    program = await _program(session, caller, program_id)
    today = _today(now, program)
    stmt: Select[Any] = (
        select(CapacityReport)
        .join(CapacityParticipant, CapacityParticipant.id == CapacityReport.participant_id)
        .join(CapacityProgram, CapacityProgram.id == CapacityReport.program_id)
        .where(CapacityReport.program_id == program.id, _visible_to(caller))
    )
    if participant_id is not None:
        await _participant(session, caller, participant_id)  # 404 for someone else's participant
        stmt = stmt.where(CapacityReport.participant_id == participant_id)
    if status == "due":
        stmt = stmt.where(CapacityReport.status.in_(_OUTSTANDING), CapacityReport.due_on >= today)
    elif status == "overdue":
        stmt = stmt.where(CapacityReport.status.in_(_OUTSTANDING), CapacityReport.due_on < today)
    elif status is not None:
        stmt = stmt.where(CapacityReport.status == status)
    if kind is not None:
        stmt = stmt.where(CapacityReport.kind == kind)
    rows, cursor = await keyset_page(session, stmt, [CapacityReport.due_on, CapacityReport.id], page)
    return [report_out(r, today) for r in rows], cursor


async def get_report(
    session: AsyncSession, caller: Caller, report_id: uuid.UUID, now: datetime
) -> tuple[s.ReportOut, int]:
    report, _, program = await _report(session, caller, report_id)
    return report_out(report, _today(now, program)), report.version


async def submit_report(
    session: AsyncSession,
    request: Request,
    caller: Caller,
    report_id: uuid.UUID,
    body: s.ReportSubmissionIn,
    now: datetime,
) -> tuple[s.ReportOut, int]:
    report, _, program = await _report(session, caller, report_id, as_plan=True)
    check_if_match(request, report.version)
    if report.kind == "distribution_plan":
        raise conflict("submit the distribution plan as a plan version", slug="use-distribution-plan")
    if report.status not in _OUTSTANDING:
        raise conflict(
            f"the report is {report.status}; it cannot be submitted again", slug="report-not-editable"
        )
    try:
        validate_progress([Progress(p.milestone, p.quantity) for p in body.progress])
    except CapacityError as exc:
        raise unprocessable("the report's progress is invalid", _domain_errors(exc, "body")) from None
    today = _today(now, program)
    late = is_late(report.due_on, today)
    report.progress = [p.model_dump(mode="json", exclude_none=True) for p in body.progress]
    report.narrative = body.narrative
    report.status = "submitted"
    report.submissions += 1
    report.first_submitted_at = report.first_submitted_at or now
    report.submitted_at = now
    if report.late is None:
        report.late = late
    await reminders.cancel_report_reminders(session, report.id)
    await session.flush()
    await audit_event(
        session,
        request,
        caller,
        "capacity_report.submitted",
        "capacity_report",
        report.id,
        {"submission": report.submissions, "late": late, "fields": ["progress", "narrative"]},
    )
    return report_out(report, today), report.version


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
    out = []
    for period_index, progress in rows:
        for p in progress:
            out.append(ProgressReport(int(p["milestone"]), int(period_index), Decimal(str(p["quantity"]))))
    return out


async def _pay_quarter(
    session: AsyncSession,
    participant: CapacityParticipant,
    report: CapacityReport,
    content: s.DistributionPlanIn,
    today: date,
) -> int:
    reported = {int(p["milestone"]): Decimal(str(p["quantity"])) for p in report.progress}
    lines = 0
    for t in content.targets:
        if t.quarter != report.period_index:
            continue
        got = reported.get(t.milestone)
        if got is not None and got >= t.target:
            lines += await _record_payment(
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


async def _update_milestones(
    session: AsyncSession,
    participant: CapacityParticipant,
    program: CapacityProgram,
    content: s.DistributionPlanIn,
    today: date,
) -> None:
    """A milestone with quarterly targets is achieved once every one of them is met."""
    schedule = _domain_schedule(program, await _schedule(session, program.id))
    statuses = milestone_status(
        schedule,
        [MilestoneTarget(t.milestone, t.quarter, t.target) for t in content.targets],
        await _accepted_quarter_progress(session, participant.id),
        today,
    )
    by_milestone: dict[int, list[str]] = defaultdict(list)
    for st in statuses:
        by_milestone[st.milestone].append(st.status)
    done = [m for m, sts in by_milestone.items() if all(x == "met" for x in sts)]
    if not done:
        return
    for m in (
        await session.scalars(
            select(CapacityMilestone).where(
                CapacityMilestone.participant_id == participant.id,
                CapacityMilestone.number.in_(done),
                CapacityMilestone.status == "open",
            )
        )
    ).all():
        m.status = "achieved"
        m.achieved_on = today


async def decide_report(
    session: AsyncSession,
    request: Request,
    caller: Caller,
    report_id: uuid.UUID,
    body: s.ReportDecisionIn,
    now: datetime,
) -> tuple[s.ReportOut, int]:
    report, participant, program = await _report(session, caller, report_id, as_state=True)
    check_if_match(request, report.version)
    if report.kind == "distribution_plan":
        raise conflict("decide on the distribution plan itself", slug="use-distribution-plan")
    if report.status != "submitted":
        raise conflict(f"the report is {report.status}, not awaiting a decision", slug="report-not-submitted")
    if body.decision == "return" and not (body.comments or "").strip():
        raise unprocessable(
            "returning a report needs comments", [{"path": "body.comments", "message": "required to return"}]
        )
    today = _today(now, program)
    facts: dict[str, Any] = {"decision": body.decision}
    report.decided_at = now
    report.decision_comments = body.comments
    if body.decision == "accept":
        report.status = "accepted"
        await session.flush()
        content = await _approved_content(session, participant.id)
        if report.kind == "quarterly" and content is not None:
            facts["payment_lines"] = await _pay_quarter(session, participant, report, content, today)
            await _update_milestones(session, participant, program, content, today)
    else:
        report.status = "returned"
        await reminders.rearm_report_reminders(session, report.id, today)
    await session.flush()
    await audit_event(
        session, request, caller, f"capacity_report.{report.status}", "capacity_report", report.id, facts
    )
    return report_out(report, today), report.version


# --------------------------------------------------------------------------- views


async def milestone_summary(
    session: AsyncSession, caller: Caller, participant_id: uuid.UUID, now: datetime
) -> s.MilestoneSummaryListOut:
    participant, program = await _participant(session, caller, participant_id)
    today = _today(now, program)
    content = await _approved_content(session, participant.id)
    milestones = (
        await session.scalars(
            select(CapacityMilestone)
            .where(CapacityMilestone.participant_id == participant.id)
            .order_by(CapacityMilestone.number)
        )
    ).all()
    earned_rows = (
        await session.execute(
            select(CapacityPayment.milestone, CapacityPayment.period_index, func.sum(CapacityPayment.amount))
            .where(CapacityPayment.participant_id == participant.id)
            .group_by(CapacityPayment.milestone, CapacityPayment.period_index)
        )
    ).all()
    earned: dict[tuple[int, int], Decimal] = {(m, q): Decimal(a) for m, q, a in earned_rows}
    quarters: dict[int, list[s.QuarterStatusOut]] = defaultdict(list)
    budgets: dict[int, Decimal] = {}
    if content is not None:
        budgets = {b.milestone: b.amount for b in content.budgets}
        schedule = _domain_schedule(program, await _schedule(session, program.id))
        target_of = {(t.milestone, t.quarter): t for t in content.targets}
        for st in milestone_status(
            schedule,
            [MilestoneTarget(t.milestone, t.quarter, t.target) for t in content.targets],
            await _accepted_quarter_progress(session, participant.id),
            today,
        ):
            t = target_of[(st.milestone, st.period_index)]
            quarters[st.milestone].append(
                s.QuarterStatusOut(
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
            )
    return s.MilestoneSummaryListOut(
        participant_id=participant.id,
        as_of=today,
        milestones=[
            s.MilestoneSummaryOut(
                number=m.number,
                text=m.text,
                status=m.status,
                achieved_on=m.achieved_on,
                budgeted=budgets.get(m.number, ZERO),
                earned=sum((a for (mm, _), a in earned.items() if mm == m.number), ZERO),
                quarters=quarters.get(m.number, []),
            )
            for m in milestones
        ],
    )


async def payments(session: AsyncSession, caller: Caller, participant_id: uuid.UUID) -> s.PaymentsOut:
    participant, _ = await _participant(session, caller, participant_id)
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
    return s.PaymentsOut(
        participant_id=participant.id,
        total=sum((r.amount for r in rows), ZERO),
        items=[
            s.PaymentOut(
                id=r.id,
                milestone=r.milestone,
                period_index=r.period_index,
                provider_id=r.provider_id,
                amount=r.amount,
                earned_on=r.earned_on,
                source_type=r.source_type,
                source_id=r.source_id,
            )
            for r in rows
        ],
    )


async def totals(session: AsyncSession, caller: Caller, program_id: uuid.UUID) -> s.TotalsOut:
    program = await _program(session, caller, program_id)
    stmt = select(CapacityParticipant).where(CapacityParticipant.program_id == program.id)
    is_state = program.organization_id == caller.organization_id
    if not is_state:
        stmt = stmt.where(CapacityParticipant.plan_id == caller.organization_id)
    participants = (
        await session.scalars(stmt.order_by(CapacityParticipant.created_at, CapacityParticipant.id))
    ).all()
    ids = [p.id for p in participants]
    earned_by = dict(
        (
            await session.execute(
                select(CapacityPayment.participant_id, func.sum(CapacityPayment.amount))
                .where(CapacityPayment.participant_id.in_(ids))
                .group_by(CapacityPayment.participant_id)
            )
        )
        .tuples()
        .all()
    )
    rows = []
    for p in participants:
        budgeted = _budget_total(await _approved_content(session, p.id))
        rows.append(
            s.ParticipantTotalsOut(
                participant_id=p.id,
                plan_id=p.plan_id,
                budgeted=budgeted,
                earned=Decimal(earned_by.get(p.id, ZERO)),
            )
        )
    return s.TotalsOut(
        program_id=program.id,
        funding_total=program.funding_total if is_state else None,
        budgeted=sum((r.budgeted for r in rows), ZERO),
        earned=sum((r.earned for r in rows), ZERO),
        participants=rows,
    )
