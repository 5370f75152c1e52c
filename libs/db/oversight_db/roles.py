"""Two database roles: the owner (runs migrations, owns every table) and the application role.

The application role (the API, the worker, the admin CLI) is neither superuser nor owner: it may read and write
the ordinary tables but only SELECT and INSERT ``audit_event``. Because it owns nothing it cannot ALTER the table,
disable or drop the append-only trigger, and as a non-superuser it cannot ``SET session_replication_role``.

``grant_app_role`` runs as the owner after every upgrade (idempotent), and ``ALTER DEFAULT PRIVILEGES`` covers the
tables later migrations create. ``ensure_role`` is for setups that hold a superuser (the embedded Postgres, the test
servers); on a managed Postgres an administrator creates the roles once (README, "Database roles").
"""

from __future__ import annotations

import asyncio
import re

import asyncpg
from sqlalchemy.engine import make_url

# Tables the application role may read and append to, but never change.
APPEND_ONLY_TABLES = ("audit_event",)
# Alembic's bookkeeping: the application reads the revision (readiness), only the owner writes it.
READ_ONLY_TABLES = ("alembic_version",)

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def quote_role(name: str) -> str:
    """A role name as a SQL identifier; only plain lower-case names, so settings cannot inject SQL."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"role name {name!r} must match {_IDENTIFIER.pattern}")
    return f'"{name}"'


def create_role_sql(name: str, password: str | None = None) -> str:
    """Create a login role unless it exists. Roles are cluster-wide and several processes (parallel pytest
    sessions) may create the same one at once: the loser of that race gets ``unique_violation`` from the
    catalog's index rather than ``duplicate_object``, so both mean "already there"."""
    role = quote_role(name)
    secret = "" if password is None else " PASSWORD " + _literal(password)
    return (
        "DO $$ BEGIN "
        f"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS{secret}; "
        "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; "
        "END $$"
    )


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def grant_sql(app_role: str, database: str) -> list[str]:
    """What the application role may do, as statements the owner runs (each idempotent)."""
    role = quote_role(app_role)
    db = '"' + database.replace('"', '""') + '"'
    statements = [
        f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {role}",
        f"GRANT USAGE ON SCHEMA public TO {role}",
        # Before PostgreSQL 15 every role may create tables in ``public``; a warning, not an error, where the
        # owner does not own the schema (then an administrator runs it, see README).
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        # Tables and sequences the owner creates later (new migrations) are granted the same at creation.
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role}",
    ]
    for table in APPEND_ONLY_TABLES:
        statements.append(f"REVOKE ALL ON TABLE {table} FROM {role}")
        statements.append(f"GRANT SELECT, INSERT ON TABLE {table} TO {role}")
    for table in READ_ONLY_TABLES:
        statements.append(f"REVOKE ALL ON TABLE {table} FROM {role}")
        statements.append(f"GRANT SELECT ON TABLE {table} TO {role}")
    return statements


def asyncpg_dsn(url: str) -> str:
    """A SQLAlchemy URL as a DSN asyncpg accepts (``postgresql://``, query such as ``host=`` kept)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def with_role(url: str, role: str, password: str | None = None) -> str:
    """The same server and database, logging in as ``role``."""
    return make_url(url).set(username=role, password=password).render_as_string(hide_password=False)


async def _grant(owner_url: str, app_role: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(owner_url))
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", app_role)
        if not exists:
            raise RoleError(
                f"the application role {app_role!r} does not exist: create it first "
                "(README, 'Database roles') or set OVERSIGHT_DATABASE_APP_ROLE"
            )
        if await conn.fetchval("SELECT current_user = $1", app_role):
            raise RoleError("migrations must run as the owner role, not as the application role")
        database = await conn.fetchval("SELECT current_database()")
        async with conn.transaction():
            for statement in grant_sql(app_role, database):
                await conn.execute(statement)
    finally:
        await conn.close()


class RoleError(Exception):
    """A role setup the migration refuses (printed as one line by the CLI)."""


def grant_app_role(owner_url: str, app_role: str) -> None:
    """Apply the application role's privileges as the owner (after ``alembic upgrade``)."""
    asyncio.run(_grant(owner_url, app_role))
