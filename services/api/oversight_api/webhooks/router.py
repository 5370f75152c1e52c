"""``/v1/webhook-endpoints``: register, list, delete endpoints and rotate their signing secrets."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from oversight_api.conventions.idempotency import idempotent
from oversight_api.conventions.pagination import Pagination
from oversight_api.conventions.responses import respond
from oversight_api.deps import AppResources, Session
from oversight_api.webhooks.auth import WebhooksManage
from oversight_app.pagination import Page
from oversight_app.webhooks import service
from oversight_app.webhooks.schemas import WebhookEndpointIn, WebhookEndpointOut, WebhookEndpointWithSecret

router = APIRouter(tags=["webhooks"])


@router.post(
    "/webhook-endpoints",
    status_code=201,
    response_model=WebhookEndpointWithSecret,
    operation_id="webhook_endpoints_create",
)
@idempotent
async def create_endpoint(
    body: WebhookEndpointIn, session: Session, resources: AppResources, caller: WebhooksManage
) -> Response:
    endpoint = await service.create(session, caller, body, resources.settings)
    out = WebhookEndpointWithSecret.model_validate(endpoint)
    return respond(out, status=201, location=f"/v1/webhook-endpoints/{endpoint.id}")


@router.get(
    "/webhook-endpoints", response_model=Page[WebhookEndpointOut], operation_id="webhook_endpoints_list"
)
async def list_endpoints(
    session: Session, page: Pagination, caller: WebhooksManage
) -> Page[WebhookEndpointOut]:
    rows, cursor = await service.list_endpoints(session, caller, page)
    return Page(items=[WebhookEndpointOut.model_validate(r) for r in rows], next_cursor=cursor)


@router.get(
    "/webhook-endpoints/{webhook_endpoint_id}",
    response_model=WebhookEndpointOut,
    operation_id="webhook_endpoints_get",
)
async def get_endpoint(
    webhook_endpoint_id: uuid.UUID, session: Session, caller: WebhooksManage
) -> WebhookEndpointOut:
    return WebhookEndpointOut.model_validate(await service.get(session, caller, webhook_endpoint_id))


@router.delete(
    "/webhook-endpoints/{webhook_endpoint_id}", status_code=204, operation_id="webhook_endpoints_delete"
)
async def delete_endpoint(
    webhook_endpoint_id: uuid.UUID, session: Session, caller: WebhooksManage
) -> Response:
    await service.delete(session, caller, webhook_endpoint_id)
    return Response(status_code=204)


@router.post(
    "/webhook-endpoints/{webhook_endpoint_id}/rotate-secret",
    response_model=WebhookEndpointWithSecret,
    operation_id="webhook_endpoints_rotate_secret",
)
async def rotate_secret(
    webhook_endpoint_id: uuid.UUID, session: Session, caller: WebhooksManage
) -> WebhookEndpointWithSecret:
    return WebhookEndpointWithSecret.model_validate(
        await service.rotate_secret(session, caller, webhook_endpoint_id)
    )
