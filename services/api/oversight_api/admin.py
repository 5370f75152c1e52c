"""Administrative tasks behind the ``oversight`` CLI (orgs, keys, audit), usable from tests in-process.

They take a session and only flush; the CLI's unit of work commits. Each write is audited with the actor
``cli:<operating-system user>``.
"""

from __future__ import annotations

import getpass
import uuid
from datetime import UTC, datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.auth.caller import new_api_key
from oversight_api.auth.permissions import ROLES_BY_KIND, Role, role_fits
from oversight_api.organizations.npi import is_valid_npi
from oversight_db import audit
from oversight_db.models.identity import ApiKey
from oversight_db.models.organizations import Organization


class AdminError(Exception):
    """A refusal the CLI prints as one line (exit code 1)."""


def cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no user name in some containers
        return "cli"


async def create_organization(
    session: AsyncSession, kind: str, name: str, npi: str | None, jurisdiction: str
) -> Organization:
    if kind not in ROLES_BY_KIND:
        raise AdminError(f"kind must be one of {', '.join(ROLES_BY_KIND)}")
    if kind == "provider" and not npi:
        raise AdminError("a provider needs --npi")
    if npi is not None and not is_valid_npi(npi):
        raise AdminError("--npi is not a valid NPI (10 digits with the Luhn check digit)")
    if npi and await session.scalar(select(Organization.id).where(Organization.npi == npi)):
        raise AdminError("an organization with this NPI exists")
    org = Organization(id=uuid.uuid4(), kind=kind, name=name, npi=npi, jurisdiction=jurisdiction, settings={})
    session.add(org)
    await session.flush()
    await audit.record(
        session,
        organization_id=org.id,
        actor=cli_actor(),
        action="organization.created",
        entity_type="organization",
        entity_id=org.id,
        changes={"fields": ["kind", "name", "npi", "jurisdiction"], "kind": kind},
    )
    return org


async def create_key(
    session: AsyncSession, organization_id: uuid.UUID, role: str, name: str
) -> tuple[str, ApiKey]:
    kind = await session.scalar(select(Organization.kind).where(Organization.id == organization_id))
    if kind is None:
        raise AdminError("no such organization")
    if role not in Role._value2member_map_ or not role_fits(kind, Role(role)):
        allowed = ", ".join(sorted(ROLES_BY_KIND[kind]))
        raise AdminError(f"a {kind} organization has the roles {allowed}")
    secret, prefix, digest = new_api_key()
    key = ApiKey(
        id=uuid.uuid4(),
        organization_id=organization_id,
        role=role,
        name=name,
        prefix=prefix,
        secret_hash=digest,
        created_by=cli_actor(),
    )
    session.add(key)
    await session.flush()
    await audit.record(
        session,
        organization_id=organization_id,
        actor=cli_actor(),
        action="api_key.created",
        entity_type="api_key",
        entity_id=key.id,
        changes={"role": role, "prefix": prefix},
    )
    return secret, key


async def revoke_key(session: AsyncSession, key_ref: str) -> ApiKey:
    """``key_ref``: the key's id or its public prefix."""
    try:
        by_id = ApiKey.id == uuid.UUID(key_ref)
    except ValueError:
        by_id = None
    condition = or_(by_id, ApiKey.prefix == key_ref) if by_id is not None else ApiKey.prefix == key_ref
    key = await session.scalar(select(ApiKey).where(condition).with_for_update())
    if key is None:
        raise AdminError("no such API key")
    if key.revoked_at is None:
        key.revoked_at = datetime.now(UTC)
        await session.flush()
        await audit.record(
            session,
            organization_id=key.organization_id,
            actor=cli_actor(),
            action="api_key.revoked",
            entity_type="api_key",
            entity_id=key.id,
            changes={"prefix": key.prefix},
        )
    return key


async def verify_audit(session: AsyncSession) -> list[audit.ChainBreak]:
    return [b async for b in audit.verify(session)]
