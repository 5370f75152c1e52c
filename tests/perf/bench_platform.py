"""Platform benchmarks (``make bench``).

P1: requests/s of an authenticated ``GET /v1/ping`` through the full app (middleware, API-key auth, unit of
    work) against a bare FastAPI endpoint, same run, same httpx client over ASGI (no sockets, so the ratio
    shows our overhead, not the network's). After warm-up rounds, both run in interleaved rounds (who goes
    first alternates) and the figure is the median of the per-round ratios. Printed for information only,
    with no target: the full stack does real work per request (request id, access line, metrics, auth, a
    unit of work) that a bare endpoint does not.
P3: SQL statements one ``GET /v1/members`` / ``GET /v1/providers`` page issues at limit 10 vs 100, counted with
    SQLAlchemy's ``before_cursor_execute``. Target: the same for both sizes and <= 3 (warm key cache; the cold
    figure, with the key lookup, is printed too).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import statistics
import sys
import time
import uuid
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import httpx
from arq import create_pool
from fastapi import FastAPI
from sqlalchemy import event, insert
from starlette.types import Receive, Scope, Send

from oversight_api.app import create_app
from oversight_api.auth.keycache import ApiKeyCache
from oversight_api.resources import Resources
from oversight_app.api_key_secrets import new_api_key
from oversight_db.blobs import LocalBlobStore
from oversight_db.db import create_engine, create_read_sessionmaker, create_sessionmaker
from oversight_db.models import ApiKey, NetworkLink, Organization, ProviderSite
from oversight_db.queue import redis_settings
from oversight_db.settings import Settings
from tests.servers import test_servers

P1_WARMUP_ROUNDS = 2
P1_ROUNDS = 15
P1_REQUESTS_PER_ROUND = 300
P3_ROWS = 150


class Dispatch:
    """One ASGI app in front of both, so one client measures both the same way."""

    def __init__(self, full: FastAPI, bare: FastAPI) -> None:
        self.full, self.bare = full, bare

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        app = self.bare if scope.get("path", "").startswith("/bare") else self.full
        await app(scope, receive, send)


def bare_app() -> FastAPI:
    bare = FastAPI()

    @bare.get("/bare/ping")
    async def ping() -> dict[str, str]:
        return {"organization_id": str(uuid.uuid4()), "role": "plan_admin"}

    return bare


@contextlib.contextmanager
def quiet_stderr() -> Any:
    # The access log still renders and writes every line (that cost is measured), to /dev/null.
    saved = sys.stderr
    with open(os.devnull, "w") as sink:
        sys.stderr = sink
        try:
            yield
        finally:
            sys.stderr = saved


@contextlib.asynccontextmanager
async def stack(database_url: str, redis_url: str, data_dir: str) -> AsyncIterator[Resources]:
    settings = Settings(database_url=database_url, redis_url=redis_url, data_dir=data_dir, log_level="info")
    engine = create_engine(settings.database_url or database_url, pool_size=5)
    redis = await create_pool(redis_settings(redis_url))
    resources = Resources(
        settings=settings,
        engine=engine,
        sessions=create_sessionmaker(engine),
        read_sessions=create_read_sessionmaker(engine),  # as the app builds them
        redis=redis,
        blobs=LocalBlobStore(settings.data_dir / "blobs"),
    )
    try:
        yield resources
    finally:
        await redis.aclose()
        await engine.dispose()


async def seed(resources: Resources) -> tuple[dict[str, str], uuid.UUID, list[uuid.UUID]]:
    plan_id = uuid.uuid4()
    secret, prefix, digest = new_api_key()
    providers = [uuid.uuid4() for _ in range(P3_ROWS)]
    async with resources.sessions() as s, s.begin():
        await s.execute(insert(Organization).values(id=plan_id, kind="plan", name="Bench plan", settings={}))
        await s.execute(
            insert(ApiKey).values(
                id=uuid.uuid4(), organization_id=plan_id, role="plan_admin", name="bench", prefix=prefix,
                secret_hash=digest,
            )
        )  # fmt: skip
        await s.execute(
            insert(Organization).values(
                [
                    {"id": p, "kind": "provider", "name": f"Provider {i:03}", "settings": {}}
                    for i, p in enumerate(providers)
                ]
            )
        )
        await s.execute(
            insert(NetworkLink).values(
                [{"id": uuid.uuid4(), "plan_id": plan_id, "provider_id": p, "program": "tcm", "status": "active",
                  "effective_from": date(2026, 1, 1)} for p in providers]
            )
        )  # fmt: skip
        await s.execute(
            insert(ProviderSite).values(
                [
                    {"id": uuid.uuid4(), "provider_id": p, "name": f"Site {j}"}
                    for p in providers
                    for j in range(2)
                ]
            )
        )
    return {"Authorization": f"Bearer {secret}"}, plan_id, providers


async def p1(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    assert (await client.get("/v1/ping", headers=headers)).status_code == 200
    assert (await client.get("/bare/ping")).status_code == 200

    async def timed(path: str, request_headers: dict[str, str] | None) -> float:
        started = time.perf_counter()
        for _ in range(P1_REQUESTS_PER_ROUND):
            await client.get(path, headers=request_headers)
        return time.perf_counter() - started

    with quiet_stderr():
        for _ in range(P1_WARMUP_ROUNDS):  # caches, allocator and specialised bytecode warm for both
            await timed("/bare/ping", None)
            await timed("/v1/ping", headers)
        full_s: list[float] = []
        bare_s: list[float] = []
        for i in range(P1_ROUNDS):  # interleaved rounds, alternating who goes first: drift hits both alike
            if i % 2:
                full_s.append(await timed("/v1/ping", headers))
                bare_s.append(await timed("/bare/ping", None))
            else:
                bare_s.append(await timed("/bare/ping", None))
                full_s.append(await timed("/v1/ping", headers))
    ratios = sorted(b / f for f, b in zip(full_s, bare_s, strict=True))
    full_rps = P1_REQUESTS_PER_ROUND / statistics.median(full_s)
    bare_rps = P1_REQUESTS_PER_ROUND / statistics.median(bare_s)
    print(f"   P1 authenticated GET /v1/ping (full stack): {full_rps:8.0f} req/s (median round)")
    print(f"   P1 bare FastAPI endpoint:                    {bare_rps:8.0f} req/s (median round)")
    print(
        f"   P1 ratio full/bare: {statistics.median(ratios):.2f}x median of {P1_ROUNDS} rounds "
        f"(range {ratios[0]:.2f}-{ratios[-1]:.2f}; information only, no target)"
    )


async def p3(
    resources: Resources, client: httpx.AsyncClient, headers: dict[str, str], providers: list[uuid.UUID]
) -> None:
    members = [
        {"member_number": f"{i:09d}A", "first_name": "Bench", "last_name": f"Member{i}", "birth_date": "1970-01-01",
         "enrollments": [{"program": "tcm", "provider_id": str(providers[i % len(providers)]), "status": "engaged",
                          "start_date": "2026-01-01"}]}
        for i in range(P3_ROWS)
    ]  # fmt: skip
    r = await client.post("/v1/members/batch", json={"members": members}, headers=headers)
    assert r.status_code == 200, r.text
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(resources.engine.sync_engine, "before_cursor_execute", count)
    try:
        for path in ("/v1/members", "/v1/providers"):
            figures = {}
            for limit in (10, 100):
                statements.clear()
                r = await client.get(path, params={"limit": limit}, headers=headers)
                assert r.status_code == 200 and len(r.json()["items"]) == limit, r.text
                figures[limit] = len(statements)
            verdict = "OK" if figures[10] == figures[100] <= 3 else "MISSED"
            print(
                f"   P3 GET {path}: {figures[10]} statements at limit 10, {figures[100]} at limit 100 ({verdict})"
            )
        resources.api_keys = ApiKeyCache()  # a cold process: the key is looked up once
        statements.clear()
        await client.get("/v1/members", params={"limit": 10}, headers=headers)
        print(
            f"   P3 GET /v1/members with a cold key cache: {len(statements)} statements (key lookup included)"
        )
    finally:
        event.remove(resources.engine.sync_engine, "before_cursor_execute", count)


async def run(database_url: str, redis_url: str, data_dir: str) -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)  # the client's own per-request lines
    async with stack(database_url, redis_url, data_dir) as resources:
        headers, _, providers = await seed(resources)
        app = Dispatch(create_app(resources=resources), bare_app())
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            await p1(client, headers)
            await p3(resources, client, headers, providers)


def main() -> None:
    import tempfile

    with test_servers() as servers, tempfile.TemporaryDirectory() as data_dir:
        asyncio.run(run(servers.database_url, servers.redis_url, data_dir))


if __name__ == "__main__":
    main()
