"""Members and claims: batches from plans, reads for plan staff (every read is audited)."""

from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Depends, Request, Response
from starlette.responses import JSONResponse

from oversight_api.auth.caller import require
from oversight_api.conventions.etags import set_etag
from oversight_api.conventions.idempotency import IdempotencyKey, idempotent_call
from oversight_api.conventions.pagination import Pagination
from oversight_api.deps import Session
from oversight_api.members import service
from oversight_api.members.schemas import (
    ClaimBatchIn,
    ClaimBatchOut,
    MemberBatchIn,
    MemberBatchOut,
    MemberOut,
)
from oversight_app.caller import Caller
from oversight_app.pagination import Page
from oversight_app.permissions import Permission

router = APIRouter(tags=["members"])


@router.post("/members/batch", response_model=MemberBatchOut, operation_id="members_upsert_batch")
async def upsert_members(
    body: MemberBatchIn,
    request: Request,
    session: Session,
    idem: IdempotencyKey = None,
    caller: Caller = Depends(require(Permission.MEMBERS_WRITE)),
) -> JSONResponse:
    """Create or update up to 1,000 members (by member number) and their enrollments. All or nothing."""

    async def run() -> JSONResponse:
        out = await service.upsert_members(session, request, caller, body)
        return JSONResponse(out.model_dump(mode="json"))

    return await idempotent_call(session, request, caller, idem, body, run)


@router.post("/claims/batch", response_model=ClaimBatchOut, operation_id="claims_upsert_batch")
async def upsert_claims(
    body: ClaimBatchIn,
    request: Request,
    session: Session,
    idem: IdempotencyKey = None,
    caller: Caller = Depends(require(Permission.MEMBERS_WRITE)),
) -> JSONResponse:
    """Create or update up to 1,000 paid claims, idempotent by claim number. All or nothing."""

    async def run() -> JSONResponse:
        out = await service.upsert_claims(session, request, caller, body)
        return JSONResponse(out.model_dump(mode="json"))

    return await idempotent_call(session, request, caller, idem, body, run)


@router.get("/members", response_model=Page[MemberOut], operation_id="members_list")
async def list_members(
    request: Request,
    session: Session,
    page: Pagination,
    provider_id: uuid.UUID | None = None,
    program: Literal["ecm", "tcm"] | None = None,
    status: Literal["engaged", "enrolled", "not_enrolled", "disenrolled"] | None = None,
    caller: Caller = Depends(require(Permission.MEMBERS_READ)),
) -> Page[MemberOut]:
    items, cursor = await service.list_members(session, request, caller, page, provider_id, program, status)
    return Page(items=items, next_cursor=cursor)


@router.get("/members/{member_id}", response_model=MemberOut, operation_id="members_get")
async def get_member(
    member_id: uuid.UUID,
    request: Request,
    response: Response,
    session: Session,
    caller: Caller = Depends(require(Permission.MEMBERS_READ)),
) -> MemberOut:
    out = await service.get_member(session, request, caller, member_id)
    set_etag(response, out.version)
    return out
