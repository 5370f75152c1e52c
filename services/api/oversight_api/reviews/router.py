"""``/v1/reviews``: scheduling, samples and records, findings, scorecard, finalization."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.responses import JSONResponse

from oversight_api.auth.caller import require
from oversight_api.clock import Today
from oversight_api.conventions.idempotency import IdempotencyKey, idempotent_call
from oversight_api.conventions.pagination import Pagination
from oversight_api.deps import Session
from oversight_api.reviews import finalize, findings, samples, service
from oversight_api.reviews.finalize import FinalizeOut
from oversight_api.reviews.schemas import (
    ExcludeIn,
    ExcludeOut,
    FindingIn,
    FindingsOut,
    RecordOut,
    ReviewCreate,
    ReviewOut,
    ReviewPatch,
    SampleDrawIn,
    SampleDrawList,
    SampleDrawOut,
    ScorecardOut,
    Status,
)
from oversight_app.caller import Caller
from oversight_app.pagination import Page
from oversight_app.permissions import Permission
from oversight_domain.statuses import SampleRecordStatus

router = APIRouter(tags=["reviews"])
_IF_MATCH: dict[int | str, dict[str, Any]] = {
    "412": {"description": "stale If-Match"},
    "428": {"description": "If-Match missing"},
}


@router.post("/reviews", status_code=201, response_model=ReviewOut, operation_id="reviews_create")
async def create_review(
    body: ReviewCreate,
    request: Request,
    session: Session,
    today: Today,
    idem: IdempotencyKey = None,
    caller: Caller = Depends(require(Permission.REVIEWS_WRITE)),
) -> JSONResponse:
    return await idempotent_call(
        session,
        request,
        caller,
        idem,
        body,
        lambda: service.create_review(session, request, caller, body, today),
    )


@router.get("/reviews", response_model=Page[ReviewOut], operation_id="reviews_list")
async def list_reviews(
    session: Session,
    page: Pagination,
    provider_id: uuid.UUID | None = None,
    status: Status | None = None,
    tool_key: str | None = Query(None, max_length=80),
    scheduled_from: date | None = None,
    scheduled_to: date | None = None,
    caller: Caller = Depends(require(Permission.REVIEWS_READ)),
) -> Page[ReviewOut]:
    items, cursor = await service.list_reviews(
        session,
        caller,
        page,
        provider_id=provider_id,
        status=status,
        tool_key=tool_key,
        scheduled_from=scheduled_from,
        scheduled_to=scheduled_to,
    )
    return Page(items=items, next_cursor=cursor)


@router.get("/reviews/{review_id}", response_model=ReviewOut, operation_id="reviews_get")
async def get_review(
    review_id: uuid.UUID,
    session: Session,
    caller: Caller = Depends(require(Permission.REVIEWS_READ)),
) -> Response:
    return await service.review_json(session, caller, review_id)


@router.patch(
    "/reviews/{review_id}", response_model=ReviewOut, operation_id="reviews_update", responses=_IF_MATCH
)
async def update_review(
    review_id: uuid.UUID,
    body: ReviewPatch,
    request: Request,
    session: Session,
    today: Today,
    caller: Caller = Depends(require(Permission.REVIEWS_WRITE)),
) -> JSONResponse:
    return await service.patch_review(session, request, caller, review_id, body, today)


@router.post(
    "/reviews/{review_id}/samples",
    status_code=201,
    response_model=SampleDrawOut,
    operation_id="reviews_draw_sample",
)
async def draw_sample(
    review_id: uuid.UUID,
    request: Request,
    session: Session,
    idem: IdempotencyKey = None,
    body: SampleDrawIn | None = None,
    caller: Caller = Depends(require(Permission.REVIEWS_WRITE)),
) -> JSONResponse:
    draw = body or SampleDrawIn()
    return await idempotent_call(
        session,
        request,
        caller,
        idem,
        draw,
        lambda: samples.draw_sample(session, request, caller, review_id, draw),
    )


@router.get(
    "/reviews/{review_id}/samples", response_model=SampleDrawList, operation_id="reviews_list_samples"
)
async def list_samples(
    review_id: uuid.UUID,
    session: Session,
    caller: Caller = Depends(require(Permission.REVIEWS_READ)),
) -> SampleDrawList:
    return SampleDrawList(items=await samples.list_draws(session, caller, review_id))


@router.get(
    "/reviews/{review_id}/records", response_model=Page[RecordOut], operation_id="reviews_list_records"
)
async def list_records(
    review_id: uuid.UUID,
    request: Request,
    session: Session,
    page: Pagination,
    status: SampleRecordStatus | None = None,
    caller: Caller = Depends(require(Permission.REVIEWS_READ)),
) -> Page[RecordOut]:
    items, cursor = await samples.list_records(session, request, caller, review_id, page, status)
    return Page(items=items, next_cursor=cursor)


@router.post(
    "/reviews/{review_id}/records/{record_id}/exclude",
    response_model=ExcludeOut,
    operation_id="reviews_exclude_record",
)
async def exclude_record(
    review_id: uuid.UUID,
    record_id: uuid.UUID,
    body: ExcludeIn,
    request: Request,
    session: Session,
    caller: Caller = Depends(require(Permission.REVIEWS_WRITE)),
) -> JSONResponse:
    return await samples.exclude_record(session, request, caller, review_id, record_id, body.reason)


@router.put(
    "/reviews/{review_id}/findings",
    response_model=FindingsOut,
    operation_id="reviews_put_findings",
    responses=_IF_MATCH,
)
async def put_findings(
    review_id: uuid.UUID,
    body: list[FindingIn],
    request: Request,
    session: Session,
    caller: Caller = Depends(require(Permission.FINDINGS_WRITE)),
) -> JSONResponse:
    return await findings.put_findings(session, request, caller, review_id, body)


@router.get("/reviews/{review_id}/findings", response_model=FindingsOut, operation_id="reviews_get_findings")
async def get_findings(
    review_id: uuid.UUID,
    session: Session,
    caller: Caller = Depends(require(Permission.REVIEWS_READ)),
) -> JSONResponse:
    return await findings.list_findings(session, caller, review_id)


@router.get(
    "/reviews/{review_id}/scorecard", response_model=ScorecardOut, operation_id="reviews_get_scorecard"
)
async def get_scorecard(
    review_id: uuid.UUID,
    session: Session,
    caller: Caller = Depends(require(Permission.REVIEWS_READ)),
) -> Response:
    return await finalize.get_scorecard(session, caller, review_id)


@router.post(
    "/reviews/{review_id}/finalize",
    response_model=FinalizeOut,
    operation_id="reviews_finalize",
    responses=_IF_MATCH,
)
async def finalize_review(
    review_id: uuid.UUID,
    request: Request,
    session: Session,
    today: Today,
    caller: Caller = Depends(require(Permission.REVIEWS_WRITE)),
) -> JSONResponse:
    return await finalize.finalize(session, request, caller, review_id, today)
