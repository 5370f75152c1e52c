"""Real servers for the test session: the machine's Postgres/Redis when OVERSIGHT_TEST_* say so, else embedded.

Each pytest session gets its own database (``alembic upgrade head`` once) and its own Redis db index, so
several sessions on one machine never see each other's data.

The database has the production shape (oversight_db.roles): an owner role (not a superuser) runs the migrations
and owns the tables, and ``database_url`` logs in as the application role, so the whole suite runs with the
application's least privilege. ``superuser_url`` is for the tests that play an attacker with full powers.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import socket
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import redis as sync_redis
from sqlalchemy.engine import make_url

from oversight_db.embedded import start_postgres, start_redis
from oversight_db.migrate import upgrade
from oversight_db.roles import create_role_sql, quote_role, with_role

REDIS_LOCK_TTL_SECONDS = 3 * 3600
# Roles on the machine's cluster, shared by every test session (roles are cluster-wide; grants are per
# database, so sessions never see each other's). Named apart from the production defaults.
TEST_OWNER_ROLE = "oversight_test_owner"
TEST_APP_ROLE = "oversight_test_app"
TEST_ROLE_PASSWORD = "oversight-test"  # for clusters that ask for one; a test-only login, not a secret
T = TypeVar("T")


@dataclass
class TestServers:
    __test__ = False  # a fixture value, not a test class
    database_url: str  # the application role
    redis_url: str
    admin_dsn: str | None  # where the test database was created (to drop it), None for embedded
    migration_url: str = ""  # the owner role
    superuser_url: str = ""  # the same database as a superuser (tests that bypass every safeguard)
    app_role: str = ""


def in_thread(fn: Callable[..., T], *args: Any) -> T:
    """Run ``fn`` in a fresh thread: Alembic's env and our admin calls use ``asyncio.run``, which must not
    touch the test session's event loop."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args).result()


async def _admin(dsn: str, sql: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _claim_redis_db(url: str) -> tuple[str, int]:
    """Lock a free db index 1..15 for this session (db 0 holds the locks)."""
    base = sync_redis.Redis.from_url(url, db=0)
    token = uuid.uuid4().hex
    for index in range(1, 16):
        if base.set(f"oversight:test-db-lock:{index}", token, nx=True, ex=REDIS_LOCK_TTL_SECONDS):
            base.close()
            parsed = url.rsplit("/", 1)[0] if url.count("/") > 2 else url
            return f"{parsed}/{index}", index
    base.close()
    raise RuntimeError("no free Redis db index for the test session (all 15 locked)")


@contextlib.contextmanager
def test_servers() -> Iterator[TestServers]:
    tmp = Path(tempfile.mkdtemp(prefix="ovt-"))
    pg_handle = redis_handle = None
    external_pg = os.environ.get("OVERSIGHT_TEST_DATABASE_URL")
    external_redis = os.environ.get("OVERSIGHT_TEST_REDIS_URL")
    db_name = f"oversight_test_{uuid.uuid4().hex[:12]}"
    admin_dsn = None
    redis_index = None
    try:
        if external_pg:
            admin = make_url(external_pg).set(drivername="postgresql")
            admin_dsn = admin.render_as_string(hide_password=False)
            app_role = TEST_APP_ROLE
            roles = [create_role_sql(r, TEST_ROLE_PASSWORD) for r in (TEST_OWNER_ROLE, TEST_APP_ROLE)]
            for sql in [*roles, f'CREATE DATABASE "{db_name}" OWNER {quote_role(TEST_OWNER_ROLE)}']:
                in_thread(asyncio.run, _admin(admin_dsn, sql))
            superuser_url = admin.set(drivername="postgresql+asyncpg", database=db_name).render_as_string(
                hide_password=False
            )
            migration_url = with_role(superuser_url, TEST_OWNER_ROLE, TEST_ROLE_PASSWORD)
            database_url = with_role(superuser_url, TEST_APP_ROLE, TEST_ROLE_PASSWORD)
        else:
            database_url, migration_url, pg_handle = start_postgres(tmp, database=db_name)
            superuser_url = with_role(migration_url, "postgres")
            app_role = make_url(database_url).username or ""
        in_thread(upgrade, migration_url, "head", app_role)
        if external_redis:
            redis_url, redis_index = _claim_redis_db(external_redis)
        else:
            redis_url, redis_handle = start_redis(tmp)
            redis_url += "?db=1"
        yield TestServers(
            database_url=database_url,
            redis_url=redis_url,
            admin_dsn=admin_dsn,
            migration_url=migration_url,
            superuser_url=superuser_url,
            app_role=app_role,
        )
    finally:
        if admin_dsn:
            with contextlib.suppress(Exception):
                in_thread(asyncio.run, _admin(admin_dsn, f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
        if redis_index is not None and external_redis:
            with contextlib.suppress(Exception):
                base = sync_redis.Redis.from_url(external_redis, db=0)
                base.delete(f"oversight:test-db-lock:{redis_index}")
                base.close()
        if redis_handle is not None:
            with contextlib.suppress(Exception):
                redis_handle.shutdown(nosave=True)
        if pg_handle is not None:
            with contextlib.suppress(Exception):
                pg_handle.cleanup()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port
