"""Member data never reaches a log: the real ``oversight api`` and ``oversight worker`` processes, at info
level, meet database errors that quote a member's name, birth date and number, failing webhook receivers
and failing jobs; nothing either process writes to stdout/stderr may contain those values, while every
failure is still logged (event names and exception types), so the test cannot pass by logging nothing.

The database errors are real: as the owner role the test installs a trigger that raises with the member's
values, a partial unique index and a check constraint on ``member`` (each scoped to this test's own
organizations or values, so no other test can meet them), and triggers on ``notice`` and
``worker_heartbeat`` updates; all of them are dropped again at the end.
"""

from __future__ import annotations

import asyncio
import inspect
import re
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from typing import Any

import httpx
import pytest
import pytest_asyncio
from arq import create_pool
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.models import Member, Notice, Organization, WebhookEndpoint
from oversight_db.outbox import add_notice
from oversight_db.queue import enqueue_notices, redis_settings
from oversight_db.settings import Settings
from tests.conftest import TEST_AUDIT_KEY, _make_key
from tests.fault_procs import RedisProcess, ServiceProcess, hand_off, service_env, wait_for
from tests.servers import TestServers, free_port

pytestmark = pytest.mark.fault

FIRST, LAST = "Zelda", "Quintanilla-Marsh"
NAME = f"{FIRST} {LAST}"
BIRTH = date(1961, 7, 4)
NUMBER = "907315562K"  # an NC Medicaid ID (nine digits and a letter), as the API requires for NC plans

# Every spelling of the member's values a log line could plausibly carry.
SECRETS = (
    FIRST,
    "Quintanilla",
    NUMBER,
    BIRTH.isoformat(),  # 1961-07-04: Postgres, JSON, str(date)
    "19610704",
    "07/04/1961",
    "7/4/1961",
    "04/07/1961",
    "04.07.1961",
    "1961/07/04",
    "date(1961, 7, 4)",  # repr(date)
    "July 4, 1961",
    "Jul 4 1961",
    "04-Jul-1961",
    "4 July 1961",
)

RAISE_FUNCTION = """
CREATE OR REPLACE FUNCTION leak_probe_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'leak probe: member % % born % (%), number %',
    NEW.first_name, NEW.last_name, NEW.birth_date, to_char(NEW.birth_date, 'MM/DD/YYYY'), NEW.member_number
    USING DETAIL = format('row %s', NEW), HINT = 'member ' || NEW.member_number;
END $$
"""
# The same values, for triggers on tables that hold no member data (the worker's notice and heartbeat).
RAISE_CONSTANT = f"""
CREATE OR REPLACE FUNCTION leak_probe_raise_constant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'leak probe: member {NAME} born {BIRTH.isoformat()} (07/04/1961), number {NUMBER}'
    USING DETAIL = 'member {NUMBER} {NAME}';
END $$
"""


class EchoingReceiver:
    """A careless partner: answers 500 with a body that quotes the member (the worker must not log it)."""

    def __init__(self) -> None:
        body = f'{{"error": "cannot file notice for {NAME} ({BIRTH.isoformat()}), {NUMBER}"}}'.encode()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(500)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Member", NUMBER)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/hook?member={NUMBER}"

    def __enter__(self) -> EchoingReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[EchoingReceiver]:
    with EchoingReceiver() as r:
        yield r


@pytest_asyncio.fixture(loop_scope="session")
async def committed(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    assert settings.database_url
    engine = create_engine(settings.database_url, pool_size=3)
    yield create_sessionmaker(engine)
    await engine.dispose()


async def _owner(owner_engine: AsyncEngine, *statements: str) -> None:
    async with owner_engine.begin() as conn:
        await conn.execute(text("SET LOCAL lock_timeout = '10s'"))
        for statement in statements:
            await conn.execute(text(statement))


def _member_body() -> dict[str, Any]:
    member = {
        "member_number": NUMBER,
        "first_name": FIRST,
        "last_name": LAST,
        "birth_date": BIRTH.isoformat(),
    }
    return {"members": [member]}


async def _org(
    sessions: async_sessionmaker[AsyncSession], kind: str, webhook_url: str | None = None
) -> Organization:
    async with sessions() as s, s.begin():
        org = Organization(id=uuid.uuid4(), kind=kind, name=f"logs {kind} {uuid.uuid4().hex[:6]}")
        if webhook_url:
            org.settings = {"notice_channels": ["inbox", "webhook"]}
        s.add(org)
        await s.flush()
        if webhook_url:
            s.add(WebhookEndpoint(organization_id=org.id, url=webhook_url, secret="whsec_logs"))
    return org


async def _notice_for(sessions: async_sessionmaker[AsyncSession], org: Organization) -> uuid.UUID:
    async with sessions() as s, s.begin():
        review_id = uuid.uuid4()
        notice_id = await add_notice(
            s,
            kind="review_reminder",
            recipient_organization_id=org.id,
            subject_type="review",
            subject_id=review_id,
            data={"review_id": str(review_id), "scheduled_for": "2027-01-11"},
        )
    assert notice_id
    return notice_id


async def eventually(check: Callable[[], Any], limit: float, what: str) -> None:
    """Wait until ``check()`` (a bool, or an awaitable of one) is true."""
    started = time.monotonic()
    while not (await result if inspect.isawaitable(result := check()) else result):
        if time.monotonic() - started > limit:
            raise TimeoutError(f"{what} not reached within {limit:.0f} s")
        await asyncio.sleep(0.25)


def _oversight(command: list[str], env: dict[str, str], log: Path) -> ServiceProcess:
    """The ``oversight`` command itself (``python -m oversight_api.cli``), as an operator runs it."""
    return ServiceProcess(["-m", "oversight_api.cli", *command], env, log)


async def test_member_data_never_reaches_the_api_or_worker_output(
    settings: Settings,
    servers: TestServers,
    owner_engine: AsyncEngine,
    committed: async_sessionmaker[AsyncSession],
    receiver: EchoingReceiver,
    tmp_path: Path,
) -> None:
    assert settings.database_url
    redis = RedisProcess(tmp_path)
    redis.start()
    env = service_env(
        settings.database_url,
        redis.url,
        tmp_path,
        OVERSIGHT_LOG_LEVEL="info",
        OVERSIGHT_AUDIT_KEY=TEST_AUDIT_KEY,  # the audit chains other tests verify: the same key
        OVERSIGHT_API_HOST="127.0.0.1",
    )
    api_log, worker_log = tmp_path / "api.log", tmp_path / "worker.log"
    port = free_port()
    api = _oversight(["api", "--port", str(port)], env, api_log)
    worker = _oversight(["worker"], env, worker_log)
    base = f"http://127.0.0.1:{port}"

    raising_plan, unique_plans, checked_plan = (
        await _org(committed, "plan"),
        [await _org(committed, "plan"), await _org(committed, "plan")],
        await _org(committed, "plan"),
    )
    echoing = await _org(committed, "provider", receiver.url)
    refused = await _org(committed, "provider", f"http://127.0.0.1:{free_port()}/hook?member={NUMBER}")
    failing_job = await _org(committed, "provider", f"http://127.0.0.1:{free_port()}/hook")
    orgs = [raising_plan, *unique_plans, checked_plan, echoing, refused, failing_job]
    notices = {org.id: await _notice_for(committed, org) for org in (echoing, refused, failing_job)}
    await _owner(
        owner_engine,
        RAISE_FUNCTION,
        RAISE_CONSTANT,
        # (a) a trigger quoting the row, a unique violation naming the number, a check naming the whole row
        f"CREATE TRIGGER leak_probe_member BEFORE INSERT OR UPDATE ON member FOR EACH ROW "
        f"WHEN (NEW.plan_id = '{raising_plan.id}') EXECUTE FUNCTION leak_probe_raise()",
        f"CREATE UNIQUE INDEX leak_probe_number ON member (member_number) WHERE member_number = '{NUMBER}'",
        f"ALTER TABLE member ADD CONSTRAINT leak_probe_check CHECK (plan_id <> '{checked_plan.id}') NOT VALID",
        # (c) the worker's job fails on its database step: a delivery's claim, the heartbeat cron
        f"CREATE TRIGGER leak_probe_notice BEFORE UPDATE ON notice FOR EACH ROW "
        f"WHEN (OLD.id = '{notices[failing_job.id]}') EXECUTE FUNCTION leak_probe_raise_constant()",
        "CREATE TRIGGER leak_probe_heartbeat BEFORE UPDATE ON worker_heartbeat FOR EACH ROW "
        "EXECUTE FUNCTION leak_probe_raise_constant()",
    )
    try:
        # The errors really carry the member's values (else the test would prove nothing).
        async with committed() as s:
            s.add(Member(plan_id=raising_plan.id, member_number=NUMBER, first_name=FIRST, last_name=LAST,
                         birth_date=BIRTH))  # fmt: skip
            with pytest.raises(DBAPIError) as caught:
                await s.flush()
        assert NAME in str(caught.value.orig) and BIRTH.isoformat() in str(caught.value.orig)

        api.start()
        wait_for(lambda: httpx.get(f"{base}/healthz", timeout=1).status_code == 200, 60, "API /healthz")
        worker.start()
        async with committed() as s, s.begin():
            keys = {org.id: await _make_key(s, org, "plan_admin") for org in orgs if org.kind == "plan"}

        async def upsert(plan: Organization) -> int:
            # A client per request: uvicorn closes the connection of a request that raised.
            async with httpx.AsyncClient(base_url=base, timeout=30) as client:
                r = await client.post("/v1/members/batch", json=_member_body(), headers=keys[plan.id])
            return r.status_code

        assert await upsert(raising_plan) == 500  # the trigger
        assert await upsert(unique_plans[0]) == 200
        assert await upsert(unique_plans[1]) == 500  # the partial unique index: "Key (...)=(907315562K)"
        assert await upsert(checked_plan) == 500  # the check: "Failing row contains (...)"

        # (b) two notices to failing receivers, handed over as the API does; (c) one whose claim fails (its
        # trigger refuses the API's "enqueued" mark too, so it is only queued).
        await hand_off(committed, redis.url, [notices[echoing.id], notices[refused.id]])
        pool = await create_pool(redis_settings(redis.url))
        try:
            await enqueue_notices(pool, [notices[failing_job.id]])
        finally:
            await pool.aclose()

        async def attempted(org: Organization) -> bool:
            async with committed() as s:
                attempts = await s.scalar(select(Notice.attempts).where(Notice.id == notices[org.id]))
            return bool(attempts)

        await eventually(lambda: attempted(echoing), 60, "the echoing receiver's notice attempted")
        await eventually(lambda: attempted(refused), 60, "the refused notice attempted")
        # The heartbeat cron beats at :00 and :30; its failure is arq's own "job failed" line.
        await eventually(
            lambda: _contains(worker_log, "heartbeat") and _contains(worker_log, " failed"),
            45,
            "heartbeat failed",
        )
        await eventually(
            lambda: _contains(worker_log, "deliver_notice_db_unavailable"), 30, "delivery failed"
        )
    finally:
        worker.stop()
        api.stop()
        redis.stop()
        await _owner(
            owner_engine,
            "DROP TRIGGER IF EXISTS leak_probe_member ON member",
            "DROP INDEX IF EXISTS leak_probe_number",
            "ALTER TABLE member DROP CONSTRAINT IF EXISTS leak_probe_check",
            "DROP TRIGGER IF EXISTS leak_probe_notice ON notice",
            "DROP TRIGGER IF EXISTS leak_probe_heartbeat ON worker_heartbeat",
            "DROP FUNCTION IF EXISTS leak_probe_raise()",
            "DROP FUNCTION IF EXISTS leak_probe_raise_constant()",
            # Nothing of this test stays due for a later test's relay or sweep.
            f"DELETE FROM notice WHERE id IN ({', '.join(repr(str(i)) for i in notices.values())})",
            "DELETE FROM worker_heartbeat",
        )

    api_out, worker_out = api_log.read_text(), worker_log.read_text()
    # The failures are logged: our handler's event and the exception type; uvicorn's line; the worker's.
    assert api_out.count('"unhandled_error"') >= 3, api_out[-3000:]
    assert "Exception in ASGI application" in api_out
    assert "IntegrityError" in api_out and re.search(r"InternalError|RaiseError|DBAPIError", api_out)
    assert '"status":500' in api_out
    assert "notice_retry_scheduled" in worker_out, worker_out[-3000:]
    assert "deliver_notice_db_unavailable" in worker_out
    assert re.search(r"heartbeat.* failed", worker_out)
    for name, out in (("api", api_out), ("worker", worker_out)):
        for secret in SECRETS:
            assert secret not in out, f"{secret!r} in the {name}'s output:\n" + _around(out, secret)


def _contains(path: Path, needle: str) -> bool:
    return path.exists() and needle in path.read_text()


def _around(out: str, secret: str) -> str:
    at = out.find(secret)
    return out[max(0, at - 1500) : at + 500]
