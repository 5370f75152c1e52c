"""Authentication: the bearer credential of a request becomes a :class:`~oversight_app.caller.Caller`.

Routes ask for a permission through a per-resource alias (``ReviewsWrite = Annotated[Caller,
Depends(require(Permission.REVIEWS_WRITE))]``, in each resource's ``auth.py``); ``require`` depends on
``Security(HTTPBearer)``, so OpenAPI documents the scheme on every operation that needs a caller.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select, update

from oversight_api.resources import Resources
from oversight_app.api_key_secrets import KEY_PREFIX, hash_secret
from oversight_app.caller import Caller
from oversight_app.errors import ProblemError
from oversight_app.permissions import Permission, Role
from oversight_db.models.identity import ApiKey
from oversight_db.models.organizations import Organization

_LAST_USED_RESOLUTION = timedelta(minutes=1)

bearer = HTTPBearer(auto_error=False, description="An API key (ovs_...) or an OIDC access token")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]


def unauthenticated(detail: str) -> ProblemError:
    return ProblemError(401, detail, slug="unauthenticated", headers={"WWW-Authenticate": "Bearer"})


async def _caller_from_api_key(resources: Resources, token: str) -> Caller:
    parts = token.split("_", 2)  # the random tail is urlsafe base64 and may itself contain "_"
    if len(parts) != 3:
        raise unauthenticated("malformed API key")
    digest = hash_secret(token)
    cached = resources.api_keys.get(digest)
    if cached is not None:
        return cached
    # Its own short transaction, not the request's: a cache hit then needs no session at all, and the
    # last-used time is recorded even when the request itself fails.
    async with resources.sessions() as session, session.begin():
        row = (
            await session.execute(
                select(ApiKey, Organization.kind)
                .join(Organization, Organization.id == ApiKey.organization_id)
                .where(ApiKey.prefix == parts[1])
            )
        ).one_or_none()
        if row is None:
            raise unauthenticated("unknown or revoked API key")
        key, org_kind = row
        if key.revoked_at is not None or not hmac.compare_digest(key.secret_hash, digest):
            raise unauthenticated("unknown or revoked API key")
        now = datetime.now(UTC)
        if key.last_used_at is None or now - key.last_used_at > _LAST_USED_RESOLUTION:
            await session.execute(update(ApiKey).where(ApiKey.id == key.id).values(last_used_at=now))
    caller = Caller(
        organization_id=key.organization_id,
        organization_kind=org_kind,
        role=Role(key.role),
        actor=f"api_key:{key.prefix}",
        api_key_id=key.id,
    )
    resources.api_keys.put(digest, caller, resources.settings.api_key_cache_seconds)
    return caller


async def authenticate(resources: Resources, credentials: HTTPAuthorizationCredentials | None) -> Caller:
    """The caller a bearer credential names, or a 401 problem."""
    if credentials is None or not credentials.credentials:
        raise unauthenticated("send an API key or access token as 'Authorization: Bearer <token>'")
    token = credentials.credentials
    if token.startswith(f"{KEY_PREFIX}_"):
        return await _caller_from_api_key(resources, token)
    from oversight_api.auth.tokens import caller_from_jwt

    async with resources.sessions() as session:
        return await caller_from_jwt(resources, session, token)


async def identify(request: Request, credentials: HTTPAuthorizationCredentials | None) -> Caller:
    """:func:`authenticate`, within the rate limits: failed attempts per client address, requests per caller."""
    resources: Resources = request.app.state.resources
    limits = resources.rate_limits
    if limits is None:
        return await authenticate(resources, credentials)
    address = request.client.host if request.client else "unknown"
    await limits.refuse_blocked_address(address)
    try:
        caller = await authenticate(resources, credentials)
    except ProblemError as exc:
        if exc.status == 401 and credentials is not None:  # a credential was tried and failed
            await limits.count_failure(address)
        raise
    await limits.count_request(caller)
    return caller


async def get_caller(request: Request, credentials: Credentials) -> Caller:
    """Any authenticated caller (``/v1/ping``)."""
    return await identify(request, credentials)


def require(permission: Permission) -> Callable[..., Awaitable[Caller]]:
    """Dependency factory: the caller, if their role holds ``permission``; else 403."""

    async def dependency(request: Request, credentials: Credentials) -> Caller:
        caller = await identify(request, credentials)
        if not caller.can(permission):
            raise ProblemError(403, f"role {caller.role} may not {permission}", slug="forbidden")
        return caller

    dependency.__name__ = f"require_{permission.replace(':', '_')}"
    # Lets tests read each route's permission from the route table (the tenancy walk).
    dependency.permission = permission  # type: ignore[attr-defined]
    return dependency


AnyCaller = Annotated[Caller, Depends(get_caller)]
