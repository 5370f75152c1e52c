"""Models and migrations agree; the audit trail refuses UPDATE and DELETE at the database."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db import audit
from oversight_db.migrate import check
from oversight_db.settings import Settings
from tests.servers import in_thread


def test_models_match_migrations(settings: Settings) -> None:
    assert settings.database_url
    in_thread(check, settings.database_url)  # raises if autogenerate would add anything


async def test_audit_event_update_and_delete_are_refused_by_the_database(session: AsyncSession) -> None:
    await audit.record(
        session, organization_id=None, actor="test", action="probe", entity_type="x", entity_id="1"
    )
    for sql in ("UPDATE audit_event SET actor = 'mallory'", "DELETE FROM audit_event"):
        with pytest.raises(DBAPIError, match="append-only"):
            async with session.begin_nested():
                await session.execute(text(sql))
