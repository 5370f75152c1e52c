"""Least privilege: the application role (what the API, the worker and the admin CLI use) cannot touch history.

Every bypass of the append-only trigger that worked while the app connected as a superuser owner is refused:
the role has only SELECT and INSERT on ``audit_event``, owns nothing, and is not a superuser.
"""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from oversight_db import audit
from oversight_db.db import create_engine, create_sessionmaker, unit_of_work
from oversight_db.migrate import upgrade
from oversight_db.roles import asyncpg_dsn
from tests.servers import TestServers, in_thread

BYPASSES = [
    "UPDATE audit_event SET actor = 'mallory'",
    "DELETE FROM audit_event",
    "TRUNCATE audit_event",
    "SET session_replication_role = replica",
    "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only",
    "ALTER TABLE audit_event DISABLE TRIGGER ALL",
    "DROP TRIGGER audit_event_append_only ON audit_event",
    "ALTER TABLE audit_event OWNER TO CURRENT_USER",
    "DROP TABLE audit_event",
    "CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql "
    "AS $$ BEGIN RETURN NULL; END $$",
    "CREATE TABLE intruder (id int)",
]


async def _app_connection(servers: TestServers) -> asyncpg.Connection:
    return await asyncpg.connect(asyncpg_dsn(servers.database_url))


async def test_the_application_role_is_neither_superuser_nor_owner(servers: TestServers) -> None:
    conn = await _app_connection(servers)
    try:
        row = await conn.fetchrow(
            "SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls, "
            "pg_get_userbyid(c.relowner) = current_user AS owns_audit "
            "FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.relname = 'audit_event'"
        )
        assert row is not None and not any(row.values())
        owned = await conn.fetchval(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = current_user"
        )
        assert owned == 0
        privileges = {
            p: await conn.fetchval("SELECT has_table_privilege('audit_event', $1)", p)
            for p in ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES")
        }
        assert privileges == {
            "SELECT": True,
            "INSERT": True,
            "UPDATE": False,
            "DELETE": False,
            "TRUNCATE": False,
            "TRIGGER": False,
            "REFERENCES": False,
        }
    finally:
        await conn.close()


@pytest.mark.parametrize("statement", BYPASSES)
async def test_each_bypass_is_refused_to_the_application_role(servers: TestServers, statement: str) -> None:
    conn = await _app_connection(servers)
    try:
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await conn.execute(statement)
    finally:
        await conn.close()


async def test_the_application_role_still_appends_and_reads(servers: TestServers) -> None:
    engine = create_engine(servers.database_url, pool_size=1)
    try:
        async with unit_of_work(create_sessionmaker(engine)) as session:
            event = await audit.record(
                session, organization_id=None, actor="t", action="roles.probe", entity_type="x", entity_id="1"
            )
        assert event.seq > 0 and event.hash
        conn = await _app_connection(servers)
        try:
            # A temporary table (TEMP is granted) and a write on an ordinary table work.
            await conn.execute("CREATE TEMP TABLE scratch (id int)")
            assert await conn.fetchval("SELECT count(*) FROM audit_event WHERE seq = $1", event.seq) == 1
        finally:
            await conn.close()
    finally:
        await engine.dispose()


def test_migrate_grants_are_idempotent(servers: TestServers) -> None:
    # `oversight migrate` runs on every deploy: a second run at head re-applies the same grants.
    in_thread(upgrade, servers.migration_url, "head", servers.app_role)

    async def privileges() -> tuple[bool, bool]:
        conn = await _app_connection(servers)
        try:
            return (
                await conn.fetchval("SELECT has_table_privilege('audit_event', 'INSERT')"),
                await conn.fetchval("SELECT has_table_privilege('audit_event', 'UPDATE')"),
            )
        finally:
            await conn.close()

    assert in_thread(asyncio.run, privileges()) == (True, False)
