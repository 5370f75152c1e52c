"""Engine and sessions. One transaction owner per unit of work: callers commit, services only flush."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def create_engine(
    database_url: str, *, pool_size: int = 10, echo: bool = False, pre_ping: bool = True
) -> AsyncEngine:
    # pre_ping costs three round trips per checkout with asyncpg (BEGIN, ";", ROLLBACK); bench_reviews
    # measures the API with and without it.
    return create_async_engine(
        database_url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=pre_ping,
        echo=echo,
        connect_args={"server_settings": {"application_name": "oversight", "timezone": "UTC"}},
    )


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # expire_on_commit=False: responses are built from objects after the commit.
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


@asynccontextmanager
async def unit_of_work(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session whose transaction commits on success and rolls back on error (worker jobs, CLI)."""
    async with sessions() as session, session.begin():
        yield session
