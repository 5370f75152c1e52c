"""Test harness: real Postgres and Redis (machine's or embedded), each test in a rolled-back transaction."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from arq import create_pool
from arq.connections import ArqRedis
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from oversight_api.app import create_app
from oversight_api.resources import Resources
from oversight_app.api_key_secrets import new_api_key
from oversight_db.blobs import LocalBlobStore
from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.models import ApiKey, Organization
from oversight_db.queue import redis_settings
from oversight_db.settings import Settings
from tests.servers import TestServers, free_port, test_servers

os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")
# One audit key for this process and every process a test starts (the CLI, the worker): they all write to
# and verify the same chains. A test-only key, not a secret.
TEST_AUDIT_KEY = "test-1:" + "0123456789abcdef" * 4
os.environ.setdefault("OVERSIGHT_AUDIT_KEY", TEST_AUDIT_KEY)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every async test shares the session's event loop, like the session-scoped engine it uses.
    marker = pytest.mark.asyncio(loop_scope="session")
    for item in items:
        if pytest_asyncio.is_async_test(item):
            item.add_marker(marker, append=False)


@pytest.fixture(scope="session")
def servers() -> Iterator[TestServers]:
    with test_servers() as s:
        yield s


@pytest.fixture(scope="session")
def settings(servers: TestServers, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        environment="test",
        database_url=servers.database_url,
        redis_url=servers.redis_url,
        data_dir=tmp_path_factory.mktemp("data"),
        log_json=True,
        log_level="warning",
        public_base_url="http://test",
    )


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    assert settings.database_url
    eng = create_engine(settings.database_url, pool_size=20)
    yield eng
    await eng.dispose()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def owner_engine(servers: TestServers) -> AsyncIterator[AsyncEngine]:
    """The owner role (migrations), for tests about what only the owner could still do."""
    eng = create_engine(servers.migration_url, pool_size=2)
    yield eng
    await eng.dispose()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def superuser_engine(servers: TestServers) -> AsyncIterator[AsyncEngine]:
    """A superuser on the test database: an attacker who holds every database power (not the audit key)."""
    eng = create_engine(servers.superuser_url, pool_size=2)
    yield eng
    await eng.dispose()


@contextlib.asynccontextmanager
async def _rolled_back_session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    async with engine.connect() as conn:
        trans = await conn.begin()
        maker = async_sessionmaker(
            bind=conn, expire_on_commit=False, autoflush=False, join_transaction_mode="create_savepoint"
        )
        async with maker() as s:
            yield s
        if trans.is_active:
            await trans.rollback()


@pytest_asyncio.fixture(loop_scope="session")
async def owner_session(owner_engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    async with _rolled_back_session(owner_engine) as s:
        yield s


@pytest_asyncio.fixture(loop_scope="session")
async def superuser_session(superuser_engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    async with _rolled_back_session(superuser_engine) as s:
        yield s


@pytest_asyncio.fixture(loop_scope="session")
async def redis(settings: Settings) -> AsyncIterator[ArqRedis]:
    assert settings.redis_url
    pool = await create_pool(redis_settings(settings.redis_url))
    await pool.flushdb()
    yield pool
    await pool.flushdb()
    await pool.aclose()


@pytest_asyncio.fixture(loop_scope="session")
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """One connection whose outer transaction is rolled back after the test: nothing a test writes stays."""
    async with engine.connect() as conn:
        trans = await conn.begin()
        yield conn
        if trans.is_active:
            await trans.rollback()


@pytest.fixture
def sessions(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    # Commits inside the code under test release savepoints; the outer transaction still rolls back.
    return async_sessionmaker(
        bind=connection, expire_on_commit=False, autoflush=False, join_transaction_mode="create_savepoint"
    )


@pytest_asyncio.fixture(loop_scope="session")
async def session(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with sessions() as s:
        yield s


def _resources(
    settings: Settings, engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession], redis: ArqRedis
) -> Resources:
    return Resources(
        settings=settings,
        engine=engine,
        sessions=sessions,
        redis=redis,
        blobs=LocalBlobStore(settings.data_dir / f"blobs-{uuid.uuid4().hex[:8]}"),
    )


@pytest_asyncio.fixture(loop_scope="session")
async def resources(
    settings: Settings, engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession], redis: ArqRedis
) -> AsyncIterator[Resources]:
    res = _resources(settings, engine, sessions, redis)
    yield res


@pytest_asyncio.fixture(loop_scope="session")
async def client(resources: Resources) -> AsyncIterator[httpx.AsyncClient]:
    """The app over ASGI, on the test's rolled-back connection."""
    app = create_app(resources=resources)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


@pytest_asyncio.fixture(loop_scope="session")
async def committed_resources(
    settings: Settings, engine: AsyncEngine, redis: ArqRedis
) -> AsyncIterator[Resources]:
    """Real transactions on the session's test database, for concurrency tests (data stays until the
    database is dropped at the end of the session; tests use fresh organizations so they never collide)."""
    res = _resources(settings, engine, create_sessionmaker(engine), redis)
    yield res


@pytest_asyncio.fixture(loop_scope="session")
async def committed_client(committed_resources: Resources) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(resources=committed_resources)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


MakeOrg = Callable[..., Awaitable[Organization]]
MakeKey = Callable[..., Awaitable[dict[str, str]]]


async def _make_org(session: AsyncSession, kind: str = "plan", **fields: Any) -> Organization:
    org = Organization(
        id=uuid.uuid4(), kind=kind, name=fields.pop("name", f"{kind} {uuid.uuid4().hex[:6]}"), **fields
    )
    session.add(org)
    await session.flush()
    return org


async def _make_key(session: AsyncSession, org: Organization, role: str) -> dict[str, str]:
    secret, prefix, digest = new_api_key()
    session.add(
        ApiKey(organization_id=org.id, role=role, name=f"test {role}", prefix=prefix, secret_hash=digest)
    )
    await session.flush()
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def make_org(session: AsyncSession) -> MakeOrg:
    """Create an organization in the test's transaction."""

    async def make(kind: str = "plan", **fields: Any) -> Organization:
        return await _make_org(session, kind, **fields)

    return make


@pytest.fixture
def auth_headers(session: AsyncSession) -> MakeKey:
    """``await auth_headers(org, "plan_admin")`` -> headers carrying a fresh API key of that role."""

    async def make(org: Organization, role: str) -> dict[str, str]:
        return await _make_key(session, org, role)

    return make


@pytest.fixture
def committed_factories(committed_resources: Resources) -> tuple[MakeOrg, MakeKey]:
    """Factories that commit, for tests running real concurrent transactions."""

    async def make_org(kind: str = "plan", **fields: Any) -> Organization:
        async with committed_resources.sessions() as s, s.begin():
            return await _make_org(s, kind, **fields)

    async def make_key(org: Organization, role: str) -> dict[str, str]:
        async with committed_resources.sessions() as s, s.begin():
            return await _make_key(s, org, role)

    return make_org, make_key


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """A real S3 HTTP endpoint: moto in server mode on a free local port."""
    from moto.server import ThreadedMotoServer

    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        with contextlib.suppress(Exception):
            server.stop()


REPO_ROOT = Path(__file__).resolve().parents[1]

# Fixtures of the reviews area (a pinned ``today``: ``clock``, ``rclient``) and of documents (S3 on moto).
pytest_plugins = ["tests.api.reviews_world", "tests.api.documents_world"]
