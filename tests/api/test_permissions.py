"""Each role is allowed exactly what the matrix says, on every route; the README shows the same matrix."""

from __future__ import annotations

import re
import uuid

import httpx

from oversight_api.app import create_app
from oversight_app.permissions import MATRIX, ROLES_BY_KIND, Role, allows, markdown_table
from tests.api.test_tenancy_walk import _permission_of
from tests.conftest import REPO_ROOT, MakeKey, MakeOrg

KIND_OF = {role: kind for kind, roles in ROLES_BY_KIND.items() for role in roles}
_PARAM = re.compile(r"{([^}:]+)(?::[^}]*)?}")


def all_routes() -> list[tuple[str, str, object]]:
    from fastapi.routing import APIRoute, iter_route_contexts

    found: list[tuple[str, str, object]] = []
    for ctx in iter_route_contexts(create_app().routes):
        original = getattr(ctx, "original_route", None)
        if isinstance(original, APIRoute) and ctx.path:
            permission = _permission_of(original)
            if permission is not None:
                found.extend((m, ctx.path, permission) for m in sorted(ctx.methods or ()) if m != "HEAD")
    return found


async def test_every_role_is_refused_exactly_what_the_matrix_denies(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    headers = {}
    for role in Role:
        org = await make_org(KIND_OF[role], npi="1234567893" if KIND_OF[role] == "provider" else None)
        headers[role] = await auth_headers(org, role.value)
    routes = all_routes()
    assert len(routes) >= 10
    wrong = []
    for method, path, permission in routes:
        url = _PARAM.sub(lambda _: str(uuid.uuid4()), path)
        for role in Role:
            r = await client.request(method, url, json={}, headers={**headers[role], "If-Match": '"1"'})
            refused = r.status_code == 403 and r.json()["type"] == "urn:oversight:problem:forbidden"
            if refused == allows(role, permission):  # type: ignore[arg-type]
                wrong.append(f"{method} {path} as {role}: {r.status_code} but the matrix says {permission} "
                             f"is {'allowed' if allows(role, permission) else 'denied'}")  # type: ignore[arg-type]  # fmt: skip
    assert not wrong, "\n".join(wrong)


def test_every_role_is_in_the_matrix_and_fits_some_organization() -> None:
    assert set(MATRIX) == set(Role) == set(KIND_OF)


def test_the_readme_shows_the_matrix() -> None:
    readme = (REPO_ROOT / "README.md").read_text()
    match = re.search(r"<!-- permissions:start -->\n(.*?)\n<!-- permissions:end -->", readme, re.S)
    assert match, "README.md needs the permission matrix between <!-- permissions:start/end --> markers"
    assert match.group(1).strip() == markdown_table(), (
        "README.md's permission matrix differs from auth/permissions.py; paste the output of "
        "`python -m oversight_api.auth.permissions` between the markers"
    )
