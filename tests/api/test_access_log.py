"""The access line and request metrics: one JSON line and one count per request, by route template."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import structlog
from prometheus_client import REGISTRY
from starlette.types import Message, Scope

from oversight_api.app import create_app
from oversight_api.resources import Resources
from oversight_db.logs import configure_logging
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
    assert _access_lines(capfd.readouterr().err) == []


async def test_each_request_counts_once_under_its_route_template(client: httpx.AsyncClient) -> None:
    before = _requests_total("GET", "/healthz", "200")
    before_401 = _requests_total("GET", "/v1/ping", "401")
    for _ in range(3):
        assert (await client.get("/healthz")).status_code == 200
    assert (await client.get("/v1/ping")).status_code == 401
    assert _requests_total("GET", "/healthz", "200") == before + 3
    assert _requests_total("GET", "/v1/ping", "401") == before_401 + 1


async def test_the_access_line_is_written_by_the_time_the_response_is_back(
    client: httpx.AsyncClient, capfd: pytest.CaptureFixture[str], info_logs: None
) -> None:
    capfd.readouterr()
    before = datetime.now(UTC)
    assert (await client.get("/healthz")).status_code == 200
    after = datetime.now(UTC)
    (line,) = _access_lines(capfd.readouterr().err)  # nothing to flush, no wait
    assert line["route"] == "/healthz"
    stamp = str(line["timestamp"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", stamp)  # UTC ISO, microseconds
    assert before - timedelta(microseconds=1) <= datetime.fromisoformat(stamp) <= after


async def test_the_access_line_carries_what_is_bound_and_nothing_else(
    client: httpx.AsyncClient, capfd: pytest.CaptureFixture[str], info_logs: None
) -> None:
    capfd.readouterr()
    with structlog.contextvars.bound_contextvars(job="j-2"):  # e.g. an id bound by an outer layer
        assert (await client.get("/healthz")).status_code == 200
    (line,) = _access_lines(capfd.readouterr().err)
    assert line["job"] == "j-2"
    assert set(line) == {
        "event",
        "method",
        "route",
        "status",
        "ms",
        "request_id",
        "job",
        "level",
        "timestamp",
    }


async def test_paths_with_ids_are_logged_and_counted_as_templates(
    client: httpx.AsyncClient,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    capfd: pytest.CaptureFixture[str],
    info_logs: None,
) -> None:
    headers = await auth_headers(await make_org(), "viewer")
    member_id = str(uuid.uuid4())
    template = "/v1/members/{member_id}"
    before = {status: _requests_total("GET", template, status) for status in ("403", "404")}
    capfd.readouterr()
    r = await client.get(f"/v1/members/{member_id}?q={member_id}", headers=headers)
    unknown = await client.get(f"/v1/no-such-thing/{member_id}", headers=headers)
    err = capfd.readouterr().err
    assert r.status_code in (403, 404) and unknown.status_code == 404
    assert [(x["route"], x["status"]) for x in _access_lines(err)] == [
        (template, r.status_code),
        ("unmatched", 404),  # no template matched: still never the raw path
    ]
    assert member_id not in err
    counted = str(r.status_code)
    assert _requests_total("GET", template, counted) == before[counted] + 1  # once, under the template
    assert _requests_total("GET", f"/v1/members/{member_id}", counted) == 0


async def test_a_warning_is_written_at_once_and_after_the_access_lines_before_it(
    client: httpx.AsyncClient, capfd: pytest.CaptureFixture[str], info_logs: None
) -> None:
    capfd.readouterr()
    assert (await client.get("/healthz")).status_code == 200
    structlog.get_logger("test").warning("disk_nearly_full")
    events = [json.loads(line)["event"] for line in capfd.readouterr().err.splitlines()]
    assert events == ["request", "disk_nearly_full"]


@pytest.mark.parametrize(
    "incoming", ["trace-42\n", "trace\r\n42", "trace\x0042", "t" * 65, "trace 42", "trácé"]
)
async def test_an_unsafe_request_id_is_replaced_not_echoed(resources: Resources, incoming: str) -> None:
    """X-Request-ID rides into every log line of the request and the audit trail: only a plain token is
    taken over (a trailing newline too is refused: the whole value must match). Sent as a raw ASGI scope:
    an HTTP client would refuse to send most of these, a proxy in front of us might not."""
    app = create_app(resources=resources)
    sent: list[Message] = []
    scope: Scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
        "path": "/healthz", "raw_path": b"/healthz", "query_string": b"", "root_path": "",
        "headers": [(b"x-request-id", incoming.encode("utf-8"))], "client": ("127.0.0.1", 1),
        "server": ("test", 80),
    }  # fmt: skip

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    await app(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    echoed = dict(start["headers"])[b"x-request-id"].decode()
    assert echoed != incoming and re.fullmatch(r"[0-9a-f]{32}", echoed)
