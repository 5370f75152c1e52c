"""Activity imports: a plan uploads a file (CSV or NDJSON); it goes to blob storage and the worker loads
it (``oversight_app.imports.loader``). The same file sent again (same plan, kind and sha256) is the same
import: nothing is stored or loaded twice. A failed import sent again is loaded again (the members it
named may have been sent since)."""

from __future__ import annotations

import hashlib
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.errors import ProblemError
from oversight_app.imports.schemas import ImportFormat, ImportKind, ImportOut
from oversight_app.lookup import one_or_404
from oversight_app.pagination import PageParams, keyset_page
from oversight_db.blobs import BlobStore
from oversight_db.models.activity import ActivityImport

CONTENT_TYPES = {"csv": "text/csv", "ndjson": "application/x-ndjson"}


def plan_only(caller: Caller) -> None:
    if caller.organization_kind != "plan":
        raise ProblemError(403, "only a plan sends care-management data", slug="forbidden")


def blob_key(plan_id: uuid.UUID, kind: str, sha256: str) -> str:
    return f"imports/{plan_id}/{kind}/{sha256}"


async def create_import(
    session: AsyncSession,
    caller: Caller,
    kind: ImportKind,
    file_format: ImportFormat,
    data: bytes,
    blobs: BlobStore,
) -> tuple[ImportOut, bool]:
    """The import of this file (created or, for the same content, the existing one) and whether it is new.

    The bytes are stored before any database statement, under a key of their own hash (storing them
    again is harmless), so no transaction is open while they travel."""
    plan_only(caller)
    if not data.strip():
        raise ProblemError(422, "the file is empty", slug="validation")
    sha256 = hashlib.sha256(data).hexdigest()
    key = blob_key(caller.organization_id, kind, sha256)
    await blobs.put(key, data, CONTENT_TYPES[file_format])
    existing = await session.scalar(
        select(ActivityImport).where(
            ActivityImport.plan_id == caller.organization_id,
            ActivityImport.kind == kind,
            ActivityImport.content_sha256 == sha256,
        )
    )
    if existing is not None:
        if existing.status == "failed":
            existing.status, existing.errors, existing.error_count = "pending", [], 0
            await session.flush()
            await audit_event(session, caller, "activity_import.retried", "activity_import", existing.id, {})
        return ImportOut.model_validate(existing), False
    record = ActivityImport(
        id=uuid.uuid4(),
        plan_id=caller.organization_id,
        kind=kind,
        file_format=file_format,
        status="pending",
        content_sha256=sha256,
        blob_key=key,
        size_bytes=len(data),
        errors=[],
        error_count=0,
        created_by=caller.actor,
    )
    session.add(record)
    await session.flush()
    await session.refresh(record)
    await audit_event(
        session,
        caller,
        "activity_import.created",
        "activity_import",
        record.id,
        {"kind": kind, "bytes": len(data)},
    )
    return ImportOut.model_validate(record), True


async def get_import(session: AsyncSession, caller: Caller, import_id: uuid.UUID) -> ImportOut:
    record = await one_or_404(
        session,
        select(ActivityImport).where(
            ActivityImport.id == import_id, ActivityImport.plan_id == caller.organization_id
        ),
        "activity import",
    )
    return ImportOut.model_validate(record)


async def list_imports(
    session: AsyncSession, caller: Caller, page: PageParams, kind: ImportKind | None = None
) -> tuple[list[ImportOut], str | None]:
    stmt = select(ActivityImport).where(ActivityImport.plan_id == caller.organization_id)
    if kind is not None:
        stmt = stmt.where(ActivityImport.kind == kind)
    rows, cursor = await keyset_page(
        session, stmt, [ActivityImport.created_at, ActivityImport.id], page, descending=True
    )
    return [ImportOut.model_validate(r) for r in rows], cursor
