"""Every error is RFC 9457 problem+json: 404, 405, 422 with field paths, malformed JSON, 413, 500."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from oversight_api.app import create_app
from oversight_api.resources import Resources


class Thing(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    count: int
    tags: list[int] = []


probe = APIRouter(tags=["probe"])
MEMBER_NAME = "Jane Doe"
MEMBER_DOB = "1970-01-01"


@probe.post("/probe", operation_id="probe_create")
async def probe_create(body: Thing) -> Thing:
    return body


@probe.get("/boom", operation_id="probe_boom")
async def probe_boom() -> None:
    # As in real code, the sensitive values come from data, not from the source line the traceback shows.
    raise RuntimeError(f"secret internals: member {MEMBER_NAME} {MEMBER_DOB}")


@pytest_asyncio.fixture(loop_scope="session")
async def probe_client(resources: Resources) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(resources=resources)
    app.include_router(probe)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


def assert_problem(r: httpx.Response, status: int, slug: str) -> dict[str, object]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = r.json()
    assert body["type"] == f"urn:oversight:problem:{slug}"
    assert body["status"] == status
    assert body["title"] and body["detail"]
    return body


async def test_unknown_route_is_a_404_problem(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/v1/nothing-here"), 404, "not-found")


async def test_wrong_method_is_a_405_problem(client: httpx.AsyncClient) -> None:
    assert_problem(await client.post("/healthz"), 405, "method-not-allowed")


async def test_validation_errors_name_each_field_path(probe_client: httpx.AsyncClient) -> None:
    r = await probe_client.post("/probe", json={"name": 3, "count": "many", "tags": [1, "x"], "extra": 1})
    body = assert_problem(r, 422, "validation")
    paths = {e["path"] for e in body["errors"]}  # type: ignore[attr-defined]
    assert {"body.name", "body.count", "body.tags[1]", "body.extra"} <= paths


async def test_malformed_json_is_a_422_problem(probe_client: httpx.AsyncClient) -> None:
    r = await probe_client.post(
        "/probe", content=b'{"name": "a", ', headers={"content-type": "application/json"}
    )
    body = assert_problem(r, 422, "validation")
    assert "not valid JSON" in str(body["detail"])


async def test_unhandled_error_is_a_500_problem_without_internals(probe_client: httpx.AsyncClient) -> None:
    r = await probe_client.get("/boom")
    body = assert_problem(r, 500, "internal")
    assert "Jane" not in r.text and "Traceback" not in r.text and "RuntimeError" not in r.text
    assert body["request_id"] == r.headers["x-request-id"]


async def test_unhandled_error_log_has_the_stack_but_not_the_message(
    probe_client: httpx.AsyncClient, capfd: pytest.CaptureFixture[str]
) -> None:
    await probe_client.get("/boom")
    err = capfd.readouterr().err
    assert "unhandled_error" in err and "probe_boom" in err and "RuntimeError" in err
    assert "Jane" not in err and "1970-01-01" not in err


async def test_oversize_body_is_a_413_problem_by_content_length(probe_client: httpx.AsyncClient) -> None:
    limit = 2_000_000
    r = await probe_client.post(
        "/probe", content=b"x" * (limit + 1), headers={"content-type": "application/json"}
    )
    assert_problem(r, 413, "payload-too-large")


async def test_oversize_chunked_body_is_a_413_problem(probe_client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(30):
            yield b" " * 100_000

    r = await probe_client.post("/probe", content=chunks(), headers={"content-type": "application/json"})
    assert_problem(r, 413, "payload-too-large")


async def test_request_id_is_echoed_when_sane_and_replaced_when_not(client: httpx.AsyncClient) -> None:
    r = await client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    sent = "bad id with spaces " + "x" * 80
    r = await client.get("/healthz", headers={"X-Request-ID": sent})
    # Replaced by a fresh hex id (a random one may well contain "bad", so compare with what was sent).
    assert r.headers["x-request-id"] != sent
    assert re.fullmatch(r"[0-9a-f]{32}", r.headers["x-request-id"])
