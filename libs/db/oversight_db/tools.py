"""Tool versions in the database: the shipped tools' rows and reading a version back (importing and syncing
versions are use cases: ``oversight_app.tools``).

The document column holds the domain model's JSON dump; :func:`tool_from_row` parses it back (cached by
content hash, since a version never changes once stored and used).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.dialects.postgresql import Insert, insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models.reviews import Review, ToolVersionRecord
from oversight_domain.tools import ToolVersion, parse_tool, shipped_tools, tool_to_data


def content_hash(document: dict[str, Any]) -> str:
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def row_values(
    tool: ToolVersion, organization_id: uuid.UUID | None, created_by: str | None
) -> dict[str, Any]:
    document = tool_to_data(tool)
    return {
        "organization_id": organization_id,
        "key": tool.key,
        "version": tool.version,
        "title": tool.title,
        "program": tool.program,
        "jurisdiction": tool.jurisdiction,
        "document": document,
        "content_hash": content_hash(document),
        "created_by": created_by,
    }


def shipped_tools_insert() -> Insert:
    """INSERT of every shipped tool version, skipping versions already stored (used by the migration)."""
    rows = [{"id": uuid.uuid4(), **row_values(t, None, "shipped")} for t in shipped_tools()]
    return (
        insert(ToolVersionRecord)
        .values(rows)
        .on_conflict_do_nothing(constraint="uq_tool_version_organization_id_key_version")
    )


async def tool_in_use(session: AsyncSession, tool_version_id: uuid.UUID) -> bool:
    return bool(await session.scalar(select(exists().where(Review.tool_version_id == tool_version_id))))


_PARSED: dict[str, ToolVersion] = {}


def tool_from_row(row: ToolVersionRecord) -> ToolVersion:
    """The domain model of a stored version (parsed once per content hash: stored content never changes
    under the same hash)."""
    tool = _PARSED.get(row.content_hash)
    if tool is None:
        tool = parse_tool(row.document, "json")
        if len(_PARSED) > 512:
            _PARSED.clear()
        _PARSED[row.content_hash] = tool
    return tool
