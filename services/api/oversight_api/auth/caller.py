"""The authenticated caller and the dependency that requires a permission."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.encoders import jsonable_encoder
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param
from sqlalchemy import select, update
from starlette.routing import BaseRoute

from oversight_api.auth.permissions import Permission, Role, allows
from oversight_api.problems import ProblemError
from oversight_api.resources import Resources
from oversight_db.models.identity import ApiKey
from oversight_db.models.organizations import Organization

KEY_PREFIX = "ovs"
_LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class Caller:
    organization_id: uuid.UUID
    organization_kind: str
    role: Role
    actor: str  # "api_key:<prefix>" or "user:<sub>"; what the audit trail records
    api_key_id: uuid.UUID | None = None

    def can(self, permission: Permission) -> bool:
        return allows(self.role, permission)


def hash_secret(secret: str) -> str:
    # Keys are 256-bit random: a plain SHA-256 is enough (no dictionary to attack), and it is fast per request.
    return hashlib.sha256(secret.encode()).hexdigest()


def new_api_key() -> tuple[str, str, str]:
    """Return (full key shown once, public prefix, stored hash)."""
    prefix = secrets.token_hex(6)
    secret = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    return secret, prefix, hash_secret(secret)


def _unauthenticated(detail: str) -> ProblemError:
    return ProblemError(401, detail, slug="unauthenticated", headers={"WWW-Authenticate": "Bearer"})


_bearer = HTTPBearer(auto_error=False, description="An API key (ovs_...) or an OIDC access token")
"""Documents the scheme in OpenAPI (:func:`document_bearer`); not a runtime dependency, see :func:`get_caller`."""


def document_bearer(schema: dict[str, Any], routes: Sequence[BaseRoute]) -> None:
    """Declare the bearer scheme on every operation that needs a caller, as FastAPI would if
    :func:`get_caller` depended on ``_bearer`` (generated clients rely on it)."""
    name = _bearer.scheme_name
    paths = schema.get("paths", {})
    for ctx in _route_contexts(routes):
        original = getattr(ctx, "original_route", ctx)
        path = getattr(ctx, "path_format", None)
        if not isinstance(original, APIRoute) or path not in paths or not _needs_caller(ctx.dependant):
            continue
        for method in ctx.methods or ():
            operation = paths[path].get(method.lower())
            if operation is not None and {name: []} not in operation.get("security", []):
                operation.setdefault("security", []).append({name: []})
                model = jsonable_encoder(_bearer.model, by_alias=True, exclude_none=True)
                schema.setdefault("components", {}).setdefault("securitySchemes", {})[name] = model


def _route_contexts(routes: Sequence[BaseRoute]) -> list[Any]:
    try:
        from fastapi.routing import iter_route_contexts  # FastAPI >= 0.16x: included routers stay nested
    except ImportError:  # pragma: no cover - older FastAPI flattens routes into app.routes
        return list(routes)
    return list(iter_route_contexts(routes))


def _needs_caller(dependant: Dependant) -> bool:
    return any(
        d.call is get_caller or hasattr(d.call, "permission") or _needs_caller(d)
        for d in dependant.dependencies
    )


async def _caller_from_api_key(resources: Resources, token: str) -> Caller:
    parts = token.split("_", 2)  # the random tail is urlsafe base64 and may itself contain "_"
    if len(parts) != 3:
        raise _unauthenticated("malformed API key")
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
            raise _unauthenticated("unknown or revoked API key")
        key, org_kind = row
        if key.revoked_at is not None or not hmac.compare_digest(key.secret_hash, digest):
            raise _unauthenticated("unknown or revoked API key")
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


async def get_caller(request: Request) -> Caller:
    """The authenticated caller, or a 401 problem."""
    # Reads the header itself (as ``HTTPBearer(auto_error=False)`` does) instead of depending on
    # ``_bearer``: each sub-dependency costs FastAPI's resolver ~15 us per request (see P1).
    authorization = None
    for name, value in request.scope["headers"]:
        if name == b"authorization":
            authorization = value.decode("latin-1")
            break
    scheme, credentials = get_authorization_scheme_param(authorization)
    if not credentials or scheme.lower() != "bearer":
        raise _unauthenticated("send an API key or access token as 'Authorization: Bearer <token>'")
    token = credentials
    resources: Resources = request.app.state.resources
    if token.startswith(f"{KEY_PREFIX}_"):
        return await _caller_from_api_key(resources, token)
    from oversight_api.auth.tokens import caller_from_jwt

    async with resources.sessions() as session:
        caller: Caller = await caller_from_jwt(request, session, token)
    return caller


def require(permission: Permission) -> Callable[..., Awaitable[Caller]]:
    """Dependency factory: the caller, if their role holds ``permission``; else 403.

    It authenticates itself rather than depending on :func:`get_caller`: FastAPI resolves every level of
    dependency per request (~15 us each), and every route but ``/v1/ping`` goes through here.
    """

    async def dependency(request: Request) -> Caller:
        caller = await get_caller(request)
        if not caller.can(permission):
            raise ProblemError(403, f"role {caller.role} may not {permission}", slug="forbidden")
        return caller

    dependency.__name__ = f"require_{permission.replace(':', '_')}"
    # Lets tests read each route's permission from the route table (the tenancy walk) and the OpenAPI
    # hook find the routes that need a caller.
    dependency.permission = permission  # type: ignore[attr-defined]
    return dependency
