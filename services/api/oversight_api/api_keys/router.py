"""API keys for partner platforms and jobs, managed by the organization's admins."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.responses import JSONResponse

from oversight_api.api_keys import service
from oversight_api.api_keys.schemas import ApiKeyCreated, ApiKeyIn, ApiKeyOut
from oversight_api.auth.caller import Caller, require
from oversight_api.auth.permissions import Permission
from oversight_api.conventions.pagination import Page, Pagination
from oversight_api.deps import Session

router = APIRouter(tags=["api-keys"])


@router.post("/api-keys", status_code=201, response_model=ApiKeyCreated, operation_id="api_keys_create")
async def create_api_key(
    body: ApiKeyIn,
    request: Request,
    session: Session,
    caller: Caller = Depends(require(Permission.API_KEYS_MANAGE)),
) -> JSONResponse:
    """Create a key for your organization. The response holds the secret; it is never shown again.

    No Idempotency-Key here: replaying the response would mean storing the secret. A retried request
    makes a second key; list and revoke the one you did not receive.
    """
    out = await service.create(session, request, caller, body)
    return JSONResponse(out.model_dump(mode="json"), status_code=201, headers={"Cache-Control": "no-store"})


@router.get("/api-keys", response_model=Page[ApiKeyOut], operation_id="api_keys_list")
async def list_api_keys(
    session: Session,
    page: Pagination,
    include_revoked: bool = Query(False),
    caller: Caller = Depends(require(Permission.API_KEYS_MANAGE)),
) -> Page[ApiKeyOut]:
    items, cursor = await service.list_keys(session, caller, page, include_revoked)
    return Page(items=items, next_cursor=cursor)


@router.delete("/api-keys/{api_key_id}", status_code=204, operation_id="api_keys_revoke")
async def revoke_api_key(
    api_key_id: uuid.UUID,
    request: Request,
    session: Session,
    caller: Caller = Depends(require(Permission.API_KEYS_MANAGE)),
) -> Response:
    """Revoke a key. Takes no If-Match: revoking a leaked key must never fail on a stale ETag."""
    await service.revoke(session, request, caller, api_key_id)
    return Response(status_code=204)
