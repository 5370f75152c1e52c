"""The engine's pool: connections the server closed are replaced at checkout, without a round-trip ping."""

from __future__ import annotations

import asyncio

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from oversight_db.db import create_engine, create_read_sessionmaker, create_sessionmaker
from oversight_db.settings import Settings


async def test_a_connection_the_server_terminated_is_replaced_without_an_error(settings: Settings) -> None:
    assert settings.database_url
    engine = create_engine(settings.database_url, pool_size=1)
    statements: list[str] = []
    event.listen(engine.sync_engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    try:
        async with engine.connect() as conn:
            first_pid = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        # Another session ends the pooled connection, as a Postgres restart or an idle timeout would.
        async with engine.connect() as conn:
            pass
        killer = create_engine(settings.database_url, pool_size=1)
        try:
            async with killer.connect() as conn:
                await conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first_pid})
        finally:
            await killer.dispose()
        await asyncio.sleep(0.2)  # the loop reads the server's EOF on the idle pooled socket
        statements.clear()
        async with engine.connect() as conn:
            second_pid = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        assert second_pid != first_pid
        assert statements == ["SELECT pg_backend_pid()"]  # no ping statement on checkout
    finally:
        await engine.dispose()


async def _state_after_a_select(engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]) -> str:
    async with sessions() as session:
        pid = (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        async with engine.connect() as other:
            query = text("SELECT state FROM pg_stat_activity WHERE pid = :pid")
            state: str = (await other.execute(query, {"pid": pid})).scalar_one()
    return state


async def test_read_sessions_hold_no_transaction_open_after_their_select(settings: Settings) -> None:
    assert settings.database_url
    engine = create_engine(settings.database_url, pool_size=2)
    try:
        # What ReadSession routes use: the SELECT ran, and nothing waits for a COMMIT round trip.
        assert await _state_after_a_select(engine, create_read_sessionmaker(engine)) == "idle"
        assert await _state_after_a_select(engine, create_sessionmaker(engine)) == "idle in transaction"
    finally:
        await engine.dispose()
