"""Managing webhook endpoints. Services only flush."""

from __future__ import annotations

import base64
import secrets
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.errors import unprocessable
from oversight_app.lookup import one_or_404
from oversight_app.pagination import PageParams, keyset_page
from oversight_app.webhooks.schemas import WebhookEndpointIn
from oversight_db.models.notices import WebhookEndpoint
from oversight_db.notice_kinds import NOTICE_KINDS
from oversight_db.settings import Settings

# After a rotation deliveries are signed with the new secret and, for this long, also with the old one.
ROTATION_GRACE = timedelta(hours=24)
MAX_ENDPOINTS = 10


def new_secret() -> str:
    # Standard Webhooks: "whsec_" + standard base64 of 24-64 random bytes. Not URL-safe base64: the spec's
    # verifiers in other languages refuse "-" and "_".
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _validate(body: WebhookEndpointIn, settings: Settings) -> None:
    errors = []
    if settings.environment == "production" and body.url.scheme != "https":
        errors.append({"path": "body.url", "message": "must be an https URL"})
    for i, kind in enumerate(body.event_types):
        if kind not in NOTICE_KINDS:
            errors.append({"path": f"body.event_types[{i}]", "message": f"unknown notice kind {kind!r}"})
    if errors:
        raise unprocessable("the webhook endpoint has invalid fields", errors=errors)


async def create(
    session: AsyncSession, caller: Caller, body: WebhookEndpointIn, settings: Settings
) -> WebhookEndpoint:
    _validate(body, settings)
    active = await session.scalars(
        select(WebhookEndpoint.id).where(
            WebhookEndpoint.organization_id == caller.organization_id, WebhookEndpoint.deleted_at.is_(None)
        )
    )
    if len(active.all()) >= MAX_ENDPOINTS:
        raise unprocessable(f"an organization may have at most {MAX_ENDPOINTS} webhook endpoints",
                            slug="too-many-webhook-endpoints")  # fmt: skip
    endpoint = WebhookEndpoint(
        id=uuid.uuid4(),
        organization_id=caller.organization_id,
        url=str(body.url),
        description=body.description,
        event_types=sorted(set(body.event_types)),
        secret=new_secret(),
        created_by=caller.actor,
    )
    session.add(endpoint)
    await session.flush()
    await session.refresh(endpoint)
    await audit_event(session, caller, "webhook_endpoint.create", "webhook_endpoint", endpoint.id,
                      {"event_types": endpoint.event_types})  # fmt: skip
    return endpoint


async def get(
    session: AsyncSession, caller: Caller, endpoint_id: uuid.UUID, *, lock: bool = False
) -> WebhookEndpoint:
    stmt = select(WebhookEndpoint).where(
        WebhookEndpoint.id == endpoint_id,
        WebhookEndpoint.organization_id == caller.organization_id,
        WebhookEndpoint.deleted_at.is_(None),
    )
    return await one_or_404(session, stmt, "webhook endpoint", lock=lock)


async def list_endpoints(
    session: AsyncSession, caller: Caller, page: PageParams
) -> tuple[list[WebhookEndpoint], str | None]:
    stmt = select(WebhookEndpoint).where(
        WebhookEndpoint.organization_id == caller.organization_id, WebhookEndpoint.deleted_at.is_(None)
    )
    rows, cursor = await keyset_page(session, stmt, [WebhookEndpoint.created_at, WebhookEndpoint.id], page)
    return rows, cursor


async def delete(session: AsyncSession, caller: Caller, endpoint_id: uuid.UUID) -> None:
    """Soft delete: past deliveries keep pointing at it; pending ones to it are cancelled by the worker."""
    endpoint = await get(session, caller, endpoint_id, lock=True)
    endpoint.deleted_at = datetime.now(UTC)
    await session.flush()
    await audit_event(session, caller, "webhook_endpoint.delete", "webhook_endpoint", endpoint.id)


async def rotate_secret(session: AsyncSession, caller: Caller, endpoint_id: uuid.UUID) -> WebhookEndpoint:
    endpoint = await get(session, caller, endpoint_id, lock=True)
    now = datetime.now(UTC)
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = now + ROTATION_GRACE
    endpoint.secret = new_secret()
    endpoint.secret_rotated_at = now
    await session.flush()
    await audit_event(session, caller, "webhook_endpoint.rotate_secret", "webhook_endpoint", endpoint.id)
    return endpoint
