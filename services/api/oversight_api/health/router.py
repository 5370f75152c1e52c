"""Liveness, readiness and metrics."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST
from pydantic import BaseModel, ConfigDict
from sqlalchemy import text

from oversight_api import metrics as app_metrics
from oversight_api.deps import AppResources
from oversight_api.problems import problem_response
from oversight_db.heartbeat import latest_beat
from oversight_db.queue import LONG_QUEUE

router = APIRouter(tags=["health"])
CHECK_TIMEOUT_SECONDS = 2.0


class Health(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok"}]})

    status: str


class Readiness(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"status": "ok", "checks": {"postgres": "ok", "redis": "ok", "worker": "ok"}}]
        }
    )

    status: str
    checks: dict[str, str]


@router.get("/healthz", operation_id="health_liveness", response_model=Health)
async def liveness() -> Health:
    return Health(status="ok")


async def _check(name: str, probe: Any) -> tuple[str, str]:
    try:
        return name, await asyncio.wait_for(probe, CHECK_TIMEOUT_SECONDS)
    except TimeoutError:
        return name, f"down: no answer within {CHECK_TIMEOUT_SECONDS:g} s"
    except Exception as exc:
        return name, f"down: {type(exc).__name__}"


# What a 503 from /readyz tells a load balancer or a partner to wait before asking again: about one worker
# heartbeat or a dependency's reconnect.
READY_RETRY_AFTER_SECONDS = 5


@router.get(
    "/readyz",
    operation_id="health_readiness",
    response_model=Readiness,
)
async def readiness(request: Request, resources: AppResources) -> Any:
    max_age = resources.settings.worker_heartbeat_max_age_seconds

    async def postgres() -> str:
        async with resources.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return "ok"

    async def redis() -> str:
        await resources.redis.ping()
        return "ok"

    async def worker() -> str:
        async with resources.sessions() as session:
            beat = await latest_beat(session)
        if beat is None:
            return "down: no worker heartbeat yet"
        age = (datetime.now(UTC) - beat).total_seconds()
        return "ok" if age <= max_age else f"down: last heartbeat {age:.0f} s ago (limit {max_age} s)"

    results = dict(
        await asyncio.gather(
            _check("postgres", postgres()), _check("redis", redis()), _check("worker", worker())
        )
    )
    down = sorted(name for name, state in results.items() if state != "ok")
    if down:
        return problem_response(
            request,
            503,
            "not ready: " + ", ".join(f"{name} ({results[name]})" for name in down),
            slug="unavailable",
            headers={"Retry-After": str(READY_RETRY_AFTER_SECONDS)},
            extra={"checks": results},
        )
    return Readiness(status="ok", checks=results)


@router.get("/metrics", include_in_schema=False)
async def metrics(resources: AppResources) -> Response:
    depth, long_depth, ages = await asyncio.gather(
        app_metrics.queue_jobs(resources.redis),
        app_metrics.queue_jobs(resources.redis, LONG_QUEUE),
        app_metrics.heartbeat_ages(resources.sessions),
    )
    return Response(app_metrics.exposition(depth, long_depth, ages), media_type=CONTENT_TYPE_LATEST)
