"""API keys for partner platforms and jobs, managed by the organization's admins."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Response

from oversight_api.api_keys.auth import ApiKeysManage
from oversight_api.conventions.pagination import Pagination
from oversight_api.deps import AppResources, Session
from oversight_app.api_keys import service
from oversight_app.api_keys.schemas import ApiKeyCreated, ApiKeyIn, ApiKeyOut
from oversight_app.pagination import Page

router = APIRouter(tags=["api-keys"])


@router.post("/api-keys", status_code=201, response_model=ApiKeyCreated, operation_id="api_keys_create")
async def create_api_key(body: ApiKeyIn, session: Session, caller: ApiKeysManage) -> Response:
    """Create a key for your organization. The response holds the secret; it is never shown again.

    No Idempotency-Key here: replaying the response would mean storing the secret. A retried request
    makes a second key; list and revoke the one you did not receive.
    """
    created = await service.create(session, caller, body)
    return Response(
        created.model_dump_json(),
        status_code=201,
        media_type="application/json",
        headers={"Cache-Control": "no-store"},
    )


@router.get("/api-keys", response_model=Page[ApiKeyOut], operation_id="api_keys_list")
async def list_api_keys(
    session: Session, page: Pagination, caller: ApiKeysManage, include_revoked: bool = Query(False)
) -> Page[ApiKeyOut]:
    items, cursor = await service.list_keys(session, caller, page, include_revoked)
    return Page(items=items, next_cursor=cursor)


@router.delete("/api-keys/{api_key_id}", status_code=204, operation_id="api_keys_revoke")
async def revoke_api_key(
    api_key_id: uuid.UUID, session: Session, caller: ApiKeysManage, resources: AppResources
) -> Response:
    """Revoke a key. Takes no If-Match: revoking a leaked key must never fail on a stale ETag."""
    key = await service.revoke(session, caller, api_key_id)
    resources.api_keys.evict(key.id)  # this process stops accepting it at once (others within the TTL)
    return Response(status_code=204)
