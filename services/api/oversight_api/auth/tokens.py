"""OIDC bearer tokens for the SPA (pyjwt): issuer, audience and keys from settings."""

from __future__ import annotations

import uuid
from typing import Any

import jwt
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.resources import Resources
from oversight_app.caller import MAX_ACTOR_LENGTH, Caller, clean_identity
from oversight_app.errors import ProblemError
from oversight_app.permissions import Role, role_fits
from oversight_db.models.organizations import Organization

ACTOR_PREFIX = "user:"


def _unauthenticated(detail: str) -> ProblemError:
    return ProblemError(401, detail, slug="unauthenticated", headers={"WWW-Authenticate": "Bearer"})


def _subject(claims: dict[str, Any]) -> str:
    """The token's ``sub``, which the audit trail records as ``user:<sub>`` and logs may carry: a signed
    token is still the identity provider's (or its users') text, so a subject with a control character
    (a newline forges a line), or longer than the actor column holds, is refused rather than recorded."""
    sub = claims.get("sub")
    if not clean_identity(sub, MAX_ACTOR_LENGTH - len(ACTOR_PREFIX)):
        raise _unauthenticated(
            f"the token's subject must be 1-{MAX_ACTOR_LENGTH - len(ACTOR_PREFIX)} printable characters"
        )
    assert isinstance(sub, str)
    return sub


async def _signing_key(resources: Resources, token: str) -> Any:
    settings = resources.settings
    if settings.oidc_public_key:
        return settings.oidc_public_key
    if not settings.oidc_jwks_url:
        raise _unauthenticated("bearer tokens are not configured; use an API key")
    client = resources.jwks_cache.get("client")
    if not isinstance(client, jwt.PyJWKClient):
        client = jwt.PyJWKClient(settings.oidc_jwks_url, cache_keys=True, lifespan=300)
        resources.jwks_cache["client"] = client
    import asyncio

    try:
        signing = await asyncio.to_thread(client.get_signing_key_from_jwt, token)
    except jwt.PyJWKClientError as exc:
        raise _unauthenticated(f"cannot find the token's signing key: {exc}") from None
    except jwt.PyJWTError:
        raise _unauthenticated("the access token is not a JWT") from None
    return signing.key


async def caller_from_jwt(resources: Resources, session: AsyncSession, token: str) -> Caller:
    settings = resources.settings
    key = await _signing_key(resources, token)
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=settings.oidc_algorithms,
            audience=settings.oidc_audience,
            issuer=settings.oidc_issuer,
            options={"require": ["exp", "sub"]},
        )
    except jwt.PyJWTError as exc:
        raise _unauthenticated(f"invalid access token: {exc}") from None
    actor = ACTOR_PREFIX + _subject(claims)
    try:
        org_id = uuid.UUID(str(claims.get(settings.oidc_org_claim)))
    except ValueError:
        raise _unauthenticated(
            f"the token's {settings.oidc_org_claim!r} claim is not an organization id"
        ) from None
    org_kind = await session.scalar(select(Organization.kind).where(Organization.id == org_id))
    if org_kind is None:
        raise _unauthenticated("the token's organization is unknown")
    raw_roles = claims.get(settings.oidc_roles_claim) or []
    if isinstance(raw_roles, str):
        raw_roles = raw_roles.split()
    # Only roles that exist in this kind of organization count (a plan has no "provider" users).
    names = [r for r in raw_roles if isinstance(r, str) and r in Role._value2member_map_]
    roles = [Role(r) for r in names if role_fits(org_kind, Role(r))]
    if not roles:
        raise ProblemError(403, "the token carries no Oversight role for its organization", slug="forbidden")
    # One role per request: the most capable the token carries, in matrix order.
    order = [Role.STATE_ADMIN, Role.PLAN_ADMIN, Role.REVIEWER, Role.PROVIDER, Role.VIEWER]
    role = next(r for r in order if r in roles)
    return Caller(organization_id=org_id, organization_kind=org_kind, role=role, actor=actor)
