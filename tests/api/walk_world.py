"""Objects owned by tenant A for the cross-tenant walk: ``build_world`` returns ids keyed by the path-parameter
names of the routes that take them. Each area appends a builder to ``BUILDERS``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from tests.conftest import MakeKey, MakeOrg


@dataclass
class WalkContext:
    client: httpx.AsyncClient
    make_org: MakeOrg
    auth_headers: MakeKey


Builder = Callable[[WalkContext], Awaitable[dict[str, str]]]
BUILDERS: list[Builder] = []


async def build_world(ctx: WalkContext) -> dict[str, str]:
    ids: dict[str, str] = {}
    for build in BUILDERS:
        ids |= await build(ctx)
    return ids


async def _capacity(ctx: WalkContext) -> dict[str, str]:
    """A state's Capacity Building program with one participating plan, its approved plan (version 1) and a
    submitted quarterly report (issue 7)."""
    import uuid

    from tests.api.capacity_helpers import NC_PROGRAM, plan_body

    state = await ctx.make_org("state")
    plan = await ctx.make_org("plan")
    providers = [(await ctx.make_org("provider")).id, (await ctx.make_org("provider")).id]
    hs = await ctx.auth_headers(state, "state_admin")
    hp = await ctx.auth_headers(plan, "plan_admin")
    c = ctx.client
    key = {"Idempotency-Key": str(uuid.uuid4())}
    program = (await c.post("/v1/capacity/programs", json=NC_PROGRAM, headers=hs | key)).json()["id"]
    r = await c.post(
        f"/v1/capacity/programs/{program}/participants",
        json={"plan_id": str(plan.id)},
        headers=hs | {"Idempotency-Key": str(uuid.uuid4())},
    )
    participant = r.json()["id"]
    r = await c.post(
        f"/v1/capacity/participants/{participant}/distribution-plan/versions",
        json=plan_body(providers),
        headers=hp | {"Idempotency-Key": str(uuid.uuid4())},
    )
    assert r.status_code == 201, r.text
    reports = (
        await c.get(
            f"/v1/capacity/programs/{program}/reports", params={"kind": "quarterly", "limit": 1}, headers=hp
        )
    ).json()["items"]
    report = reports[0]["id"]
    etag = (await c.get(f"/v1/capacity/reports/{report}", headers=hp)).headers["etag"]
    r = await c.post(
        f"/v1/capacity/reports/{report}/submission",
        json={"progress": [{"milestone": 4, "quantity": "1"}]},
        headers=hp | {"If-Match": etag},
    )
    assert r.status_code == 200, r.text
    return {"program_id": program, "participant_id": participant, "report_id": report, "version_number": "1"}


BUILDERS.append(_capacity)
