"""``/v1/obligations``: what a provider owes the plan that oversees it (seed 003), its submissions and the
plan's review."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Response

from oversight_api.clock import Today
from oversight_api.conventions.etags import IfMatch
from oversight_api.conventions.idempotency import idempotent
from oversight_api.conventions.pagination import Pagination
from oversight_api.conventions.responses import respond
from oversight_api.deps import Session
from oversight_api.obligations.auth import ObligationsDecide, ObligationsRead, ObligationsSubmit
from oversight_app.bounds import Day
from oversight_app.obligations import service
from oversight_app.obligations.schemas import (
    DecisionIn,
    ObligationDetail,
    ObligationOut,
    ObligationSubmissionIn,
)
from oversight_app.pagination import Page
from oversight_app.text import Text
from oversight_domain.obligations import ObligationView

router = APIRouter(tags=["obligations"])


@router.get("/obligations", response_model=Page[ObligationOut], operation_id="obligations_list")
async def list_obligations(
    session: Session,
    page: Pagination,
    caller: ObligationsRead,
    today: Today,
    status: ObligationView | None = None,
    kind: Text | None = Query(None, max_length=40, description="program_narrative or peer_sharing"),
    provider_id: uuid.UUID | None = None,
    site_id: uuid.UUID | None = None,
    due_after: Day | None = Query(None, description="Due on or after this date (ISO)"),
    due_before: Day | None = Query(None, description="Due on or before this date (ISO)"),
) -> Page[ObligationOut]:
    items, cursor = await service.list_obligations(
        session,
        caller,
        page,
        today,
        status=status,
        kind=kind,
        provider_id=provider_id,
        site_id=site_id,
        due_after=due_after,
        due_before=due_before,
    )
    return Page(items=items, next_cursor=cursor)


@router.get("/obligations/{obligation_id}", response_model=ObligationDetail, operation_id="obligations_get")
async def get_obligation(
    obligation_id: uuid.UUID, session: Session, caller: ObligationsRead, today: Today
) -> Response:
    row = await service.get(session, caller, obligation_id)
    return respond(await service.detail(session, row, today), etag=row.version)


@router.post(
    "/obligations/{obligation_id}/submissions",
    status_code=201,
    response_model=ObligationDetail,
    operation_id="obligations_submit",
)
@idempotent
async def submit_obligation(
    obligation_id: uuid.UUID,
    body: ObligationSubmissionIn,
    session: Session,
    today: Today,
    caller: ObligationsSubmit,
) -> Response:
    row = await service.submit(session, caller, obligation_id, body, today)
    return respond(await service.detail(session, row, today), status=201, etag=row.version)


@router.post(
    "/obligations/{obligation_id}/decision",
    response_model=ObligationDetail,
    operation_id="obligations_decide",
    responses={"412": {"description": "stale If-Match"}, "428": {"description": "If-Match missing"}},
)
async def decide_obligation(
    obligation_id: uuid.UUID,
    body: DecisionIn,
    session: Session,
    today: Today,
    caller: ObligationsDecide,
    if_match: IfMatch = None,  # no default would make FastAPI answer a missing header with 422, not 428
) -> Response:
    row = await service.decide(session, caller, obligation_id, body, today, if_match)
    return respond(await service.detail(session, row, today), etag=row.version)
