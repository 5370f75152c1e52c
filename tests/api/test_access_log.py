"""The access line and request metrics (written on every request, on a fast path: see P1)."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import structlog
from prometheus_client import REGISTRY

from oversight_db.logs import configure_logging, flush_logs
from tests.conftest import MakeKey, MakeOrg


@pytest.fixture
def info_logs() -> Iterator[None]:
    configure_logging("info", True)  # the test session runs at warning, which drops the access line
    yield
    configure_logging("warning", True)


def _access_lines(text: str) -> list[dict[str, object]]:
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    return [line for line in lines if line.get("event") == "request"]


def _requests_total(method: str, route: str, status: str) -> float:
    labels = {"method": method, "route": route, "status": status}
    return REGISTRY.get_sample_value("oversight_http_requests_total", labels) or 0.0


async def test_one_access_line_per_request_with_template_status_and_request_id(
    client: httpx.AsyncClient,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    capfd: pytest.CaptureFixture[str],
    info_logs: None,
) -> None:
    headers = await auth_headers(await make_org(), "viewer")
    capfd.readouterr()
    r = await client.get("/v1/ping", headers={**headers, "X-Request-ID": "trace-42"})
    missing = await client.get("/v1/organizations/00000000-0000-0000-0000-000000000000", headers=headers)
    flush_logs()
    lines = _access_lines(capfd.readouterr().err)
    assert r.status_code == 200 and missing.status_code == 404
    assert [(x["method"], x["route"], x["status"]) for x in lines] == [
        ("GET", "/v1/ping", 200),
        ("GET", "/v1/organizations/{organization_id}", 404),  # the template, never the raw path
    ]
    first = lines[0]
    assert first["request_id"] == "trace-42" == r.headers["x-request-id"]
    assert lines[1]["request_id"] == missing.headers["x-request-id"] != "trace-42"
    assert first["level"] == "info" and str(first["timestamp"]).endswith("Z")
    assert isinstance(first["ms"], float) and first["ms"] >= 0


async def test_no_access_line_above_info(
    client: httpx.AsyncClient, capfd: pytest.CaptureFixture[str]
) -> None:
    configure_logging("warning", True)
    capfd.readouterr()
    assert (await client.get("/healthz")).status_code == 200
    flush_logs()
    assert _access_lines(capfd.readouterr().err) == []


async def test_each_request_counts_once_under_its_route_template(client: httpx.AsyncClient) -> None:
    before = _requests_total("GET", "/healthz", "200")
    before_401 = _requests_total("GET", "/v1/ping", "401")
    for _ in range(3):
        assert (await client.get("/healthz")).status_code == 200
    assert (await client.get("/v1/ping")).status_code == 401
    assert _requests_total("GET", "/healthz", "200") == before + 3
    assert _requests_total("GET", "/v1/ping", "401") == before_401 + 1


def test_the_inline_access_line_is_what_the_configured_processors_render(
    capfd: pytest.CaptureFixture[str], info_logs: None
) -> None:
    from oversight_db import logs

    tokens = structlog.contextvars.bind_contextvars(request_id="r-1", job="j-2")
    try:
        capfd.readouterr()
        logs.log_request("POST", "/v1/members/batch", 422, 1.5)
        logs.flush_logs()
        inline = json.loads(capfd.readouterr().err)
        event: Any = {
            "method": "POST",
            "route": "/v1/members/batch",
            "status": 422,
            "ms": 1.5,
            "event": "request",
        }
        for processor in logs._pipeline.processors:
            event = processor(None, "info", event)
        assert isinstance(event, str)
        rendered = json.loads(event)
    finally:
        structlog.contextvars.reset_contextvars(**tokens)
    assert str(inline.pop("timestamp")).endswith("Z") and rendered.pop("timestamp")
    assert inline == rendered  # same keys and values
    # the same order too, except among the bound context keys (structlog walks the task's context,
    # whose order is a hash map's; the access line walks structlog's registry)
    assert list(inline)[:5] == list(rendered)[:5] and list(inline)[-1:] == list(rendered)[-1:] == ["level"]


async def test_access_lines_reach_stderr_within_the_flush_interval_without_a_flush(
    client: httpx.AsyncClient, capfd: pytest.CaptureFixture[str], info_logs: None
) -> None:
    capfd.readouterr()
    assert (await client.get("/healthz")).status_code == 200
    await asyncio.sleep(0.3)  # > FLUSH_AFTER_S: the loop's timer writes the batch
    assert [x["route"] for x in _access_lines(capfd.readouterr().err)] == ["/healthz"]


async def test_a_warning_is_written_at_once_and_after_the_access_lines_before_it(
    client: httpx.AsyncClient, capfd: pytest.CaptureFixture[str], info_logs: None
) -> None:
    capfd.readouterr()
    assert (await client.get("/healthz")).status_code == 200
    structlog.get_logger("test").warning("disk_nearly_full")
    events = [json.loads(line)["event"] for line in capfd.readouterr().err.splitlines()]
    assert events == ["request", "disk_nearly_full"]


def test_the_access_line_timestamp_is_utc_iso_with_microseconds() -> None:
    from oversight_db import logs

    before = datetime.now(UTC)
    stamp = logs._utc_timestamp(time.time())
    after = datetime.now(UTC)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", stamp)
    assert before - timedelta(microseconds=1) <= datetime.fromisoformat(stamp) <= after
