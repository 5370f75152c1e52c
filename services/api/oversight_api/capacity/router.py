"""Capacity Building routes (seed 001). The work is in the modules named for what they hold (``programs``,
``participants``, ``distribution_plans``, ``reports``, ``views``); these only wire auth, ETags and
idempotency."""

from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel
from starlette.responses import JSONResponse

from oversight_api.auth.caller import require
from oversight_api.capacity import distribution_plans, participants, programs, reports, views
from oversight_api.capacity import schemas as s
from oversight_api.clock import Now
from oversight_api.conventions.etags import etag_of, set_etag
from oversight_api.conventions.idempotency import IdempotencyKey, idempotent_call
from oversight_api.conventions.pagination import Pagination
from oversight_api.deps import Session
from oversight_app.caller import Caller
from oversight_app.pagination import Page
from oversight_app.permissions import Permission

router = APIRouter(prefix="/capacity", tags=["capacity"])
ADMIN = Depends(require(Permission.CAPACITY_ADMIN))
READ = Depends(require(Permission.CAPACITY_READ))
SUBMIT = Depends(require(Permission.CAPACITY_SUBMIT))


def _json(
    model: BaseModel, status: int = 200, version: int | None = None, location: str | None = None
) -> JSONResponse:
    headers = {}
    if version is not None:
        headers["ETag"] = etag_of(version)
    if location is not None:
        headers["Location"] = location
    return JSONResponse(jsonable_encoder(model), status_code=status, headers=headers)


# --------------------------------------------------------------------------- programs


@router.post(
    "/programs", status_code=201, response_model=s.ProgramOut, operation_id="capacity_programs_create"
)
async def create_program(
    body: s.ProgramIn, request: Request, session: Session, idem: IdempotencyKey = None, caller: Caller = ADMIN
) -> JSONResponse:
    async def create() -> JSONResponse:
        out = await programs.create_program(session, request, caller, body)
        return _json(out, 201, location=f"/v1/capacity/programs/{out.id}")

    return await idempotent_call(session, request, caller, idem, body, create)


@router.get("/programs", response_model=Page[s.ProgramOut], operation_id="capacity_programs_list")
async def list_programs(session: Session, page: Pagination, caller: Caller = READ) -> Page[s.ProgramOut]:
    items, cursor = await programs.list_programs(session, caller, page)
    return Page(items=items, next_cursor=cursor)


@router.get("/programs/{program_id}", response_model=s.ProgramOut, operation_id="capacity_programs_get")
async def get_program(program_id: uuid.UUID, session: Session, caller: Caller = READ) -> s.ProgramOut:
    return await programs.get_program(session, caller, program_id)


@router.get(
    "/programs/{program_id}/schedule", response_model=s.ScheduleOut, operation_id="capacity_programs_schedule"
)
async def get_schedule(program_id: uuid.UUID, session: Session, caller: Caller = READ) -> s.ScheduleOut:
    return await programs.get_schedule(session, caller, program_id)


@router.get(
    "/programs/{program_id}/totals", response_model=s.TotalsOut, operation_id="capacity_programs_totals"
)
async def get_totals(program_id: uuid.UUID, session: Session, caller: Caller = READ) -> s.TotalsOut:
    return await views.totals(session, caller, program_id)


# --------------------------------------------------------------------------- participants


@router.post(
    "/programs/{program_id}/participants",
    status_code=201,
    response_model=s.ParticipantOut,
    operation_id="capacity_participants_create",
)
async def add_participant(
    program_id: uuid.UUID,
    body: s.ParticipantIn,
    request: Request,
    session: Session,
    now: Now,
    idem: IdempotencyKey = None,
    caller: Caller = ADMIN,
) -> JSONResponse:
    async def create() -> JSONResponse:
        out = await participants.add_participant(session, request, caller, program_id, body, now)
        return _json(out, 201, location=f"/v1/capacity/participants/{out.id}")

    return await idempotent_call(session, request, caller, idem, body, create)


@router.get(
    "/programs/{program_id}/participants",
    response_model=Page[s.ParticipantOut],
    operation_id="capacity_participants_list",
)
async def list_participants(
    program_id: uuid.UUID, session: Session, page: Pagination, caller: Caller = READ
) -> Page[s.ParticipantOut]:
    items, cursor = await participants.list_participants(session, caller, program_id, page)
    return Page(items=items, next_cursor=cursor)


@router.get(
    "/participants/{participant_id}",
    response_model=s.ParticipantOut,
    operation_id="capacity_participants_get",
)
async def get_participant(
    participant_id: uuid.UUID, session: Session, caller: Caller = READ
) -> s.ParticipantOut:
    return await participants.get_participant(session, caller, participant_id)


@router.get(
    "/participants/{participant_id}/milestones",
    response_model=s.MilestoneSummaryListOut,
    operation_id="capacity_participants_milestones",
)
async def get_milestones(
    participant_id: uuid.UUID, session: Session, now: Now, caller: Caller = READ
) -> s.MilestoneSummaryListOut:
    return await views.milestone_summary(session, caller, participant_id, now)


@router.get(
    "/participants/{participant_id}/payments",
    response_model=s.PaymentsOut,
    operation_id="capacity_participants_payments",
)
async def get_payments(participant_id: uuid.UUID, session: Session, caller: Caller = READ) -> s.PaymentsOut:
    return await views.payments(session, caller, participant_id)


# --------------------------------------------------------------------------- distribution plans


@router.get(
    "/participants/{participant_id}/distribution-plan",
    response_model=s.DistributionPlanOut,
    operation_id="capacity_plans_get",
)
async def get_plan(
    participant_id: uuid.UUID, response: Response, session: Session, caller: Caller = READ
) -> s.DistributionPlanOut:
    out, version = await distribution_plans.get_plan(session, caller, participant_id)
    set_etag(response, version)
    return out


@router.post(
    "/participants/{participant_id}/distribution-plan/versions",
    status_code=201,
    response_model=s.PlanVersionOut,
    operation_id="capacity_plans_submit",
)
async def submit_plan(
    participant_id: uuid.UUID,
    body: s.DistributionPlanIn,
    request: Request,
    session: Session,
    now: Now,
    idem: IdempotencyKey = None,
    caller: Caller = SUBMIT,
) -> JSONResponse:
    """Submit a new, immutable version of the plan (the first, or the next after a return)."""

    async def create() -> JSONResponse:
        out, version = await distribution_plans.submit_plan_version(
            session, request, caller, participant_id, body, now
        )
        location = f"/v1/capacity/participants/{participant_id}/distribution-plan/versions/{out.number}"
        return _json(out, 201, version=version, location=location)

    return await idempotent_call(session, request, caller, idem, body, create)


@router.get(
    "/participants/{participant_id}/distribution-plan/versions/{version_number}",
    response_model=s.PlanVersionOut,
    operation_id="capacity_plans_version_get",
)
async def get_plan_version(
    participant_id: uuid.UUID, version_number: int, session: Session, caller: Caller = READ
) -> s.PlanVersionOut:
    return await distribution_plans.get_plan_version(session, caller, participant_id, version_number)


@router.post(
    "/participants/{participant_id}/distribution-plan/decision",
    response_model=s.DistributionPlanOut,
    operation_id="capacity_plans_decide",
)
async def decide_plan(
    participant_id: uuid.UUID,
    body: s.PlanDecisionIn,
    request: Request,
    response: Response,
    session: Session,
    now: Now,
    caller: Caller = ADMIN,
) -> s.DistributionPlanOut:
    """Approve (achieves milestone 1) or return with comments; needs the plan's ETag in If-Match."""
    out, version = await distribution_plans.decide_plan(session, request, caller, participant_id, body, now)
    set_etag(response, version)
    return out


# --------------------------------------------------------------------------- reports


@router.get(
    "/programs/{program_id}/reports", response_model=Page[s.ReportOut], operation_id="capacity_reports_list"
)
async def list_reports(
    program_id: uuid.UUID,
    session: Session,
    page: Pagination,
    now: Now,
    participant: uuid.UUID | None = Query(None, description="Only this participant's reports"),
    status: Literal["due", "overdue", "submitted", "returned", "accepted"] | None = Query(
        None, description="due / overdue: still owed, before / after the due date"
    ),
    kind: Literal["distribution_plan", "quarterly", "monthly"] | None = Query(None),
    caller: Caller = READ,
) -> Page[s.ReportOut]:
    items, cursor = await reports.list_reports(
        session, caller, program_id, page, now, participant, status, kind
    )
    return Page(items=items, next_cursor=cursor)


@router.get("/reports/{report_id}", response_model=s.ReportOut, operation_id="capacity_reports_get")
async def get_report(
    report_id: uuid.UUID, response: Response, session: Session, now: Now, caller: Caller = READ
) -> s.ReportOut:
    out, version = await reports.get_report(session, caller, report_id, now)
    set_etag(response, version)
    return out


@router.post(
    "/reports/{report_id}/submission", response_model=s.ReportOut, operation_id="capacity_reports_submit"
)
async def submit_report(
    report_id: uuid.UUID,
    body: s.ReportSubmissionIn,
    request: Request,
    response: Response,
    session: Session,
    now: Now,
    caller: Caller = SUBMIT,
) -> s.ReportOut:
    """Submit (or resubmit after a return) a quarterly or monthly report; needs If-Match."""
    out, version = await reports.submit_report(session, request, caller, report_id, body, now)
    set_etag(response, version)
    return out


@router.post(
    "/reports/{report_id}/decision", response_model=s.ReportOut, operation_id="capacity_reports_decide"
)
async def decide_report(
    report_id: uuid.UUID,
    body: s.ReportDecisionIn,
    request: Request,
    response: Response,
    session: Session,
    now: Now,
    caller: Caller = ADMIN,
) -> s.ReportOut:
    """Accept (met quarterly targets earn their payments) or return with comments; needs If-Match."""
    out, version = await reports.decide_report(session, request, caller, report_id, body, now)
    set_etag(response, version)
    return out
