"""``/v1/action-plans`` and ``/v1/providers/{provider_id}/standing``."""

from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Response

from oversight_api.action_plans.auth import (
    ActionPlansDecide,
    ActionPlansRead,
    ActionPlansRespond,
    ProvidersRead,
)
from oversight_api.clock import AppCalendars, Today
from oversight_api.conventions.etags import IfMatch
from oversight_api.conventions.idempotency import idempotent
from oversight_api.conventions.pagination import Pagination
from oversight_api.conventions.responses import respond
from oversight_api.deps import Session
from oversight_app.action_plans import service
from oversight_app.action_plans.schemas import (
    ActionPlanOut,
    ActionPlanRecord,
    DecisionIn,
    StandingOut,
    SubmissionIn,
)
from oversight_app.pagination import Page
from oversight_domain.statuses import ActionPlanStatus

router = APIRouter(tags=["action-plans"])
standing_router = APIRouter(tags=["providers"])


@router.get("/action-plans", response_model=Page[ActionPlanOut], operation_id="action_plans_list")
async def list_action_plans(
    session: Session,
    page: Pagination,
    caller: ActionPlansRead,
    provider_id: uuid.UUID | None = None,
    status: ActionPlanStatus | None = None,
    kind: Literal["pip", "cap"] | None = None,
    review_id: uuid.UUID | None = None,
) -> Page[ActionPlanOut]:
    items, cursor = await service.list_action_plans(
        session, caller, page, provider_id=provider_id, status=status, kind=kind, review_id=review_id
    )
    return Page(items=items, next_cursor=cursor)


@router.get("/action-plans/{action_plan_id}", response_model=ActionPlanOut, operation_id="action_plans_get")
async def get_action_plan(action_plan_id: uuid.UUID, session: Session, caller: ActionPlansRead) -> Response:
    row = await service.get(session, caller, action_plan_id)
    return respond(service.action_plan_out(row), etag=row.version)


@router.post(
    "/action-plans", status_code=201, response_model=ActionPlanOut, operation_id="action_plans_record"
)
@idempotent
async def record_action_plan(
    body: ActionPlanRecord,
    session: Session,
    today: Today,
    calendars: AppCalendars,
    caller: ActionPlansDecide,
) -> Response:
    row = await service.record_existing(session, caller, body, today, calendars)
    return respond(
        service.action_plan_out(row), status=201, etag=row.version, location=f"/v1/action-plans/{row.id}"
    )


@router.post(
    "/action-plans/{action_plan_id}/submissions",
    status_code=201,
    response_model=ActionPlanOut,
    operation_id="action_plans_submit",
)
@idempotent
async def submit_action_plan(
    action_plan_id: uuid.UUID,
    body: SubmissionIn,
    session: Session,
    today: Today,
    calendars: AppCalendars,
    caller: ActionPlansRespond,
) -> Response:
    row = await service.submit(session, caller, action_plan_id, body, today, calendars)
    return respond(service.action_plan_out(row), status=201, etag=row.version)


@router.post(
    "/action-plans/{action_plan_id}/decision",
    response_model=ActionPlanOut,
    operation_id="action_plans_decide",
)
async def decide_action_plan(
    action_plan_id: uuid.UUID,
    body: DecisionIn,
    session: Session,
    today: Today,
    calendars: AppCalendars,
    caller: ActionPlansDecide,
    if_match: IfMatch = None,  # no default would make FastAPI answer a missing header with 422, not 428
) -> Response:
    row = await service.decide(session, caller, action_plan_id, body, today, calendars, if_match)
    return respond(service.action_plan_out(row), etag=row.version)


@standing_router.get(
    "/providers/{provider_id}/standing", response_model=StandingOut, operation_id="providers_get_standing"
)
async def get_standing(provider_id: uuid.UUID, session: Session, caller: ProvidersRead) -> StandingOut:
    return await service.standing(session, caller, provider_id)
