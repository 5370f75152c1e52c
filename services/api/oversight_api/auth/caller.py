"""The authenticated caller and the dependency that requires a permission."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select, update

from oversight_api.auth.permissions import Permission, Role, allows
from oversight_api.deps import Session
from oversight_api.problems import ProblemError
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


async def _caller_from_api_key(session: Session, token: str) -> Caller:
    parts = token.split("_", 2)  # the secret part may itself contain "_"
    if len(parts) != 3:
        raise _unauthenticated("malformed API key")
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
    if key.revoked_at is not None or not hmac.compare_digest(key.secret_hash, hash_secret(token)):
        raise _unauthenticated("unknown or revoked API key")
    now = datetime.now(UTC)
    if key.last_used_at is None or now - key.last_used_at > _LAST_USED_RESOLUTION:
        await session.execute(update(ApiKey).where(ApiKey.id == key.id).values(last_used_at=now))
    return Caller(
        organization_id=key.organization_id,
        organization_kind=org_kind,
        role=Role(key.role),
        actor=f"api_key:{key.prefix}",
        api_key_id=key.id,
    )


async def get_caller(
    request: Request,
    session: Session,
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),
) -> Caller:
    if credentials is None or not credentials.credentials:
        raise _unauthenticated("send an API key or access token as 'Authorization: Bearer <token>'")
    token = credentials.credentials
    if token.startswith(f"{KEY_PREFIX}_"):
        caller = await _caller_from_api_key(session, token)
    else:
        from oversight_api.auth.tokens import caller_from_jwt

        caller = await caller_from_jwt(request, session, token)
    request.state.caller = caller
    return caller


def require(permission: Permission) -> Callable[..., Awaitable[Caller]]:
    """Dependency factory: the caller, if their role holds ``permission``; else 403."""

    async def dependency(caller: Caller = Depends(get_caller)) -> Caller:
        if not caller.can(permission):
            raise ProblemError(403, f"role {caller.role} may not {permission}", slug="forbidden")
        return caller

    dependency.__name__ = f"require_{permission.replace(':', '_')}"
    return dependency
