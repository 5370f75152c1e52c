"""API keys through the API: created for the caller's organization, secret once, revocation immediate here."""

from __future__ import annotations

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models import ApiKey, IdempotencyRecord
from tests.conftest import MakeKey, MakeOrg


async def test_admin_creates_lists_and_revokes_a_key(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    plan = await make_org("plan")
    admin = await auth_headers(plan, "plan_admin")
    r = await client.post("/v1/api-keys", json={"name": "care platform", "role": "reviewer"}, headers=admin)
    assert r.status_code == 201, r.text
    created = r.json()
    assert (
        created["secret"].startswith(f"ovs_{created['prefix']}_") and r.headers["cache-control"] == "no-store"
    )
    stored = await session.scalar(select(ApiKey).where(ApiKey.id == created["id"]))
    assert stored is not None and created["secret"] not in (stored.secret_hash, stored.name)
    new_key = {"Authorization": f"Bearer {created['secret']}"}
    pong = (await client.get("/v1/ping", headers=new_key)).json()
    assert pong["role"] == "reviewer" and pong["organization_id"] == str(plan.id)

    listed = (await client.get("/v1/api-keys", headers=admin)).json()["items"]
    mine = next(k for k in listed if k["id"] == created["id"])
    assert "secret" not in mine and mine["last_used_at"] is not None

    assert (await client.delete(f"/v1/api-keys/{created['id']}", headers=admin)).status_code == 204
    # Revoked through this process: the cached verification is dropped at once.
    assert (await client.get("/v1/ping", headers=new_key)).status_code == 401
    assert (await client.delete(f"/v1/api-keys/{created['id']}", headers=admin)).status_code == 204
    active = (await client.get("/v1/api-keys", headers=admin)).json()["items"]
    assert created["id"] not in {k["id"] for k in active}
    everything = (await client.get("/v1/api-keys", params={"include_revoked": "true"}, headers=admin)).json()
    assert created["id"] in {k["id"] for k in everything["items"]}
    assert (
        await session.scalars(
            select(IdempotencyRecord.key).where(IdempotencyRecord.organization_id == plan.id)
        )
    ).all() == []


async def test_a_role_must_fit_the_organization(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan, state = await make_org("plan"), await make_org("state")
    r = await client.post(
        "/v1/api-keys",
        json={"name": "x", "role": "state_admin"},
        headers=await auth_headers(plan, "plan_admin"),
    )
    assert r.status_code == 422 and r.json()["errors"][0]["path"] == "body.role"
    r = await client.post(
        "/v1/api-keys", json={"name": "x", "role": "viewer"}, headers=await auth_headers(state, "state_admin")
    )
    assert r.status_code == 201


async def test_only_admins_manage_keys(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan = await make_org("plan")
    for role in ("reviewer", "viewer"):
        h = await auth_headers(plan, role)
        assert (await client.get("/v1/api-keys", headers=h)).status_code == 403
        r = await client.post("/v1/api-keys", json={"name": "x", "role": "viewer"}, headers=h)
        assert r.status_code == 403 and r.json()["type"] == "urn:oversight:problem:forbidden"


async def test_bad_credentials_are_401_problems(client: httpx.AsyncClient) -> None:
    for header in ({}, {"Authorization": "Bearer ovs_nope"}, {"Authorization": "Bearer ovs_abc_def"}):
        r = await client.get("/v1/ping", headers=header)
        assert r.status_code == 401 and r.json()["type"] == "urn:oversight:problem:unauthenticated"
        assert r.headers["www-authenticate"] == "Bearer"
