"""API conventions on real endpoints: idempotency (incl. 20 concurrent retries), If-Match, bad input."""

from __future__ import annotations

import asyncio
import json
import random

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.resources import Resources
from oversight_app.organizations.npi import NPI_PREFIX, _luhn_check_digit
from oversight_db.models import AuditEvent, Member, NetworkLink, Organization
from tests.conftest import MakeKey, MakeOrg


def random_npi() -> str:
    body = "1" + "".join(random.choices("0123456789", k=8))
    return body + str(_luhn_check_digit(NPI_PREFIX + body))


def provider_body(npi: str, program: str = "ecm") -> dict[str, object]:
    return {"npi": npi, "name": "Harbor ECM", "program": program, "effective_from": "2026-01-01"}


async def counts(session: AsyncSession) -> tuple[int, ...]:
    found = []
    for model in (Organization, NetworkLink, Member, AuditEvent):
        found.append(int(await session.scalar(select(func.count()).select_from(model)) or 0))
    return tuple(found)


async def test_same_key_same_body_replays_the_first_response(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    plan = await make_org("plan")
    h = {**await auth_headers(plan, "plan_admin"), "Idempotency-Key": "k-1"}
    body = provider_body(random_npi())
    first = await client.post("/v1/providers", json=body, headers=h)
    before = await counts(session)
    again = await client.post("/v1/providers", json=body, headers=h)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["location"] == first.headers["location"]
    assert again.headers["idempotent-replayed"] == "true" and "idempotent-replayed" not in first.headers
    assert await counts(session) == before


async def test_same_key_different_body_is_a_422(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    plan = await make_org("plan")
    h = {**await auth_headers(plan, "plan_admin"), "Idempotency-Key": "k-2"}
    assert (
        await client.post("/v1/providers", json=provider_body(random_npi()), headers=h)
    ).status_code == 201
    before = await counts(session)
    r = await client.post("/v1/providers", json=provider_body(random_npi()), headers=h)
    assert r.status_code == 422 and r.json()["type"] == "urn:oversight:problem:idempotency-key-reused"
    assert await counts(session) == before


async def test_twenty_concurrent_posts_with_one_key_create_one_provider(
    committed_client: httpx.AsyncClient,
    committed_factories: tuple[MakeOrg, MakeKey],
    committed_resources: Resources,
) -> None:
    make_org, make_key = committed_factories
    plan = await make_org("plan")
    h = {**await make_key(plan, "plan_admin"), "Idempotency-Key": "burst"}
    npi = random_npi()
    responses = await asyncio.gather(
        *(committed_client.post("/v1/providers", json=provider_body(npi), headers=h) for _ in range(20))
    )
    assert [r.status_code for r in responses] == [201] * 20
    assert len({r.json()["id"] for r in responses}) == 1
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in responses) == 19
    async with committed_resources.sessions() as s:
        links = await s.scalar(
            select(func.count()).select_from(NetworkLink).where(NetworkLink.plan_id == plan.id)
        )
        orgs = await s.scalar(select(func.count()).select_from(Organization).where(Organization.npi == npi))
        events = await s.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.organization_id == plan.id, AuditEvent.action == "network_link.created")
        )
    assert (links, orgs, events) == (1, 1, 1)


async def test_if_match_is_required_and_checked(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    plan = await make_org("plan")
    h = await auth_headers(plan, "plan_admin")
    url = f"/v1/organizations/{plan.id}"
    r = await client.patch(url, json={"name": "New"}, headers=h)
    assert r.status_code == 428 and r.json()["type"] == "urn:oversight:problem:precondition-required"
    r = await client.patch(url, json={"name": "New"}, headers={**h, "If-Match": '"7"'})
    assert r.status_code == 412 and r.json()["current_etag"] == '"1"'
    await session.refresh(plan)
    assert plan.name != "New"
    r = await client.patch(url, json={"name": "New"}, headers={**h, "If-Match": '"1"'})
    assert r.status_code == 200 and r.headers["etag"] == '"2"'


@pytest.mark.parametrize(
    ("url", "content", "status", "slug"),
    [
        ("/v1/providers", b'{"npi": "1234567893", ', 422, "validation"),
        ("/v1/providers", json.dumps({**provider_body("1234567893"), "effective_from": 5}).encode(), 422, "validation"),
        ("/v1/providers", json.dumps({**provider_body("1234567893"), "colour": "red"}).encode(), 422, "validation"),
        ("/v1/providers", json.dumps({**provider_body("1234567893"), "program": ["ecm"]}).encode(), 422, "validation"),
        ("/v1/members/batch", b"[1, 2", 422, "validation"),
        ("/v1/members/batch", json.dumps({"members": [{"member_number": 5}]}).encode(), 422, "validation"),
        ("/v1/members/batch", json.dumps({"members": [], "extra": 1}).encode(), 422, "validation"),
        ("/v1/members/batch", b'{"members": [' + b" " * 2_100_000 + b"]}", 413, "payload-too-large"),
    ],
    ids=["malformed", "wrong-type", "unknown-field", "list-for-enum", "members-malformed", "members-wrong-type",
         "members-unknown", "oversize"],
)  # fmt: skip
async def test_bad_input_is_a_problem_and_writes_nothing(
    client: httpx.AsyncClient,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
    url: str,
    content: bytes,
    status: int,
    slug: str,
) -> None:
    plan = await make_org("plan")
    h = {**await auth_headers(plan, "plan_admin"), "content-type": "application/json"}
    before = await counts(session)
    r = await client.post(url, content=content, headers=h)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"] == f"urn:oversight:problem:{slug}"
    assert await counts(session) == before
