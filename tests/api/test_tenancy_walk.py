"""Every route with a path id, called by another tenant with tenant A's ids, answers 404 (or 403 for a role
that lacks the permission) and never reveals or changes anything."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.app import create_app
from oversight_api.auth.permissions import Role
from tests.api.walk_bodies import WALK_BODIES
from tests.api.walk_world import build_world
from tests.conftest import MakeKey, MakeOrg

_PARAM = re.compile(r"{([a-z_]+)}")


def _routes() -> list[tuple[str, str]]:
    # The OpenAPI document lists every operation (routers may be included lazily, so not app.routes).
    out = []
    for path, operations in create_app().openapi()["paths"].items():
        if _PARAM.search(path):
            for method in sorted(operations):
                if method in {"get", "post", "put", "patch", "delete"}:
                    out.append((method.upper(), path))
    return out


@pytest.mark.xfail(
    reason="the reviews/action-plans/tools routes await their build_world objects and WALK_BODIES entries "
    "(reviews helper); remove this marker when they land",
    strict=False,
)
def test_every_route_with_a_path_id_has_a_walk_entry() -> None:
    missing = [r for r in _routes() if r not in WALK_BODIES]
    assert not missing, f"routes without a WALK_BODIES entry: {missing}"


async def test_every_route_with_a_path_id_hides_other_tenants_objects(
    client: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    routes = [r for r in _routes() if r in WALK_BODIES]  # the test below fails for the rest
    failures = []
    for kind in ("provider", "plan"):
        owner = await make_org(kind)
        intruder = await make_org(kind)
        world = await build_world(session, owner)
        keys = {role: await auth_headers(intruder, role.value) for role in Role}
        for method, path in routes:
            names = _PARAM.findall(path)
            if any(name not in world for name in names):
                failures.append(f"{method} {path}: build_world has no {names}")
                continue
            url = path.format(**{name: world[name] for name in names})
            statuses = set()
            for headers in keys.values():
                response = await client.request(
                    method, url, json=WALK_BODIES[(method, path)], headers=headers
                )
                statuses.add(response.status_code)
            if not statuses <= {403, 404} or 404 not in statuses:
                failures.append(f"{kind} {method} {path}: {sorted(statuses)}")
    assert not failures, failures
