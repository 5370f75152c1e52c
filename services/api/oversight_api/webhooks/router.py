"""``/v1/webhook-endpoints``: register, list, delete endpoints and rotate their signing secrets."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Request, Response
from fastapi.encoders import jsonable_encoder
from starlette.responses import JSONResponse

from oversight_api.auth.caller import Caller, require
from oversight_api.auth.permissions import Permission
from oversight_api.conventions.idempotency import IdempotencyKey, idempotent
from oversight_api.conventions.pagination import Page, Pagination
from oversight_api.deps import AppResources, Session
from oversight_api.webhooks import service
from oversight_api.webhooks.schemas import WebhookEndpointIn, WebhookEndpointOut, WebhookEndpointWithSecret

router = APIRouter(tags=["webhooks"])
_MANAGE = Depends(require(Permission.WEBHOOKS_MANAGE))


@router.post(
    "/webhook-endpoints",
    status_code=201,
    response_model=WebhookEndpointWithSecret,
    operation_id="webhook_endpoints_create",
)
async def create_endpoint(
    body: WebhookEndpointIn,
    request: Request,
    session: Session,
    resources: AppResources,
    idem: IdempotencyKey = None,
    caller: Caller = _MANAGE,
) -> JSONResponse:
    async def create() -> JSONResponse:
        endpoint = await service.create(session, request, caller, body, resources.settings)
        out = WebhookEndpointWithSecret.model_validate(endpoint)
        return JSONResponse(
            jsonable_encoder(out),
            status_code=201,
            headers={"Location": f"/v1/webhook-endpoints/{endpoint.id}"},
        )

    return await idempotent(session, request, caller, idem, body, create)


@router.get(
    "/webhook-endpoints", response_model=Page[WebhookEndpointOut], operation_id="webhook_endpoints_list"
)
async def list_endpoints(
    session: Session, page: Pagination, caller: Caller = _MANAGE
) -> Page[WebhookEndpointOut]:
    rows, cursor = await service.list_endpoints(session, caller, page)
    return Page[WebhookEndpointOut](
        items=[WebhookEndpointOut.model_validate(r) for r in rows], next_cursor=cursor
    )


@router.get(
    "/webhook-endpoints/{webhook_endpoint_id}",
    response_model=WebhookEndpointOut,
    operation_id="webhook_endpoints_get",
)
async def get_endpoint(
    webhook_endpoint_id: uuid.UUID, session: Session, caller: Caller = _MANAGE
) -> WebhookEndpointOut:
    return WebhookEndpointOut.model_validate(await service.get(session, caller, webhook_endpoint_id))


@router.delete(
    "/webhook-endpoints/{webhook_endpoint_id}", status_code=204, operation_id="webhook_endpoints_delete"
)
async def delete_endpoint(
    webhook_endpoint_id: uuid.UUID, request: Request, session: Session, caller: Caller = _MANAGE
) -> Response:
    await service.delete(session, request, caller, webhook_endpoint_id)
    return Response(status_code=204)


@router.post(
    "/webhook-endpoints/{webhook_endpoint_id}/rotate-secret",
    response_model=WebhookEndpointWithSecret,
    operation_id="webhook_endpoints_rotate_secret",
)
async def rotate_secret(
    webhook_endpoint_id: uuid.UUID, request: Request, session: Session, caller: Caller = _MANAGE
) -> WebhookEndpointWithSecret:
    return WebhookEndpointWithSecret.model_validate(
        await service.rotate_secret(session, request, caller, webhook_endpoint_id)
    )
