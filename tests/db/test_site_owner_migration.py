"""Migration 0010 gives existing provider sites an owner (issue 12): the one plan linked to the provider, else
the provider itself; downgrading keeps every site, numbering names two owners shared."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import asyncpg
import pytest_asyncio
from sqlalchemy.engine import make_url

from oversight_db.migrate import upgrade
from oversight_db.roles import asyncpg_dsn
from tests.servers import TestServers, in_thread


def _downgrade(url: str, revision: str) -> None:
    from alembic import command

    from oversight_db.migrate import alembic_config

    command.downgrade(alembic_config(url), revision)


@pytest_asyncio.fixture(loop_scope="session")
async def scratch(servers: TestServers) -> AsyncIterator[str]:
    """A database of its own (owned by the migration role), at revision 0009; the owner's URL."""
    name = f"oversight_mig_{uuid.uuid4().hex[:12]}"
    owner = make_url(servers.migration_url).username
    admin = await asyncpg.connect(asyncpg_dsn(servers.superuser_url))
    try:
        await admin.execute(f'CREATE DATABASE "{name}" OWNER "{owner}"')
        url = make_url(servers.migration_url).set(database=name).render_as_string(hide_password=False)
        in_thread(upgrade, url, "0009")
        yield url
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def _org(conn: asyncpg.Connection, kind: str) -> uuid.UUID:
    org_id = uuid.uuid4()
    await conn.execute(
        "INSERT INTO organization (id, kind, name, jurisdiction) VALUES ($1, $2, $3, 'US-NC')",
        org_id,
        kind,
        f"{kind} {org_id.hex[:6]}",
    )
    return org_id


async def _link(conn: asyncpg.Connection, plan: uuid.UUID, provider: uuid.UUID, program: str) -> None:
    await conn.execute(
        "INSERT INTO network_link (id, plan_id, provider_id, program, status, effective_from)"
        " VALUES ($1, $2, $3, $4, 'active', '2026-01-01')",
        uuid.uuid4(),
        plan,
        provider,
        program,
    )


async def _site(conn: asyncpg.Connection, provider: uuid.UUID, name: str) -> uuid.UUID:
    site_id = uuid.uuid4()
    await conn.execute(
        "INSERT INTO provider_site (id, provider_id, name) VALUES ($1, $2, $3)", site_id, provider, name
    )
    return site_id


async def test_existing_sites_go_to_their_only_plan_else_to_the_provider(scratch: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(scratch))
    try:
        plan_a, plan_b = await _org(conn, "plan"), await _org(conn, "plan")
        only_a, shared, unlinked = [await _org(conn, "provider") for _ in range(3)]
        await _link(conn, plan_a, only_a, "tcm")
        await _link(conn, plan_a, only_a, "ecm")  # two programs, still one plan
        await _link(conn, plan_a, shared, "tcm")
        await _link(conn, plan_b, shared, "tcm")
        sites = {
            "only_a": await _site(conn, only_a, "Main"),
            "shared": await _site(conn, shared, "Main"),
            "unlinked": await _site(conn, unlinked, "Main"),
        }

        in_thread(upgrade, scratch, "0010")
        owners = {
            key: await conn.fetchval("SELECT owner_id FROM provider_site WHERE id = $1", site_id)
            for key, site_id in sites.items()
        }
        assert owners == {"only_a": plan_a, "shared": shared, "unlinked": unlinked}
        assert await conn.fetchval("SELECT array_agg(DISTINCT version) FROM provider_site") == [1]

        # The provider's own "Main" next to plan A's: allowed now, and kept (renamed) by a downgrade.
        own = uuid.uuid4()
        await conn.execute(
            "INSERT INTO provider_site (id, provider_id, owner_id, name) VALUES ($1, $2, $2, 'Main')",
            own,
            only_a,
        )
        in_thread(_downgrade, scratch, "0009")
        names = dict(await conn.fetch("SELECT id, name FROM provider_site WHERE provider_id = $1", only_a))
        assert names == {own: "Main", sites["only_a"]: "Main #2"}
    finally:
        await conn.close()
