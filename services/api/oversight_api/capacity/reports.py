"""Quarterly and monthly reports (seed 001): the plan submits progress per milestone and a narrative (a first
submission after the due date is late); the state accepts or returns it. Accepting a quarterly report under
an approved distribution plan pays the targets it reaches; one accepted before the plan's approval is paid by
that approval (``payments.settle_accepted_quarters``)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from fastapi import Request
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.capacity import schemas as s
from oversight_api.capacity.access import (
    load_participant,
    load_program,
    load_report,
    program_today,
    visible_to,
)
from oversight_api.capacity.checks import domain_problem, require_comments_to_return
from oversight_api.capacity.distribution_plans import approved_content, plan_head
from oversight_api.capacity.milestones import achieve_met_milestones
from oversight_api.capacity.obligations import OUTSTANDING, mark_decided, mark_submitted
from oversight_api.capacity.payments import pay_quarter
from oversight_api.conventions.audit import audit_event
from oversight_api.conventions.etags import check_if_match
from oversight_app.caller import Caller
from oversight_app.errors import conflict
from oversight_app.pagination import PageParams, keyset_page
from oversight_db.models.capacity import CapacityParticipant, CapacityProgram, CapacityReport
from oversight_domain.calendars import is_late
from oversight_domain.capacity import CapacityError
from oversight_domain.capacity_plans import Progress, validate_progress


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
        overdue=report.status in OUTSTANDING and today > report.due_on,
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
    program = await load_program(session, caller, program_id)
    today = program_today(now, program)
    stmt: Select[Any] = (
        select(CapacityReport)
        .join(CapacityParticipant, CapacityParticipant.id == CapacityReport.participant_id)
        .join(CapacityProgram, CapacityProgram.id == CapacityReport.program_id)
        .where(CapacityReport.program_id == program.id, visible_to(caller))
    )
    if participant_id is not None:
        await load_participant(session, caller, participant_id)  # 404 for someone else's participant
        stmt = stmt.where(CapacityReport.participant_id == participant_id)
    if status == "due":
        stmt = stmt.where(CapacityReport.status.in_(OUTSTANDING), CapacityReport.due_on >= today)
    elif status == "overdue":
        stmt = stmt.where(CapacityReport.status.in_(OUTSTANDING), CapacityReport.due_on < today)
    elif status is not None:
        stmt = stmt.where(CapacityReport.status == status)
    if kind is not None:
        stmt = stmt.where(CapacityReport.kind == kind)
    rows, cursor = await keyset_page(session, stmt, [CapacityReport.due_on, CapacityReport.id], page)
    return [report_out(r, today) for r in rows], cursor


async def get_report(
    session: AsyncSession, caller: Caller, report_id: uuid.UUID, now: datetime
) -> tuple[s.ReportOut, int]:
    report, _, program = await load_report(session, caller, report_id)
    return report_out(report, program_today(now, program)), report.version


async def submit_report(
    session: AsyncSession,
    request: Request,
    caller: Caller,
    report_id: uuid.UUID,
    body: s.ReportSubmissionIn,
    now: datetime,
) -> tuple[s.ReportOut, int]:
    report, _, program = await load_report(session, caller, report_id, as_="plan")
    check_if_match(request, report.version)
    if report.kind == "distribution_plan":
        raise conflict("submit the distribution plan as a plan version", slug="use-distribution-plan")
    if report.status not in OUTSTANDING:
        raise conflict(
            f"the report is {report.status}; it cannot be submitted again", slug="report-not-editable"
        )
    try:
        validate_progress([Progress(p.milestone, p.quantity) for p in body.progress])
    except CapacityError as exc:
        raise domain_problem("the report's progress is invalid", exc) from None
    today = program_today(now, program)
    late = is_late(report.due_on, today)
    report.progress = [p.model_dump(mode="json", exclude_none=True) for p in body.progress]
    report.narrative = body.narrative
    await mark_submitted(session, report, now, late)
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


async def decide_report(
    session: AsyncSession,
    request: Request,
    caller: Caller,
    report_id: uuid.UUID,
    body: s.ReportDecisionIn,
    now: datetime,
) -> tuple[s.ReportOut, int]:
    report, participant, program = await load_report(session, caller, report_id, as_="state")
    check_if_match(request, report.version)
    if report.kind == "distribution_plan":
        raise conflict("decide on the distribution plan itself", slug="use-distribution-plan")
    if report.status != "submitted":
        raise conflict(f"the report is {report.status}, not awaiting a decision", slug="report-not-submitted")
    require_comments_to_return(body.decision, body.comments, "report")
    today = program_today(now, program)
    accept = body.decision == "accept"
    facts: dict[str, Any] = {"decision": body.decision}
    await mark_decided(session, report, accept, body.comments, now, today)
    await session.flush()
    if accept and report.kind == "quarterly":
        # Serialize with the plan's approval (which locks the same row): whichever commits second sees the
        # other, so the quarter is paid either here or by the approval's settlement, never by neither.
        await plan_head(session, participant.id, lock=True)
        content = await approved_content(session, participant.id)
        if content is not None:
            facts["payment_lines"] = await pay_quarter(session, participant, report, content, today)
            await achieve_met_milestones(session, participant.id, program, content, today)
    await session.flush()
    await audit_event(
        session, request, caller, f"capacity_report.{report.status}", "capacity_report", report.id, facts
    )
    return report_out(report, today), report.version
