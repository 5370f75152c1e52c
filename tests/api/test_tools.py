"""Tools: shipped versions are stored, plan admins import versions (YAML or JSON), used versions are frozen."""

from __future__ import annotations

import json

import httpx
import yaml
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models import ToolVersionRecord
from oversight_domain.tools import dump_tool, load_tool
from tests.api.test_problems import assert_problem
from tests.conftest import MakeKey, MakeOrg

YAML = {"Content-Type": "application/yaml"}


def custom_tool_yaml(version: str = "2025.1", points: int = 2) -> str:
    data = yaml.safe_load(dump_tool(load_tool("ecm-partnership")))
    data["key"] = "ecm-custom"
    data["version"] = version
    data["sections"][0]["elements"][0]["points"] = points
    return yaml.safe_dump(data, sort_keys=False)


async def test_shipped_tools_are_listed_and_readable(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan = await make_org("plan")
    headers = await auth_headers(plan, "viewer")
    r = await client.get("/v1/tools", headers=headers)
    assert r.status_code == 200, r.text
    keys = {(t["key"], t["shipped"]) for t in r.json()["items"]}
    assert ("ecm-partnership", True) in keys and ("nc-tcm-monitoring", True) in keys
    ecm = load_tool("ecm-partnership")
    r = await client.get(f"/v1/tools/ecm-partnership/versions/{ecm.version}", headers=headers)
    assert r.status_code == 200
    body = r.json()
    assert body["document"]["policies"]["sampling"]["per_stratum"] == 8  # seed 003
    assert body["in_use"] is False
    assert_problem(
        await client.get("/v1/tools/ecm-partnership/versions/0.0", headers=headers), 404, "not-found"
    )


async def test_import_yaml_and_json_and_reimport(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    plan = await make_org("plan")
    admin = await auth_headers(plan, "plan_admin")
    r = await client.post("/v1/tools", content=custom_tool_yaml(), headers={**admin, **YAML})
    assert r.status_code == 201, r.text
    assert r.headers["location"] == "/v1/tools/ecm-custom/versions/2025.1"
    assert r.json()["document"]["sections"][0]["elements"][0]["points"] == 2
    # The same content again: 200, nothing new.
    r = await client.post("/v1/tools", content=custom_tool_yaml(), headers={**admin, **YAML})
    assert r.status_code == 200
    # JSON of a new version.
    doc = yaml.safe_load(custom_tool_yaml("2025.2"))
    r = await client.post(
        "/v1/tools", content=json.dumps(doc), headers={**admin, "Content-Type": "application/json"}
    )
    assert r.status_code == 201, r.text
    count = await session.scalar(
        select(func.count()).select_from(ToolVersionRecord).where(ToolVersionRecord.key == "ecm-custom")
    )
    assert count == 2
    # Another plan does not see them.
    other = await make_org("plan")
    other_headers = await auth_headers(other, "plan_admin")
    assert_problem(
        await client.get("/v1/tools/ecm-custom/versions/2025.1", headers=other_headers), 404, "not-found"
    )


async def test_import_errors_name_the_path_and_change_nothing(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    plan = await make_org("plan")
    admin = await auth_headers(plan, "plan_admin")
    before = await session.scalar(select(func.count()).select_from(ToolVersionRecord))
    body = assert_problem(
        await client.post("/v1/tools", content=custom_tool_yaml(points=0), headers={**admin, **YAML}),
        422,
        "invalid-tool",
    )
    assert {"path": "sections[0].elements[0].points"}.items() <= body["errors"][0].items()  # type: ignore[index]
    assert_problem(
        await client.post("/v1/tools", content=": : :", headers={**admin, **YAML}), 422, "invalid-tool"
    )
    assert_problem(
        await client.post("/v1/tools", content="x", headers={**admin, "Content-Type": "text/plain"}),
        415,
        "unsupported-media-type",
    )
    shipped = dump_tool(load_tool("ecm-partnership"))
    assert_problem(
        await client.post("/v1/tools", content=shipped, headers={**admin, **YAML}), 409, "tool-version-exists"
    )
    reviewer = await auth_headers(plan, "reviewer")
    assert_problem(
        await client.post("/v1/tools", content=custom_tool_yaml(), headers={**reviewer, **YAML}),
        403,
        "forbidden",
    )
    assert await session.scalar(select(func.count()).select_from(ToolVersionRecord)) == before
