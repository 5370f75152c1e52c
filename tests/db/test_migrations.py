"""Models and migrations agree; the audit trail refuses UPDATE and DELETE at the database."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db import audit
from oversight_db.migrate import check
from oversight_db.models import ActivityImport, MemberInteraction
from tests.app.activity_world import activity_world
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


async def test_an_activity_row_must_name_a_member_of_its_own_plan(session: AsyncSession) -> None:
    """The activity tables' (plan_id, member_id) foreign key: a row of one plan naming another plan's member
    is refused by the database, and deleting a member deletes its rows."""
    mine, other = await activity_world(session), await activity_world(session)
    row = {
        "plan_id": mine.plan.id,
        "provider_id": mine.provider.id,
        "import_id": None,
        "occurred_on": date(2025, 1, 5),
        "kind": "contact",
        "outcome": "reached",
        "enrolled": True,
    }
    imported = ActivityImport(
        id=uuid.uuid4(), plan_id=mine.plan.id, kind="interactions", file_format="csv", status="succeeded",
        content_sha256="0" * 64, blob_key="k", size_bytes=1, errors=[], error_count=0, created_by="test",
        created_at=datetime.now(UTC),
    )  # fmt: skip
    session.add(imported)
    await session.flush()
    row["import_id"] = imported.id
    with pytest.raises(DBAPIError, match="fk_member_interaction_plan_id_member"):
        async with session.begin_nested():
            session.add(MemberInteraction(member_id=other.members[0].id, source_id="x1", **row))
    session.add(MemberInteraction(member_id=mine.members[0].id, source_id="x2", **row))
    await session.flush()
    await session.execute(text("DELETE FROM member WHERE id = :id"), {"id": mine.members[0].id})
    left = await session.scalar(text("SELECT count(*) FROM member_interaction WHERE source_id = 'x2'"))
    assert left == 0
