"""Rate limits: a caller over its rate and an address guessing keys get 429 problem+json with Retry-After."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest_asyncio

from oversight_api.app import create_app
from oversight_api.auth.rate_limits import RateLimits
from oversight_api.resources import Resources
from oversight_db.settings import Settings
from tests.conftest import MakeKey, MakeOrg


@pytest_asyncio.fixture(loop_scope="session")
async def limited(resources: Resources, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    assert settings.redis_url
    limits = RateLimits.connect(settings.redis_url, "3/minute", "2/minute")
    app = create_app(resources=dataclasses.replace(resources, rate_limits=limits))
    # A fresh client address per test: the counters live in Redis for a minute.
    transport = httpx.ASGITransport(
        app=app, client=(f"10.9.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}", 1)
    )
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


def _assert_429(response: httpx.Response) -> None:
    assert response.status_code == 429
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "urn:oversight:problem:too-many-requests"
    retry_after = int(response.headers["Retry-After"])
    assert 1 <= retry_after <= 60
    assert response.json()["retry_after"] == retry_after


async def test_a_caller_over_its_rate_gets_429_and_others_do_not(
    limited: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan = await make_org("plan")
    busy, quiet = await auth_headers(plan, "plan_admin"), await auth_headers(plan, "viewer")
    for _ in range(3):
        assert (await limited.get("/v1/ping", headers=busy)).status_code == 200
    _assert_429(await limited.get("/v1/ping", headers=busy))
    _assert_429(await limited.get("/v1/reviews", headers=busy))  # every route counts
    assert (await limited.get("/v1/ping", headers=quiet)).status_code == 200  # another key has its own rate


async def test_an_address_that_keeps_failing_authentication_is_refused_even_with_a_good_key(
    limited: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    good = await auth_headers(await make_org("plan"), "plan_admin")
    wrong = {"Authorization": "Bearer ovs_abcdef012345_not-a-real-secret"}
    assert (await limited.get("/v1/ping")).status_code == 401  # no credential: not a guess, not counted
    for _ in range(2):
        assert (await limited.get("/v1/ping", headers=wrong)).status_code == 401
    _assert_429(await limited.get("/v1/ping", headers=wrong))
    _assert_429(await limited.get("/v1/ping", headers=good))  # blocked before any key lookup


async def test_limits_are_off_when_not_configured(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    headers = await auth_headers(await make_org("plan"), "plan_admin")
    statuses = {(await client.get("/v1/ping", headers=headers)).status_code for _ in range(10)}
    assert statuses == {200}
