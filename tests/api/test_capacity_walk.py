"""Cross-tenant walk over every Capacity Building route with a path id: another plan and another state get a
404 (or a 403 where their role lacks the permission) and change nothing. The shared walk
(``test_tenancy_walk.py``) covers every area with the same world and bodies."""

from __future__ import annotations

import re

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.app import create_app
from oversight_db.models import (
    CapacityDistributionPlanVersion,
    CapacityParticipant,
    CapacityPayment,
    CapacityReport,
)
from oversight_db.settings import Settings
from tests.api.walk_bodies import WALK_BODIES
from tests.api.walk_world import capacity as capacity_builder
from tests.api.walk_world import tenant_a_context
from tests.conftest import MakeKey, MakeOrg

_PARAM = re.compile(r"{(\w+)}")


def _capacity_routes() -> list[tuple[str, str]]:
    app = create_app(
        Settings(environment="test", database_url="postgresql://x@localhost/x", redis_url="redis://x:1/0")
    )
    out = []
    for path, ops in app.openapi()["paths"].items():
        if path.startswith("/v1/capacity/") and "{" in path:
            out += [(method.upper(), path) for method in ops]
    return out


async def _fingerprint(session: AsyncSession) -> tuple[int, ...]:
    counts = []
    for model in (CapacityParticipant, CapacityDistributionPlanVersion, CapacityPayment):
        counts.append(int(await session.scalar(select(func.count()).select_from(model)) or 0))
    counts.append(
        int(
            await session.scalar(
                select(func.count()).select_from(CapacityReport).where(CapacityReport.status != "due")
            )
            or 0
        )
    )
    return tuple(counts)


async def test_every_capacity_route_hides_tenant_a_from_other_tenants(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    ids = await capacity_builder(await tenant_a_context(client, session, make_org, auth_headers))
    other_plan, other_state = await make_org("plan"), await make_org("state")
    outsiders = {
        "plan_admin": await auth_headers(other_plan, "plan_admin"),
        "plan_viewer": await auth_headers(other_plan, "viewer"),
        "state_admin": await auth_headers(other_state, "state_admin"),
    }
    routes = _capacity_routes()
    assert len(routes) >= 14
    before = await _fingerprint(session)
    missing = []
    for method, template in routes:
        names = _PARAM.findall(template)
        if any(n not in ids for n in names) or (method != "GET" and (method, template) not in WALK_BODIES):
            missing.append((method, template))
            continue
        path = _PARAM.sub(lambda m: ids[m.group(1)], template)
        for who, headers in outsiders.items():
            r = await client.request(
                method,
                path,
                json=WALK_BODIES.get((method, template)),
                headers=headers | {"If-Match": "*", "Idempotency-Key": f"walk-{who}-{method}-{template}"},
            )
            assert r.status_code in (403, 404), (who, method, template, r.status_code, r.text)
            assert r.headers["content-type"] == "application/problem+json"
    assert not missing, f"routes without a walk entry: {missing}"
    assert await _fingerprint(session) == before
