"""Tool versions: what a caller can see, importing a version, syncing the shipped ones, and resolving the
version a review uses.

A stored version changes only while no review uses it: importing (an organization's own versions) and syncing
(the shipped ones) go through the one rule in :func:`_store`.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from sqlalchemy import ColumnElement, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.errors import conflict, not_found, unprocessable
from oversight_app.pagination import PageParams, keyset_page
from oversight_app.tools.schemas import ToolVersionOut, ToolVersionSummary
from oversight_db.models.reviews import Review, ToolVersionRecord
from oversight_db.tools import row_values, tool_in_use
from oversight_domain.tools import ToolValidationError, ToolVersion, parse_tool, shipped_tools

ToolFormat = Literal["yaml", "json"]


def visible(caller: Caller) -> ColumnElement[bool]:
    """Shipped tools, the caller's own imports, and (providers) the versions their reviews use."""
    clauses: list[ColumnElement[bool]] = [
        ToolVersionRecord.organization_id.is_(None),
        ToolVersionRecord.organization_id == caller.organization_id,
    ]
    if caller.organization_kind == "provider":
        clauses.append(
            exists().where(
                Review.tool_version_id == ToolVersionRecord.id, Review.provider_id == caller.organization_id
            )
        )
    return or_(*clauses)


async def _in_use(session: AsyncSession, ids: list[uuid.UUID]) -> set[uuid.UUID]:
    if not ids:
        return set()
    rows = await session.scalars(
        select(Review.tool_version_id).where(Review.tool_version_id.in_(ids)).distinct()
    )
    return set(rows)


def _summary(row: ToolVersionRecord, in_use: bool) -> dict[str, Any]:
    return {
        "id": row.id,
        "key": row.key,
        "version": row.version,
        "title": row.title,
        "program": row.program,
        "jurisdiction": row.jurisdiction,
        "shipped": row.organization_id is None,
        "organization_id": row.organization_id,
        "content_hash": row.content_hash,
        "in_use": in_use,
        "created_at": row.created_at,
    }


async def list_tools(
    session: AsyncSession,
    caller: Caller,
    page: PageParams,
    program: str | None,
    key: str | None,
) -> tuple[list[ToolVersionSummary], str | None]:
    stmt = select(ToolVersionRecord).where(visible(caller))
    if program:
        stmt = stmt.where(ToolVersionRecord.program == program)
    if key:
        stmt = stmt.where(ToolVersionRecord.key == key)
    rows, cursor = await keyset_page(
        session, stmt, [ToolVersionRecord.key, ToolVersionRecord.version, ToolVersionRecord.id], page
    )
    used = await _in_use(session, [r.id for r in rows])
    return [ToolVersionSummary(**_summary(r, r.id in used)) for r in rows], cursor


async def find_version(
    session: AsyncSession, caller: Caller, key: str, version: str | None
) -> ToolVersionRecord | None:
    """The version the caller means: its own import first, then the shipped one. Without ``version``,
    the most recently stored version of the key (own imports first)."""
    stmt = select(ToolVersionRecord).where(visible(caller), ToolVersionRecord.key == key)
    if version is not None:
        stmt = stmt.where(ToolVersionRecord.version == version)
    own_first = (ToolVersionRecord.organization_id == caller.organization_id).desc()
    stmt = stmt.order_by(own_first, ToolVersionRecord.created_at.desc(), ToolVersionRecord.id).limit(1)
    row: ToolVersionRecord | None = await session.scalar(stmt)
    return row


async def get_tool(session: AsyncSession, caller: Caller, key: str, version: str) -> ToolVersionOut:
    row = await find_version(session, caller, key, version)
    if row is None:
        raise not_found("tool version")
    return ToolVersionOut(**_summary(row, await tool_in_use(session, row.id)), document=row.document)


# --- storing a version -----------------------------------------------------------------------------------


class Stored(StrEnum):
    ADDED = "added"
    UNCHANGED = "unchanged"
    REPLACED = "replaced"
    IN_USE = "in_use"  # the content differs but a review uses the stored version: nothing changed


async def _stored_row(
    session: AsyncSession, organization_id: uuid.UUID | None, tool: ToolVersion, *, lock: bool = False
) -> ToolVersionRecord | None:
    """The stored version of ``tool`` owned by the organization (``None``: the shipped one)."""
    owner = (
        ToolVersionRecord.organization_id.is_(None)
        if organization_id is None
        else ToolVersionRecord.organization_id == organization_id
    )
    stmt = select(ToolVersionRecord).where(
        owner, ToolVersionRecord.key == tool.key, ToolVersionRecord.version == tool.version
    )
    row: ToolVersionRecord | None = await session.scalar(stmt.with_for_update() if lock else stmt)
    return row


async def _store(
    session: AsyncSession, row: ToolVersionRecord | None, values: dict[str, Any]
) -> tuple[ToolVersionRecord, Stored]:
    """Add the version, or replace the stored ``row`` with ``values`` unless the content is the same or a
    review uses it (a used version is immutable: the review's scores were computed with it)."""
    if row is None:
        row = ToolVersionRecord(id=uuid.uuid4(), **values)
        session.add(row)
        await session.flush()
        return row, Stored.ADDED
    if row.content_hash == values["content_hash"]:
        return row, Stored.UNCHANGED
    if await tool_in_use(session, row.id):
        return row, Stored.IN_USE
    await session.execute(update(ToolVersionRecord).where(ToolVersionRecord.id == row.id).values(**values))
    await session.refresh(row)
    return row, Stored.REPLACED


@dataclass(frozen=True)
class ImportedTool:
    tool: ToolVersionOut
    created: bool  # False: the version existed (same content, or replaced while unused)


def _parse(raw: bytes, fmt: ToolFormat) -> ToolVersion:
    try:
        return parse_tool(raw, fmt)
    except ToolValidationError as exc:
        errors = [{"path": e["path"] or "<document>", "message": e["message"]} for e in exc.errors]
        raise unprocessable("the tool document is invalid", errors=errors, slug="invalid-tool") from None


async def import_tool(session: AsyncSession, caller: Caller, fmt: ToolFormat, raw: bytes) -> ImportedTool:
    """Store the caller's own version of a tool; re-importing an unused version replaces it."""
    # Parsing is bounded (document size, nesting, numbers, no YAML aliases) but is still milliseconds of pure
    # CPU for a large document: in a worker thread, so the event loop keeps answering other requests.
    tool = await asyncio.to_thread(_parse, raw, fmt)
    if await _stored_row(session, None, tool) is not None:
        raise conflict(
            f"{tool.key} version {tool.version} is a shipped tool version; import yours as a new version",
            slug="tool-version-exists",
        )
    # Locked: two imports of one version at once replace it one after the other.
    row = await _stored_row(session, caller.organization_id, tool, lock=True)
    row, outcome = await _store(session, row, row_values(tool, caller.organization_id, caller.actor))
    if outcome is Stored.IN_USE:
        raise conflict(
            f"{tool.key} version {tool.version} is used by a review and cannot change; "
            "import the change as a new version",
            slug="tool-version-in-use",
        )
    if outcome is not Stored.UNCHANGED:
        action = "tool_version.imported" if outcome is Stored.ADDED else "tool_version.replaced"
        await audit_event(
            session, caller, action, "tool_version", row.id, {"key": tool.key, "version": tool.version}
        )
    out = ToolVersionOut(**_summary(row, False), document=row.document)
    return ImportedTool(out, created=outcome is Stored.ADDED)


@dataclass(frozen=True)
class SyncResult:
    added: list[str]
    updated: list[str]
    unchanged: list[str]
    conflicts: list[str]  # shipped content changed but a review already uses the stored version


async def sync_shipped_tools(session: AsyncSession) -> SyncResult:
    """Make the stored shipped tools match the package data (``oversight tools sync``). A stored version
    that no review uses is updated in place; one a review uses is reported as a conflict (bump the version)."""
    labels: dict[Stored, list[str]] = {outcome: [] for outcome in Stored}
    for tool in shipped_tools():
        row = await _stored_row(session, None, tool)
        _, outcome = await _store(session, row, row_values(tool, None, "shipped"))
        labels[outcome].append(f"{tool.key}@{tool.version}")
    return SyncResult(
        added=labels[Stored.ADDED],
        updated=labels[Stored.REPLACED],
        unchanged=labels[Stored.UNCHANGED],
        conflicts=labels[Stored.IN_USE],
    )
