"""/healthz, /readyz (each dependency down in turn), /metrics, OpenAPI."""

from __future__ import annotations

import dataclasses
import socket
from datetime import UTC, datetime, timedelta

import httpx
from arq.connections import ArqRedis
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.app import create_app
from oversight_api.resources import Resources
from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.heartbeat import beat
from oversight_db.queue import LONG_QUEUE
from tests.servers import free_port


async def test_healthz_answers_without_dependencies(client: httpx.AsyncClient) -> None:
    r = await client.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}
    assert r.headers["x-request-id"]


async def test_readyz_ok_when_postgres_redis_and_a_fresh_worker_heartbeat(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await beat(session, "w1", datetime.now(UTC))
    await session.commit()
    r = await client.get("/readyz")
    assert r.status_code == 200, r.text
    assert r.json()["checks"] == {"postgres": "ok", "redis": "ok", "worker": "ok"}


async def test_readyz_503_names_the_worker_when_no_heartbeat(client: httpx.AsyncClient) -> None:
    r = await client.get("/readyz")
    assert r.status_code == 503
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["type"] == "urn:oversight:problem:unavailable"
    assert "worker" in body["detail"] and "postgres" not in body["detail"]
    assert body["checks"]["worker"].startswith("down")
    # A load balancer or a partner knows when to ask again (declared on the 503 in the document too).
    assert int(r.headers["retry-after"]) >= 1


async def test_readyz_503_when_the_worker_heartbeat_is_older_than_two_minutes(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await beat(session, "w-old", datetime.now(UTC) - timedelta(minutes=3))
    await session.commit()
    r = await client.get("/readyz")
    assert r.status_code == 503
    assert "last heartbeat" in r.json()["checks"]["worker"]


async def test_readyz_503_names_redis_and_postgres_when_they_are_unreachable(resources: Resources) -> None:
    dead_port = free_port()
    engine = create_engine(f"postgresql+asyncpg://postgres@127.0.0.1:{dead_port}/nothing", pool_size=1)
    redis = ArqRedis(host="127.0.0.1", port=free_port(), socket_connect_timeout=1)
    broken = Resources(
        settings=resources.settings,
        engine=engine,
        sessions=create_sessionmaker(engine),
        redis=redis,
        blobs=resources.blobs,
    )
    app = create_app(resources=broken)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
        r = await c.get("/readyz")
    await engine.dispose()
    await redis.aclose()
    assert r.status_code == 503
    checks = r.json()["checks"]
    assert checks["postgres"].startswith("down")
    assert checks["redis"].startswith("down")
    assert "postgres" in r.json()["detail"] and "redis" in r.json()["detail"]


async def test_metrics_expose_request_counters(client: httpx.AsyncClient) -> None:
    await client.get("/healthz")
    r = await client.get("/metrics")
    assert r.status_code == 200
    assert 'oversight_http_requests_total{method="GET",route="/healthz",status="200"}' in r.text


def _queue_jobs(exposition: str) -> list[str]:
    return [line for line in exposition.splitlines() if line.startswith("oversight_queue_jobs")]


async def test_metrics_report_the_jobs_in_the_worker_queue(
    client: httpx.AsyncClient, redis: ArqRedis
) -> None:
    """The queue's depth, read from Redis at each scrape: what the prod overlay scales the workers on."""
    r = await client.get("/metrics")
    assert r.status_code == 200
    assert _queue_jobs(r.text) == ["oversight_queue_jobs 0.0"]
    for i in range(7):
        await redis.enqueue_job("deliver_notice", f"n{i}", 0, _job_id=f"metrics-test:{i}")
    await redis.enqueue_job("deliver_notice", "later", 0, _job_id="metrics-test:later", _defer_by=3600)
    r = await client.get("/metrics")
    assert _queue_jobs(r.text) == ["oversight_queue_jobs 8.0"]
    assert "# TYPE oversight_queue_jobs gauge" in r.text


async def test_metrics_answer_without_the_queue_depth_when_redis_is_down_or_hangs(
    resources: Resources,
) -> None:
    """A scrape never fails on Redis: refused, or connected and never answered, the gauge is left out
    (an autoscaler acts on no value rather than an old one) and the rest is served."""
    hanging = socket.socket()
    hanging.bind(("127.0.0.1", 0))
    hanging.listen()  # completes the handshake, never reads or answers
    for redis in (
        ArqRedis(host="127.0.0.1", port=free_port(), socket_connect_timeout=1),
        ArqRedis(host="127.0.0.1", port=hanging.getsockname()[1], socket_connect_timeout=1),
    ):
        broken = dataclasses.replace(resources, redis=redis)
        app = create_app(resources=broken)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
            await c.get("/healthz")
            r = await c.get("/metrics")
        await redis.aclose()
        assert r.status_code == 200
        assert _queue_jobs(r.text) == []
        assert 'oversight_http_requests_total{method="GET",route="/healthz",status="200"}' in r.text
    hanging.close()


async def test_openapi_every_operation_has_a_unique_operation_id_and_a_tag(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    seen: set[str] = set()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op.get("operationId"), f"{method} {path} has no operationId"
            assert op["operationId"] not in seen, f"duplicate operationId {op['operationId']}"
            seen.add(op["operationId"])
            assert op.get("tags"), f"{method} {path} has no tag"
    docs = await client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


async def test_a_long_pool_heartbeat_alone_does_not_make_the_api_ready(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    """Notices are the main pool's: a live long-jobs worker does not stand in for it."""
    await beat(session, "w-long", datetime.now(UTC), {"pool": "long"})
    await session.commit()
    r = await client.get("/readyz")
    assert r.status_code == 503
    assert r.json()["checks"]["worker"] == "down: no worker heartbeat yet"


async def test_metrics_report_the_long_pools_queue_and_each_pools_heartbeat_age(
    client: httpx.AsyncClient, session: AsyncSession, redis: ArqRedis
) -> None:
    """Operations see the long pool: its queue's depth (what its autoscaler reads) and how old its newest
    heartbeat is, beside the main pool's."""
    await beat(session, "w-main", datetime.now(UTC) - timedelta(seconds=20), {"pool": "main"})
    await beat(session, "w-long", datetime.now(UTC) - timedelta(minutes=10), {"pool": "long"})
    await session.commit()
    await redis.enqueue_job("build_export", "e1", _job_id="metrics-test:export", _queue_name=LONG_QUEUE)
    r = await client.get("/metrics")
    lines = r.text.splitlines()
    assert "oversight_long_queue_jobs 1.0" in lines
    assert "oversight_queue_jobs 0.0" in lines
    ages = {
        line.split('"')[1]: float(line.split()[-1])
        for line in lines
        if line.startswith("oversight_worker_heartbeat_age_seconds{")
    }
    assert ages.keys() == {"main", "long"}
    assert 20 <= ages["main"] < 60 and 600 <= ages["long"] < 660
