"""Quarterly and monthly reports (seed 001): the plan submits progress per milestone and a narrative (a first
submission after the due date is late); the state accepts or returns it. Accepting a quarterly report under
an approved distribution plan pays the targets it reaches; one accepted before the plan's approval is paid by
that approval (``payments.settle_accepted_quarters``)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.capacity.access import (
    load_participant,
    load_program,
    load_report,
    program_today,
    visible_to,
)
from oversight_app.capacity.checks import domain_problem, require_comments_to_return
from oversight_app.capacity.distribution_plans import approved_content, distribution_plan_head
from oversight_app.capacity.milestones import achieve_met_milestones
from oversight_app.capacity.obligations import OUTSTANDING, mark_decided, mark_submitted
from oversight_app.capacity.payments import pay_quarter
from oversight_app.capacity.schemas import ProgressOut, ReportDecisionIn, ReportOut, ReportSubmissionIn
from oversight_app.errors import conflict
from oversight_app.etags import check_if_match
from oversight_app.pagination import PageParams, keyset_page
from oversight_db.models.capacity import CapacityParticipant, CapacityProgram, CapacityReport
from oversight_domain.calendars import is_late
from oversight_domain.capacity import CapacityError
from oversight_domain.capacity_plans import Progress, validate_progress


def report_out(report: CapacityReport, today: date) -> ReportOut:
    return ReportOut(
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
        progress=[ProgressOut.model_validate(p) for p in report.progress],
        narrative=report.narrative,
    )


async def list_reports(
    session: AsyncSession,
    caller: Caller,
    program_id: uuid.UUID,
    page: PageParams,
    now: datetime,
    *,
    participant_id: uuid.UUID | None = None,
    status: str | None = None,
    kind: str | None = None,
) -> tuple[list[ReportOut], str | None]:
    """The program's reports the caller may see; ``status`` also takes ``due`` / ``overdue`` (still owed,
    before / after the due date in the program's time zone)."""
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
    if status is not None:
        stmt = stmt.where(_status_clause(status, today))
    if kind is not None:
        stmt = stmt.where(CapacityReport.kind == kind)
    rows, cursor = await keyset_page(session, stmt, [CapacityReport.due_on, CapacityReport.id], page)
    return [report_out(r, today) for r in rows], cursor


def _status_clause(status: str, today: date) -> ColumnElement[bool]:
    """``due`` and ``overdue`` are the stored statuses still owed, before and after the due date."""
    if status == "due":
        return and_(CapacityReport.status.in_(OUTSTANDING), CapacityReport.due_on >= today)
    if status == "overdue":
        return and_(CapacityReport.status.in_(OUTSTANDING), CapacityReport.due_on < today)
    return CapacityReport.status == status


async def get_report(
    session: AsyncSession, caller: Caller, report_id: uuid.UUID, now: datetime
) -> tuple[ReportOut, int]:
    report, _, program = await load_report(session, caller, report_id)
    return report_out(report, program_today(now, program)), report.version


async def submit_report(
    session: AsyncSession,
    caller: Caller,
    report_id: uuid.UUID,
    body: ReportSubmissionIn,
    if_match: str | None,
    now: datetime,
) -> tuple[ReportOut, int]:
    report, _, program = await load_report(session, caller, report_id, as_="plan")
    check_if_match(if_match, report.version)
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
        caller,
        "capacity_report.submitted",
        "capacity_report",
        report.id,
        {"submission": report.submissions, "late": late, "fields": ["progress", "narrative"]},
    )
    return report_out(report, today), report.version


async def decide_report(
    session: AsyncSession,
    caller: Caller,
    report_id: uuid.UUID,
    body: ReportDecisionIn,
    if_match: str | None,
    now: datetime,
) -> tuple[ReportOut, int]:
    report, participant, program = await load_report(session, caller, report_id, as_="state")
    check_if_match(if_match, report.version)
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
        facts |= await _pay_accepted_quarter(session, participant, program, report, today)
    await session.flush()
    await audit_event(
        session, caller, f"capacity_report.{report.status}", "capacity_report", report.id, facts
    )
    return report_out(report, today), report.version


async def _pay_accepted_quarter(
    session: AsyncSession,
    participant: CapacityParticipant,
    program: CapacityProgram,
    report: CapacityReport,
    today: date,
) -> dict[str, Any]:
    """Under an approved plan, pay the targets the accepted quarterly report reaches; without one, the
    plan's approval pays them later (``payments.settle_accepted_quarters``)."""
    # Serialize with the plan's approval (which locks the same row): whichever commits second sees the
    # other, so the quarter is paid either here or by the approval's settlement, never by neither.
    await distribution_plan_head(session, participant.id, lock=True)
    content = await approved_content(session, participant.id)
    if content is None:
        return {}
    lines = await pay_quarter(session, participant, report, content, today)
    await achieve_met_milestones(session, participant.id, program, content, today)
    return {"payment_lines": lines}
