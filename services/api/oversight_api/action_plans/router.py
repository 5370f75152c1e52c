"""``/v1/action-plans`` and ``/v1/providers/{provider_id}/standing``."""

from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Depends, Request, Response
from starlette.responses import JSONResponse

from oversight_api.action_plans import service
from oversight_api.action_plans.schemas import (
    ActionPlanOut,
    ActionPlanRecord,
    DecisionIn,
    PlanStatus,
    StandingOut,
    SubmissionIn,
)
from oversight_api.auth.caller import require
from oversight_api.clock import Today
from oversight_api.conventions.etags import set_etag
from oversight_api.conventions.idempotency import IdempotencyKey, idempotent_call
from oversight_api.conventions.pagination import Pagination
from oversight_api.deps import Session
from oversight_app.caller import Caller
from oversight_app.pagination import Page
from oversight_app.permissions import Permission

router = APIRouter(tags=["action-plans"])
standing_router = APIRouter(tags=["providers"])


@router.get("/action-plans", response_model=Page[ActionPlanOut], operation_id="action_plans_list")
async def list_action_plans(
    session: Session,
    page: Pagination,
    provider_id: uuid.UUID | None = None,
    status: PlanStatus | None = None,
    kind: Literal["pip", "cap"] | None = None,
    review_id: uuid.UUID | None = None,
    caller: Caller = Depends(require(Permission.ACTION_PLANS_READ)),
) -> Page[ActionPlanOut]:
    items, cursor = await service.list_plans(
        session, caller, page, provider_id=provider_id, status=status, kind=kind, review_id=review_id
    )
    return Page(items=items, next_cursor=cursor)


@router.get("/action-plans/{action_plan_id}", response_model=ActionPlanOut, operation_id="action_plans_get")
async def get_action_plan(
    action_plan_id: uuid.UUID,
    response: Response,
    session: Session,
    caller: Caller = Depends(require(Permission.ACTION_PLANS_READ)),
) -> ActionPlanOut:
    row = await service.load_plan(session, caller, action_plan_id)
    set_etag(response, row.version)
    return service.plan_out(row)


@router.post(
    "/action-plans", status_code=201, response_model=ActionPlanOut, operation_id="action_plans_record"
)
async def record_action_plan(
    body: ActionPlanRecord,
    request: Request,
    session: Session,
    today: Today,
    idem: IdempotencyKey = None,
    caller: Caller = Depends(require(Permission.ACTION_PLANS_DECIDE)),
) -> JSONResponse:
    return await idempotent_call(
        session,
        request,
        caller,
        idem,
        body,
        lambda: service.record_existing(session, request, caller, body, today),
    )


@router.post(
    "/action-plans/{action_plan_id}/submissions",
    status_code=201,
    response_model=ActionPlanOut,
    operation_id="action_plans_submit",
)
async def submit_action_plan(
    action_plan_id: uuid.UUID,
    body: SubmissionIn,
    request: Request,
    session: Session,
    today: Today,
    idem: IdempotencyKey = None,
    caller: Caller = Depends(require(Permission.ACTION_PLANS_RESPOND)),
) -> JSONResponse:
    return await idempotent_call(
        session,
        request,
        caller,
        idem,
        body,
        lambda: service.submit(session, request, caller, action_plan_id, body, today),
    )


@router.post(
    "/action-plans/{action_plan_id}/decision",
    response_model=ActionPlanOut,
    operation_id="action_plans_decide",
    responses={"412": {"description": "stale If-Match"}, "428": {"description": "If-Match missing"}},
)
async def decide_action_plan(
    action_plan_id: uuid.UUID,
    body: DecisionIn,
    request: Request,
    session: Session,
    today: Today,
    caller: Caller = Depends(require(Permission.ACTION_PLANS_DECIDE)),
) -> JSONResponse:
    return await service.decide(session, request, caller, action_plan_id, body, today)


@standing_router.get(
    "/providers/{provider_id}/standing", response_model=StandingOut, operation_id="providers_get_standing"
)
async def get_standing(
    provider_id: uuid.UUID,
    session: Session,
    caller: Caller = Depends(require(Permission.PROVIDERS_READ)),
) -> StandingOut:
    return await service.standing(session, caller, provider_id)
