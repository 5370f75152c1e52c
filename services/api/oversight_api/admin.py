"""Administrative tasks behind the ``oversight`` CLI (orgs, keys, audit), usable from tests in-process.

They take a session and only flush; the CLI's unit of work commits. Each write is audited with the actor
``cli:<operating-system user>``.
"""

from __future__ import annotations

import getpass
import os
import uuid
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.api_keys import service as api_keys
from oversight_app.api_keys.schemas import ApiKeyCreated, ApiKeyIn
from oversight_app.caller import MAX_ACTOR_LENGTH, Caller, clean_identity
from oversight_app.organizations import service as organizations
from oversight_app.organizations.schemas import OrganizationIn
from oversight_db import audit
from oversight_db.audit_checkpoints import Checkpoint, load_checkpoints, write_checkpoint
from oversight_db.audit_checkpoints import entries as checkpoint_entries
from oversight_db.blobs import BlobStore
from oversight_db.models.identity import ApiKey
from oversight_db.models.organizations import Organization

M = TypeVar("M", bound=BaseModel)


class AdminError(Exception):
    """A refusal the CLI prints as one line (exit code 1)."""


def cli_actor() -> str:
    """``cli:<user>``. The name comes from the environment (``LOGNAME``, ``USER``) before the password
    database, so one that is not printable or too long for the audit trail is replaced by the uid."""
    try:
        actor = f"cli:{getpass.getuser()}"
    except Exception:  # no user name in some containers
        return "cli"
    return actor if clean_identity(actor, MAX_ACTOR_LENGTH) else f"cli:uid-{os.getuid()}"


def _input(model: type[M], **values: Any) -> M:
    """The use case's input model from the command's options; a refusal names the option, not its value."""
    try:
        return model(**values)
    except ValidationError as exc:
        reasons = "; ".join(f"--{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise AdminError(reasons) from None


async def create_organization(
    session: AsyncSession, kind: str, name: str, npi: str | None, jurisdiction: str
) -> Organization:
    """The use case of ``POST /v1/organizations`` at the operator's door: any kind, any jurisdiction,
    so the first state of a deployment can exist (see :mod:`oversight_app.organizations.service`)."""
    body = _input(OrganizationIn, kind=kind, name=name, npi=npi, jurisdiction=jurisdiction)
    return await organizations.create_organization_as_operator(session, cli_actor(), body)


async def acting_for(session: AsyncSession, organization_id: uuid.UUID) -> Caller:
    """The CLI's caller: the operator, as the organization's administrator, audited as ``cli:<user>``."""
    kind = await session.scalar(select(Organization.kind).where(Organization.id == organization_id))
    if kind is None:
        raise AdminError("no such organization")
    return organizations.administrator(organization_id, kind, cli_actor())


async def create_key(
    session: AsyncSession, organization_id: uuid.UUID, role: str, name: str
) -> tuple[str, ApiKeyCreated]:
    """The same use case as ``POST /v1/api-keys``, for the organization's administrator."""
    caller = await acting_for(session, organization_id)
    created = await api_keys.create(session, caller, _input(ApiKeyIn, name=name, role=role))
    return created.secret, created


async def revoke_key(session: AsyncSession, key_ref: str) -> ApiKey:
    """``key_ref``: the key's id or its public prefix. The same use case as ``DELETE /v1/api-keys/{id}``."""
    try:
        by_id = ApiKey.id == uuid.UUID(key_ref)
    except ValueError:
        by_id = None
    condition = or_(by_id, ApiKey.prefix == key_ref) if by_id is not None else ApiKey.prefix == key_ref
    key = await session.scalar(select(ApiKey).where(condition))
    if key is None:
        raise AdminError("no such API key")
    return await api_keys.revoke(session, await acting_for(session, key.organization_id), key.id)


async def verify_audit(session: AsyncSession, blobs: BlobStore | None = None) -> list[audit.ChainBreak]:
    """Every break: events against the audit keys and, with ``blobs``, against the signed checkpoints there."""
    checkpoints, bad = await load_checkpoints(blobs) if blobs is not None else ([], [])
    return bad + [b async for b in audit.verify(session, checkpoints=checkpoint_entries(checkpoints))]


async def write_audit_checkpoint(session: AsyncSession, blobs: BlobStore) -> Checkpoint:
    return await write_checkpoint(session, blobs)
