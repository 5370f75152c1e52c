"""``oversight tools sync``: the shipped tools match the package data, and used versions never change."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.tools.service import sync_shipped_tools
from oversight_db.models import ToolVersionRecord
from oversight_db.tools import content_hash, tool_from_row
from oversight_domain.tools import load_tool, tool_to_data


async def test_migration_stored_the_shipped_tools_and_sync_is_idempotent(session: AsyncSession) -> None:
    result = await sync_shipped_tools(session)
    assert result.added == [] and result.conflicts == []
    assert sorted(result.unchanged) == sorted(
        f"{t.key}@{t.version}" for t in (load_tool("ecm-partnership"), load_tool("nc-tcm-monitoring"))
    )
    row = await session.scalar(select(ToolVersionRecord).where(ToolVersionRecord.key == "ecm-partnership"))
    assert row is not None and row.organization_id is None
    assert tool_from_row(row) == load_tool("ecm-partnership")
    assert row.content_hash == content_hash(tool_to_data(load_tool("ecm-partnership")))


async def test_sync_adds_missing_and_repairs_unused_versions(session: AsyncSession) -> None:
    await session.execute(delete(ToolVersionRecord).where(ToolVersionRecord.key == "nc-tcm-monitoring"))
    await session.execute(
        update(ToolVersionRecord)
        .where(ToolVersionRecord.key == "ecm-partnership", ToolVersionRecord.organization_id.is_(None))
        .values(content_hash="stale", document={"stale": True})
    )
    result = await sync_shipped_tools(session)
    assert [label.split("@")[0] for label in result.added] == ["nc-tcm-monitoring"]
    assert [label.split("@")[0] for label in result.updated] == ["ecm-partnership"]
    row = await session.scalar(select(ToolVersionRecord).where(ToolVersionRecord.key == "ecm-partnership"))
    assert row is not None
    await session.refresh(row)
    assert row.document["key"] == "ecm-partnership"
