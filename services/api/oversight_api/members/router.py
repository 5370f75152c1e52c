"""Members and claims: batches from plans, reads for plan staff (every read is audited)."""

from __future__ import annotations

import uuid
from typing import Literal

from fastapi import APIRouter, Response

from oversight_api.conventions.idempotency import idempotent
from oversight_api.conventions.pagination import Pagination
from oversight_api.conventions.responses import respond
from oversight_api.deps import Session
from oversight_api.members.auth import MembersRead, MembersWrite
from oversight_app.members import service
from oversight_app.members.schemas import (
    ClaimBatchIn,
    ClaimBatchOut,
    MemberBatchIn,
    MemberBatchOut,
    MemberOut,
)
from oversight_app.pagination import Page

router = APIRouter(tags=["members"])


@router.post("/members/batch", response_model=MemberBatchOut, operation_id="members_upsert_batch")
@idempotent
async def upsert_members(body: MemberBatchIn, session: Session, caller: MembersWrite) -> Response:
    """Create or update up to 1,000 members (by member number) and their enrollments. All or nothing."""
    return respond(await service.upsert_members(session, caller, body))


@router.post("/claims/batch", response_model=ClaimBatchOut, operation_id="claims_upsert_batch")
@idempotent
async def upsert_claims(body: ClaimBatchIn, session: Session, caller: MembersWrite) -> Response:
    """Create or update up to 1,000 paid claims, idempotent by claim number. All or nothing."""
    return respond(await service.upsert_claims(session, caller, body))


@router.get("/members", response_model=Page[MemberOut], operation_id="members_list")
async def list_members(
    session: Session,
    page: Pagination,
    caller: MembersRead,
    provider_id: uuid.UUID | None = None,
    program: Literal["ecm", "tcm"] | None = None,
    status: Literal["engaged", "enrolled", "not_enrolled", "disenrolled"] | None = None,
) -> Page[MemberOut]:
    items, cursor = await service.list_members(session, caller, page, provider_id, program, status)
    return Page(items=items, next_cursor=cursor)


# ":uuid": "batch" is then no member id, so GET /members/batch finds only the POST route and answers 405.
@router.get("/members/{member_id:uuid}", response_model=MemberOut, operation_id="members_get")
async def get_member(member_id: uuid.UUID, session: Session, caller: MembersRead) -> Response:
    member = await service.get_member(session, caller, member_id)
    return respond(member, etag=member.version)
