"""Engine and sessions. One transaction owner per unit of work: callers commit, services only flush."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

# Connections idle this long are replaced at checkout: a peer that vanished without closing the socket
# (a dropped NAT entry, a failed-over host) is not noticed by the closed-socket check below.
POOL_RECYCLE_SECONDS = 30 * 60


def create_engine(
    database_url: str, *, pool_size: int = 10, echo: bool = False, pre_ping: bool = False
) -> AsyncEngine:
    """The async engine. A pooled connection the server closed (a Postgres restart, an idle-session
    timeout, ``pg_terminate_backend``) is discarded at checkout by :func:`_refuse_closed`, without a
    round trip; ``pre_ping`` adds SQLAlchemy's round-trip ping, which with asyncpg costs three round
    trips per checkout (BEGIN, ";", ROLLBACK) - as much as the rest of a primary-key read (P2)."""
    engine = create_async_engine(
        database_url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=pre_ping,
        pool_recycle=POOL_RECYCLE_SECONDS,
        echo=echo,
        # Errors name the statement but never its bound values (member names, birth dates, key hashes):
        # an exception's text can reach a library's log line or a traceback.
        hide_parameters=True,
        connect_args={"server_settings": {"application_name": "oversight", "timezone": "UTC"}},
    )
    event.listen(engine.sync_engine, "checkout", _refuse_closed)
    return engine


def _refuse_closed(dbapi_connection: Any, connection_record: Any, connection_proxy: Any) -> None:
    # asyncpg marks its connection closed as soon as the event loop reads the server's EOF; raising
    # DisconnectionError here makes the pool drop it and check out another (SQLAlchemy's documented
    # custom pessimistic-disconnect hook).
    driver = getattr(dbapi_connection, "driver_connection", None)
    if driver is not None and driver.is_closed():
        raise DisconnectionError("the server closed this pooled connection")


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: responses are built from objects after the commit.
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


def create_read_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions without a transaction, for requests that run a single SELECT: one statement is atomic on
    its own, and autocommit saves the BEGIN and COMMIT round trips (two of the three a primary-key read
    costs; P2)."""
    return create_sessionmaker(engine.execution_options(isolation_level="AUTOCOMMIT"))


@asynccontextmanager
async def unit_of_work(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session whose transaction commits on success and rolls back on error (worker jobs, CLI)."""
    async with sessions() as session, session.begin():
        yield session
