"""The cross-tenant route walk: every route with a path id, called by outsiders on tenant A's objects.

For each route in the app's route table with a path parameter, and each outsider (a plan admin of another
plan; a provider-role key of an unrelated provider), the answer for tenant A's object must be the answer for
an id that does not exist (same status, same problem type), never a success; for the plan admin outsider it
must be a 404 unless its role lacks the route's permission. A new route fails here until its area adds the
object to ``walk_world.BUILDERS`` and, for writes, a body to ``walk_bodies.WALK_BODIES``.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.app import create_app
from oversight_api.resources import Resources
from oversight_app.permissions import Permission, Role, allows
from tests.api.walk_bodies import WALK_BODIES
from tests.api.walk_world import build_world, tenant_a_context
from tests.conftest import MakeKey, MakeOrg

WRITE_METHODS = {"POST", "PUT", "PATCH"}
_PARAM = re.compile(r"{([^}:]+)(?::[^}]*)?}")


@dataclass(frozen=True)
class WalkRoute:
    method: str
    path: str
    params: list[str]
    permission: Permission | None


def _permission_of(route: APIRoute) -> Permission | None:
    stack = [route.dependant]
    while stack:
        dependant = stack.pop()
        permission = getattr(dependant.call, "permission", None)
        if isinstance(permission, Permission):
            return permission
        stack.extend(dependant.dependencies)
    return None


def walk_routes(app: FastAPI) -> list[WalkRoute]:
    """Every (method, path template) with a path parameter, from the app's route table."""
    try:
        from fastapi.routing import iter_route_contexts  # FastAPI >= 0.16x: included routers stay nested
    except ImportError:  # pragma: no cover - older FastAPI flattens routes into app.routes
        contexts: list[Any] = list(app.routes)
    else:
        contexts = list(iter_route_contexts(app.routes))
    found = []
    for ctx in contexts:
        # The template without convertors (``{member_id:uuid}`` is ``{member_id}``), as OpenAPI shows it.
        path = getattr(ctx, "path_format", None)
        original = getattr(ctx, "original_route", ctx)
        if not path or not isinstance(original, APIRoute):
            continue
        params = _PARAM.findall(path)
        if not params:
            continue
        for method in sorted(ctx.methods or ()):
            if method != "HEAD":
                found.append(WalkRoute(method, path, params, _permission_of(original)))
    return found


def test_the_walk_sees_routes_with_path_ids() -> None:
    routes = {(r.method, r.path) for r in walk_routes(create_app())}
    assert ("GET", "/v1/members/{member_id}") in routes
    assert ("DELETE", "/v1/api-keys/{api_key_id}") in routes


def _absent_like(real: str) -> str:
    """An id of the same shape as ``real`` that names nothing (numbers stay numbers)."""
    return "987654321" if real.isdigit() else str(uuid.uuid4())


def _problem_type(r: httpx.Response) -> str | None:
    if r.headers.get("content-type", "").startswith("application/problem+json"):
        return str(r.json().get("type"))
    return None


async def test_no_route_reveals_another_tenants_objects(
    resources: Resources, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    app = create_app(resources=resources)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        ids = await build_world(await tenant_a_context(client, session, make_org, auth_headers))

        other_plan = await make_org("plan", jurisdiction="US-NC")
        stranger = await make_org("provider", npi="1003000126", jurisdiction="US-NC")
        outsiders = {
            "plan_admin of another plan": (Role.PLAN_ADMIN, await auth_headers(other_plan, "plan_admin")),
            "provider of an unrelated provider": (Role.PROVIDER, await auth_headers(stranger, "provider")),
        }

        problems: list[str] = []
        for route in walk_routes(app):
            label = f"{route.method} {route.path}"
            missing = [p for p in route.params if p not in ids]
            if missing:
                problems.append(
                    f"{label}: no object for {missing} — add it to tests/api/walk_world.py (a builder in BUILDERS)"
                )
                continue
            body = None
            if route.method in WRITE_METHODS:
                if (route.method, route.path) not in WALK_BODIES:
                    problems.append(
                        f"{label}: no request body — add WALK_BODIES[({route.method!r}, {route.path!r})] "
                        "to tests/api/walk_bodies.py"
                    )
                    continue
                body = WALK_BODIES[(route.method, route.path)]
            real_url = route.path.format(**{p: ids[p] for p in route.params})
            fake_url = route.path.format(**{p: _absent_like(ids[p]) for p in route.params})
            extra = {"If-Match": '"1"', "Idempotency-Key": f"walk-{uuid.uuid4()}"}
            for who, (role, outsider) in outsiders.items():
                kwargs: dict[str, Any] = {"headers": {**outsider, **extra}}
                if body is not None:
                    kwargs["json"] = body
                real = await client.request(route.method, real_url, **kwargs)
                fake = await client.request(route.method, fake_url, **kwargs)
                if real.is_success:
                    problems.append(f"{label}: {who} got {real.status_code} on tenant A's object")
                    continue
                if (real.status_code, _problem_type(real)) != (fake.status_code, _problem_type(fake)):
                    problems.append(
                        f"{label}: {who} can tell tenant A's object exists: {real.status_code} "
                        f"{_problem_type(real)} vs {fake.status_code} {_problem_type(fake)} for a random id"
                    )
                    continue
                may = route.permission is None or allows(role, route.permission)
                if role is Role.PLAN_ADMIN and may and real.status_code != 404:
                    problems.append(f"{label}: {who} got {real.status_code}, expected 404")
        assert not problems, "\n".join(problems)


async def test_the_world_ids_are_real_objects_tenant_a_can_read(
    resources: Resources, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    """Guards the walk itself: with wrong ids every outsider call would 404 and prove nothing."""
    app = create_app(resources=resources)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        ctx = await tenant_a_context(client, session, make_org, auth_headers)
        headers = ctx.headers
        ids = await build_world(ctx)
        unreadable = []
        for route in walk_routes(app):
            if route.method != "GET" or any(p not in ids for p in route.params):
                continue
            url = route.path.format(**{p: ids[p] for p in route.params})
            statuses = [(await client.get(url, headers=h)).status_code for h in headers.values()]
            if not any(200 <= s < 300 for s in statuses):
                unreadable.append(f"GET {route.path}: tenant A got {statuses}")
        assert not unreadable, "\n".join(unreadable)
