"""Models and migrations agree; the audit trail refuses UPDATE and DELETE at the database."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db import audit
from oversight_db.migrate import check
from tests.servers import TestServers, in_thread


def test_models_match_migrations(servers: TestServers) -> None:
    in_thread(check, servers.migration_url)  # raises if autogenerate would add anything


async def test_audit_event_update_and_delete_are_refused_by_the_database(owner_session: AsyncSession) -> None:
    # As the owner, which has every privilege on its table: the trigger still refuses. (The application role
    # is refused before the trigger runs, by privileges: tests/db/test_roles.py.)
    session = owner_session
    await audit.record(
        session, organization_id=None, actor="test", action="probe", entity_type="x", entity_id="1"
    )
    for sql in ("UPDATE audit_event SET actor = 'mallory'", "DELETE FROM audit_event"):
        with pytest.raises(DBAPIError, match="append-only"):
            async with session.begin_nested():
                await session.execute(text(sql))
