"""Member data never reaches a log line: not from our loggers, not from a library's (uvicorn, arq)."""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from oversight_db.db import create_engine
from oversight_db.logs import configure_logging
from oversight_db.settings import Settings

NAME = "Zelda Quintanilla-Marsh"
BIRTH = date(1961, 7, 4)
NUMBER = "CIN99887766Q"


async def _database_error(settings: Settings) -> DBAPIError:
    """A real failed write whose bound values are a member's name, birth date and number."""
    assert settings.database_url
    engine = create_engine(settings.database_url, pool_size=1)
    try:
        async with engine.connect() as conn:
            await conn.execute(
                text("CREATE TEMPORARY TABLE leak_probe (name text, born date, num text UNIQUE)")
            )
            insert = text("INSERT INTO leak_probe VALUES (:name, :born, :num)")
            params = {"name": NAME, "born": BIRTH, "num": NUMBER}
            await conn.execute(insert, params)
            with pytest.raises(DBAPIError) as caught:
                await conn.execute(insert, params)  # unique violation: the driver's DETAIL names the value
            return caught.value
    finally:
        await engine.dispose()


async def test_engine_errors_do_not_carry_bound_parameters(settings: Settings) -> None:
    error = await _database_error(settings)
    assert NAME not in str(error) and BIRTH.isoformat() not in str(error)
    assert "hidden due to hide_parameters" in str(error)


@pytest.mark.parametrize("json_logs", [True, False])
async def test_library_loggers_print_no_exception_text(
    settings: Settings, json_logs: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    error = await _database_error(settings)
    assert NUMBER in str(error.orig)  # the driver's own message does quote the row: it must not be logged
    configure_logging("info", json=json_logs)
    # What uvicorn does when a request fails, and what arq does when a job fails.
    uvicorn_error = logging.getLogger("uvicorn.error")
    uvicorn_error.addHandler(logging.StreamHandler())  # as uvicorn's default log config would
    configure_logging("info", json=json_logs)  # the app's start-up takes library handlers over
    try:
        raise error
    except DBAPIError:
        uvicorn_error.exception("Exception in ASGI application\n")
        logging.getLogger("arq.worker").exception("%6.2fs ! %s failed, %s: %s", 0.1, "job:1", "E", error)
        logging.getLogger("sqlalchemy.engine").error(error)
    out = capsys.readouterr()
    written = out.out + out.err
    assert "Exception in ASGI application" in written
    assert "job:1 failed" in written and "IntegrityError" in written
    for secret in (NAME, BIRTH.isoformat(), NUMBER):
        assert secret not in written


async def test_a_library_message_quoting_its_own_exception_prints_its_type(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    """asyncio's "Task exception was never retrieved" is built before logging, with the task's repr -
    which quotes the exception (``exception=IntegrityError('...')``)."""
    driver_error = (await _database_error(settings)).orig  # its text names the member number
    assert driver_error is not None
    configure_logging("info", json=True)
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    future.set_exception(driver_error)
    assert NUMBER in repr(future)
    loop.default_exception_handler(
        {"message": "Task exception was never retrieved", "exception": driver_error, "future": future}
    )
    future.exception()  # retrieved now: no second report when it is collected
    written = capsys.readouterr().err
    assert "Task exception was never retrieved" in written and type(driver_error).__name__ in written
    for secret in (NAME, BIRTH.isoformat(), NUMBER):
        assert secret not in written


def test_uncaught_exceptions_in_the_process_and_its_threads_are_logged_without_their_message() -> None:
    """What Python's default hooks would print to stderr, message and all."""
    program = f"""
import threading
from oversight_db.logs import configure_logging
configure_logging("info", json=True)
thread = threading.Thread(target=lambda: int({NAME!r}), name="member-import")
thread.start()
thread.join()
raise LookupError({NUMBER!r}, {BIRTH.isoformat()!r})
"""
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    written = done.stdout + done.stderr
    assert done.returncode == 1
    lines = [json.loads(line) for line in done.stderr.splitlines()]
    assert [(x["event"], x["error_type"]) for x in lines] == [
        ("thread_exception", "ValueError"),
        ("uncaught_exception", "LookupError"),
    ]
    assert lines[0]["thread"] == "member-import" and "Traceback" in lines[1]["exception"]
    for secret in (NAME, BIRTH.isoformat(), NUMBER):
        assert secret not in written
