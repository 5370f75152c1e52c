"""The engine's pool: connections the server closed are replaced at checkout, without a round-trip ping."""

from __future__ import annotations

import asyncio

from sqlalchemy import event, text

from oversight_db.db import create_engine
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
