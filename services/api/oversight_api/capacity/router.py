"""``/v1/capacity``: Capacity Building (seed 001) programs, participants, distribution plans and reports.

Each route wires auth, the clock, ETags and idempotency to a use case in ``oversight_app.capacity``."""

from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Query, Response

from oversight_api.capacity.auth import CapacityAdmin, CapacityRead, CapacitySubmit
from oversight_api.clock import Now
from oversight_api.conventions.etags import IfMatch
from oversight_api.conventions.idempotency import idempotent
from oversight_api.conventions.pagination import Pagination
from oversight_api.conventions.responses import respond
from oversight_api.deps import Session
from oversight_app.bounds import Ordinal
from oversight_app.capacity import distribution_plans, participants, programs, reports, views
from oversight_app.capacity.schemas import (
    DistributionPlanIn,
    DistributionPlanOut,
    MilestoneSummaryListOut,
    ParticipantIn,
    ParticipantOut,
    PaymentsOut,
    PlanDecisionIn,
    PlanVersionOut,
    ProgramIn,
    ProgramOut,
    ReportDecisionIn,
    ReportOut,
    ReportSubmissionIn,
    ScheduleOut,
    TotalsOut,
)
from oversight_app.pagination import Page

router = APIRouter(prefix="/capacity", tags=["capacity"])

# --------------------------------------------------------------------------- programs


@router.post("/programs", status_code=201, response_model=ProgramOut, operation_id="capacity_programs_create")
@idempotent
async def create_program(body: ProgramIn, session: Session, caller: CapacityAdmin) -> Response:
    program = await programs.create_program(session, caller, body)
    return respond(program, status=201, location=f"/v1/capacity/programs/{program.id}")


@router.get("/programs", response_model=Page[ProgramOut], operation_id="capacity_programs_list")
async def list_programs(session: Session, page: Pagination, caller: CapacityRead) -> Page[ProgramOut]:
    items, cursor = await programs.list_programs(session, caller, page)
    return Page(items=items, next_cursor=cursor)


@router.get("/programs/{program_id}", response_model=ProgramOut, operation_id="capacity_programs_get")
async def get_program(program_id: uuid.UUID, session: Session, caller: CapacityRead) -> ProgramOut:
    return await programs.get_program(session, caller, program_id)


@router.get(
    "/programs/{program_id}/schedule", response_model=ScheduleOut, operation_id="capacity_programs_schedule"
)
async def get_schedule(program_id: uuid.UUID, session: Session, caller: CapacityRead) -> ScheduleOut:
    return await programs.get_schedule(session, caller, program_id)


@router.get(
    "/programs/{program_id}/totals", response_model=TotalsOut, operation_id="capacity_programs_totals"
)
async def get_totals(program_id: uuid.UUID, session: Session, caller: CapacityRead) -> TotalsOut:
    return await views.totals(session, caller, program_id)


# --------------------------------------------------------------------------- participants


@router.post(
    "/programs/{program_id}/participants",
    status_code=201,
    response_model=ParticipantOut,
    operation_id="capacity_participants_create",
)
@idempotent
async def add_participant(
    program_id: uuid.UUID, body: ParticipantIn, session: Session, now: Now, caller: CapacityAdmin
) -> Response:
    participant = await participants.add_participant(session, caller, program_id, body, now)
    return respond(participant, status=201, location=f"/v1/capacity/participants/{participant.id}")


@router.get(
    "/programs/{program_id}/participants",
    response_model=Page[ParticipantOut],
    operation_id="capacity_participants_list",
)
async def list_participants(
    program_id: uuid.UUID, session: Session, page: Pagination, caller: CapacityRead
) -> Page[ParticipantOut]:
    items, cursor = await participants.list_participants(session, caller, program_id, page)
    return Page(items=items, next_cursor=cursor)


@router.get(
    "/participants/{participant_id}", response_model=ParticipantOut, operation_id="capacity_participants_get"
)
async def get_participant(
    participant_id: uuid.UUID, session: Session, caller: CapacityRead
) -> ParticipantOut:
    return await participants.get_participant(session, caller, participant_id)


@router.get(
    "/participants/{participant_id}/milestones",
    response_model=MilestoneSummaryListOut,
    operation_id="capacity_participants_milestones",
)
async def get_milestones(
    participant_id: uuid.UUID, session: Session, now: Now, caller: CapacityRead
) -> MilestoneSummaryListOut:
    return await views.milestone_summary(session, caller, participant_id, now)


@router.get(
    "/participants/{participant_id}/payments",
    response_model=PaymentsOut,
    operation_id="capacity_participants_payments",
)
async def get_payments(participant_id: uuid.UUID, session: Session, caller: CapacityRead) -> PaymentsOut:
    return await views.payments(session, caller, participant_id)


# --------------------------------------------------------------------------- distribution plans


@router.get(
    "/participants/{participant_id}/distribution-plan",
    response_model=DistributionPlanOut,
    operation_id="capacity_plans_get",
)
async def get_plan(participant_id: uuid.UUID, session: Session, caller: CapacityRead) -> Response:
    plan, version = await distribution_plans.get_plan(session, caller, participant_id)
    return respond(plan, etag=version)


@router.post(
    "/participants/{participant_id}/distribution-plan/versions",
    status_code=201,
    response_model=PlanVersionOut,
    operation_id="capacity_plans_submit",
)
@idempotent
async def submit_plan(
    participant_id: uuid.UUID, body: DistributionPlanIn, session: Session, now: Now, caller: CapacitySubmit
) -> Response:
    """Submit a new, immutable version of the plan (the first, or the next after a return)."""
    submitted, version = await distribution_plans.submit_plan_version(
        session, caller, participant_id, body, now
    )
    location = f"/v1/capacity/participants/{participant_id}/distribution-plan/versions/{submitted.number}"
    return respond(submitted, status=201, etag=version, location=location)


@router.get(
    "/participants/{participant_id}/distribution-plan/versions/{version_number}",
    response_model=PlanVersionOut,
    operation_id="capacity_plans_version_get",
)
async def get_plan_version(
    participant_id: uuid.UUID, version_number: Ordinal, session: Session, caller: CapacityRead
) -> PlanVersionOut:
    return await distribution_plans.get_plan_version(session, caller, participant_id, version_number)


@router.post(
    "/participants/{participant_id}/distribution-plan/decision",
    response_model=DistributionPlanOut,
    operation_id="capacity_plans_decide",
)
async def decide_plan(
    participant_id: uuid.UUID,
    body: PlanDecisionIn,
    session: Session,
    now: Now,
    caller: CapacityAdmin,
    if_match: IfMatch = None,  # a default, so a missing header is our 428, not FastAPI's 422
) -> Response:
    """Approve (achieves milestone 1) or return with comments; needs the plan's ETag in If-Match."""
    plan, version = await distribution_plans.decide_plan(session, caller, participant_id, body, if_match, now)
    return respond(plan, etag=version)


# --------------------------------------------------------------------------- reports


@router.get(
    "/programs/{program_id}/reports", response_model=Page[ReportOut], operation_id="capacity_reports_list"
)
async def list_reports(
    program_id: uuid.UUID,
    session: Session,
    page: Pagination,
    now: Now,
    caller: CapacityRead,
    participant: uuid.UUID | None = Query(None, description="Only this participant's reports"),
    status: Literal["due", "overdue", "submitted", "returned", "accepted"] | None = Query(
        None, description="due / overdue: still owed, before / after the due date"
    ),
    kind: Literal["distribution_plan", "quarterly", "monthly"] | None = Query(None),
) -> Page[ReportOut]:
    items, cursor = await reports.list_reports(
        session, caller, program_id, page, now, participant_id=participant, status=status, kind=kind
    )
    return Page(items=items, next_cursor=cursor)


@router.get("/reports/{report_id}", response_model=ReportOut, operation_id="capacity_reports_get")
async def get_report(report_id: uuid.UUID, session: Session, now: Now, caller: CapacityRead) -> Response:
    report, version = await reports.get_report(session, caller, report_id, now)
    return respond(report, etag=version)


@router.post(
    "/reports/{report_id}/submission", response_model=ReportOut, operation_id="capacity_reports_submit"
)
async def submit_report(
    report_id: uuid.UUID,
    body: ReportSubmissionIn,
    session: Session,
    now: Now,
    caller: CapacitySubmit,
    if_match: IfMatch = None,  # a default, so a missing header is our 428, not FastAPI's 422
) -> Response:
    """Submit (or resubmit after a return) a quarterly or monthly report; needs If-Match."""
    report, version = await reports.submit_report(session, caller, report_id, body, if_match, now)
    return respond(report, etag=version)


@router.post(
    "/reports/{report_id}/decision", response_model=ReportOut, operation_id="capacity_reports_decide"
)
async def decide_report(
    report_id: uuid.UUID,
    body: ReportDecisionIn,
    session: Session,
    now: Now,
    caller: CapacityAdmin,
    if_match: IfMatch = None,  # a default, so a missing header is our 428, not FastAPI's 422
) -> Response:
    """Accept (met quarterly targets earn their payments) or return with comments; needs If-Match."""
    report, version = await reports.decide_report(session, caller, report_id, body, if_match, now)
    return respond(report, etag=version)
