"""Issue 12 "Input": the tool importer's worst inputs and the capacity program's loop-driving numbers are
422 problems naming where, and change nothing (they answered 500, or ran for seconds, before)."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models import CapacityProgram, ToolVersionRecord
from tests import worst_inputs
from tests.api.capacity_helpers import NC_PROGRAM
from tests.api.test_problems import assert_problem
from tests.conftest import MakeKey, MakeOrg

YAML = {"Content-Type": "application/yaml"}
JSON = {"Content-Type": "application/json"}

BAD_TOOLS = [
    ("alias-bomb-600k", worst_inputs.alias_bomb(), YAML, "larger than 131072 bytes"),
    (
        "alias-bomb-100k",
        worst_inputs.alias_bomb(100_000),
        YAML,
        "YAML aliases (*name) are not accepted (line 2",
    ),
    ("deep-json-100k", worst_inputs.deep_json(), JSON, "larger than 131072 bytes"),
    (
        "deep-json-50k",
        worst_inputs.deep_json(50_000),
        JSON,
        "nested more than 20 levels deep (line 1, column 21)",
    ),
    ("deep-yaml-50k", worst_inputs.deep_yaml(50_000), YAML, "exceeded maximum nesting depth"),
    ("long-int-json", worst_inputs.long_integer_json(), JSON, "a number longer than 20 characters (line 1"),
    ("long-int-yaml", worst_inputs.long_integer_yaml(), YAML, "a number longer than 20 characters"),
    ("invalid-utf8", worst_inputs.INVALID_UTF8, YAML, "not valid UTF-8 (byte 26"),
    ("invalid-utf8-json", b'{"key": "\xc3\x28"}', JSON, "not valid UTF-8 (byte 9"),
]


@pytest.mark.parametrize(("name", "body", "headers", "message"), BAD_TOOLS, ids=[b[0] for b in BAD_TOOLS])
async def test_bad_tool_documents_are_422_with_the_position(
    client: httpx.AsyncClient,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
    name: str,
    body: bytes,
    headers: dict[str, str],
    message: str,
) -> None:
    admin = await auth_headers(await make_org("plan"), "plan_admin")
    before = await session.scalar(select(func.count()).select_from(ToolVersionRecord))
    problem = assert_problem(
        await client.post("/v1/tools", content=body, headers=admin | headers), 422, "invalid-tool"
    )
    errors = problem["errors"]
    assert isinstance(errors, list) and errors[0]["path"] == "<document>", errors
    assert message in errors[0]["message"], errors
    assert await session.scalar(select(func.count()).select_from(ToolVersionRecord)) == before


async def test_the_largest_tool_allowed_imports(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    admin = await auth_headers(await make_org("plan"), "plan_admin")
    r = await client.post("/v1/tools", content=worst_inputs.largest_tool(), headers=admin | YAML)
    assert r.status_code == 201, r.text


@pytest.mark.parametrize(
    ("rule", "path"),
    [
        ({"kind": "days_after_end", "days": 2_000_000, "day_type": "business"}, "days_after_end.days"),
        ({"kind": "days_after_end", "days": 10**12, "day_type": "business"}, "days_after_end.days"),
        (
            {"kind": "day_of_following_month", "day": 30, "months_after": 10**12},
            "day_of_following_month.months_after",
        ),
    ],
)
async def test_capacity_due_rules_that_drive_loops_are_bounded(
    client: httpx.AsyncClient,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
    rule: dict[str, object],
    path: str,
) -> None:
    state = await auth_headers(await make_org("state"), "state_admin")
    before = await session.scalar(select(func.count()).select_from(CapacityProgram))
    body = NC_PROGRAM | {"quarterly_periods": NC_PROGRAM["quarterly_periods"] | {"due_rule": rule}}
    r = await client.post("/v1/capacity/programs", json=body, headers=state)
    problem = assert_problem(r, 422, "validation")
    assert any(path in str(e["path"]) for e in problem["errors"]), problem  # type: ignore[attr-defined]
    assert await session.scalar(select(func.count()).select_from(CapacityProgram)) == before


async def test_capacity_period_counts_are_bounded(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    state = await auth_headers(await make_org("state"), "state_admin")
    before = await session.scalar(select(func.count()).select_from(CapacityProgram))
    # The last date the API accepts (dates are bounded to 2199): still far more periods than a program has.
    quarterly = NC_PROGRAM["quarterly_periods"] | {"last_end": "2199-12-31"}
    r = await client.post(
        "/v1/capacity/programs", json=NC_PROGRAM | {"quarterly_periods": quarterly}, headers=state
    )
    problem = assert_problem(r, 422, "validation")
    assert problem["errors"] == [{"path": "body.quarterly_periods", "message": "712 periods; at most 60"}], (
        problem
    )
    monthly = {
        "first_month": "2000-01-01",
        "last_month": "2199-12-01",
        "due_rule": {"kind": "last_day_of_month"},
    }
    r = await client.post(
        "/v1/capacity/programs", json=NC_PROGRAM | {"monthly_reports": monthly}, headers=state
    )
    assert_problem(r, 422, "validation")
    assert await session.scalar(select(func.count()).select_from(CapacityProgram)) == before
