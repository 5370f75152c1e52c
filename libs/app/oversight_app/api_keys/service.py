"""API keys: scoped to the caller's organization; a role must fit the organization's kind."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.api_key_secrets import new_api_key
from oversight_app.api_keys.schemas import ApiKeyCreated, ApiKeyIn, ApiKeyOut
from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.errors import not_found, unprocessable
from oversight_app.pagination import PageParams, keyset_page
from oversight_app.permissions import ROLES_BY_KIND, role_fits
from oversight_db.models.identity import ApiKey


async def create(session: AsyncSession, caller: Caller, body: ApiKeyIn) -> ApiKeyCreated:
    if not role_fits(caller.organization_kind, body.role):
        allowed = ", ".join(sorted(ROLES_BY_KIND[caller.organization_kind]))
        raise unprocessable(
            "this role does not exist in your organization",
            [
                {
                    "path": "body.role",
                    "message": f"a {caller.organization_kind} organization has the roles {allowed}",
                }
            ],
        )
    secret, prefix, digest = new_api_key()
    key = ApiKey(
        id=uuid.uuid4(),
        organization_id=caller.organization_id,
        role=body.role.value,
        name=body.name,
        prefix=prefix,
        secret_hash=digest,
        created_by=caller.actor,
    )
    session.add(key)
    await session.flush()
    await session.refresh(key)
    await audit_event(
        session, caller, "api_key.created", "api_key", key.id, {"role": key.role, "prefix": prefix}
    )
    return ApiKeyCreated(**ApiKeyOut.model_validate(key).model_dump(), secret=secret)


async def list_keys(
    session: AsyncSession, caller: Caller, page: PageParams, include_revoked: bool
) -> tuple[list[ApiKeyOut], str | None]:
    stmt = select(ApiKey).where(ApiKey.organization_id == caller.organization_id)
    if not include_revoked:
        stmt = stmt.where(ApiKey.revoked_at.is_(None))
    rows, cursor = await keyset_page(session, stmt, [ApiKey.created_at, ApiKey.id], page, descending=True)
    return [ApiKeyOut.model_validate(r) for r in rows], cursor


async def revoke(session: AsyncSession, caller: Caller, api_key_id: uuid.UUID) -> ApiKey:
    """Idempotent: revoking a revoked key succeeds and keeps the first revocation time."""
    key = await session.scalar(
        select(ApiKey)
        .where(ApiKey.id == api_key_id, ApiKey.organization_id == caller.organization_id)
        .with_for_update()
    )
    if key is None:
        raise not_found("API key")
    if key.revoked_at is None:
        key.revoked_at = datetime.now(UTC)
        await session.flush()
        await audit_event(session, caller, "api_key.revoked", "api_key", key.id, {"prefix": key.prefix})
    return key
