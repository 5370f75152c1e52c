"""Malformed input is a 422 problem naming the field, and writes nothing (issue 12, "Input").

Each class of bad input the hardening probe answered with a 500 has a case here: a NUL character in a
body field, a query value, a path segment and a header; a lone surrogate; cursors that decode but are not
ours; integers past a 32-bit column; dates outside 1900-01-01..2199-12-31.
"""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.app import create_app
from oversight_app.pagination import Page
from oversight_db.models import ActionPlan, AuditEvent, Organization, Review
from tests.api.test_problems import assert_problem
from tests.api.walk_world import WalkContext, build_world, tenant_a_context
from tests.conftest import MakeKey, MakeOrg


async def _count(session: AsyncSession, model: Any) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


def _paths(r: httpx.Response) -> list[str]:
    return [e["path"] for e in r.json()["errors"]]


def _raw_json(body: dict[str, Any]) -> dict[str, Any]:
    """A body as bytes with ASCII escapes, so a lone surrogate travels as JSON spells it (``\\ud800``)."""
    return {"content": json.dumps(body), "headers": {"Content-Type": "application/json"}}


PROVIDER = {"npi": "1234567893", "name": "Sunrise Care CMA", "program": "tcm", "effective_from": "2026-01-01"}


# ------------------------------------------------------------------------------------------ text


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", "Sunrise\x00Care"), ("name", "Sunrise \ud800 Care"), ("npi", "123456789\x00")],
    ids=["nul", "lone-surrogate", "nul-in-npi"],
)
async def test_unstorable_text_in_a_body_field_is_a_422_naming_it_and_writes_nothing(
    client: httpx.AsyncClient,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
    field: str,
    value: str,
) -> None:
    plan = await make_org("plan")
    h = await auth_headers(plan, "plan_admin")
    orgs, events = await _count(session, Organization), await _count(session, AuditEvent)
    raw = _raw_json(PROVIDER | {field: value})
    r = await client.post("/v1/providers", content=raw["content"], headers=h | raw["headers"])
    assert_problem(r, 422, "validation")
    assert _paths(r) == [f"body.{field}"]
    assert value not in r.text  # the value is never echoed: it may be member data
    assert (await _count(session, Organization), await _count(session, AuditEvent)) == (orgs, events)


async def test_nul_in_a_nested_batch_field_names_the_row_and_writes_nothing(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    plan = await make_org("plan")
    h = await auth_headers(plan, "plan_admin")
    good = {
        "member_number": "123456789A",
        "first_name": "Ann",
        "last_name": "Lee",
        "birth_date": "1980-01-01",
    }
    bad = good | {"member_number": "223456789A", "last_name": "L\x00ee"}
    events = await _count(session, AuditEvent)
    r = await client.post("/v1/members/batch", json={"members": [good, bad]}, headers=h)
    assert_problem(r, 422, "validation")
    assert _paths(r) == ["body.members[1].last_name"]
    assert (await client.get("/v1/members", headers=h)).json()["items"] == []
    assert await _count(session, AuditEvent) == events


async def test_nul_in_a_query_value_is_a_422_naming_the_parameter(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan = await make_org("plan")
    h = await auth_headers(plan, "plan_admin")
    for path, name in [
        ("/v1/tools", "key"),
        ("/v1/audit-events", "action"),
        ("/v1/notices", "kind"),
        ("/v1/reviews", "tool_key"),
        ("/v1/audit-events", "entity_id"),
    ]:
        r = await client.get(path, params={name: "a\x00b"}, headers=h)
        assert_problem(r, 422, "validation")
        assert _paths(r) == [f"query.{name}"], path


async def test_nul_in_a_path_segment_is_a_422_naming_it(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan = await make_org("plan")
    h = await auth_headers(plan, "viewer")
    r = await client.get("/v1/tools/nc-tcm-monitoring%00/versions/1", headers=h)
    assert_problem(r, 422, "validation")
    assert _paths(r) == ["path.tool_key"]
    # The same tool without the NUL is there: the 422 is about the character, not the tool.
    listed = (await client.get("/v1/tools", params={"key": "nc-tcm-monitoring"}, headers=h)).json()["items"]
    version = listed[0]["version"]
    assert (await client.get(f"/v1/tools/nc-tcm-monitoring/versions/{version}", headers=h)).status_code == 200


async def test_nul_in_a_header_we_read_is_a_422_naming_it_and_writes_nothing(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    plan = await make_org("plan")
    h = await auth_headers(plan, "plan_admin")
    orgs = await _count(session, Organization)
    r = await client.post("/v1/providers", json=PROVIDER, headers=h | {"Idempotency-Key": "k\x00ey"})
    assert_problem(r, 422, "validation")
    assert _paths(r) == ["header.Idempotency-Key"]
    assert await _count(session, Organization) == orgs
    created = await client.post("/v1/providers", json=PROVIDER, headers=h)
    link = created.json()["network"][0]["id"]
    r = await client.patch(
        f"/v1/network-links/{link}", json={"status": "suspended"}, headers=h | {"If-Match": 'W/"1\x00"'}
    )
    assert_problem(r, 422, "validation")
    assert _paths(r) == ["header.If-Match"]


# ------------------------------------------------------------------------------------------ cursors


def _b64(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


BAD_CURSORS = {
    "not-base64-json": "garbage",
    "pair-of-ints": _b64([1, 2]),
    "string": _b64("ab"),
    "nulls": _b64([None, None]),
    "deeply-nested": base64.urlsafe_b64encode(b"[" * 3000 + b"]" * 3000).decode(),
    "object-wrong-keys": _b64([{"x": 1, "y": 2}, {"k": "u"}]),
    "wrong-kinds": _b64([{"k": "u", "t": "2026-01-01"}, {"k": "dt", "t": str(uuid.uuid4())}]),
    "three-strings": _b64(["a", "b", "c"]),
    "nul-string": _b64(["a\x00", {"k": "u", "t": str(uuid.uuid4())}]),
    "huge-int": _b64([2**80, 2**80, 2**80]),
    "year-one": _b64([{"k": "dt", "t": "0001-01-01T00:00:00+14:00"}, {"k": "u", "t": str(uuid.uuid4())}]),
    "naive-time": _b64([{"k": "dt", "t": "2026-01-01T00:00:00"}, {"k": "u", "t": str(uuid.uuid4())}]),
    "bools": _b64([True, False, True]),
    "invalid-utf8": base64.urlsafe_b64encode(b'["\xff\xfe"]').decode(),
    "too-long": "A" * 9000,
}


def _list_routes() -> list[str]:
    """Every list operation of the app (a ``Page`` response), by path template."""
    found = []
    for context in iter_route_contexts(create_app().routes):
        route = context.original_route
        if (
            isinstance(route, APIRoute)
            and "GET" in (route.methods or set())
            and context.path_format
            and isinstance(route.response_model, type)
            and issubclass(route.response_model, Page)
        ):
            found.append(context.path_format)
    return sorted(found)


async def test_every_list_refuses_cursors_it_did_not_issue_with_invalid_cursor(
    client: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    ctx: WalkContext = await tenant_a_context(client, session, make_org, auth_headers)
    ids = await build_world(ctx)
    state = await make_org("state", jurisdiction="US-NC")
    callers = [ctx.headers["plan_admin"], await auth_headers(state, "state_admin")]
    routes = _list_routes()
    assert {"/v1/reviews", "/v1/organizations", "/v1/tools", "/v1/audit-events"} <= set(routes)
    for template in routes:
        path = template.format(**ids)
        # The caller who can read this list (a plan for most, the state for capacity programs).
        readers = [h for h in callers if (await client.get(path, headers=h)).status_code == 200]
        assert readers, template
        headers = readers[0]
        for name, cursor in BAD_CURSORS.items():
            r = await client.get(path, params={"cursor": cursor}, headers=headers)
            assert r.status_code == 422, f"{template} {name}: {r.status_code} {r.text}"
            assert r.json()["type"] == "urn:oversight:problem:invalid-cursor", (template, name)
            assert _paths(r) == ["query.cursor"]


async def test_a_cursor_we_issued_still_pages(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    # Committed tests may leave other organizations in US-NC; this state's jurisdiction is its own.
    state = await make_org("state", jurisdiction="US-WY")
    ours = {str(state.id)} | {str((await make_org("plan", jurisdiction="US-WY")).id) for _ in range(3)}
    h = await auth_headers(state, "state_admin")
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 1} | ({"cursor": cursor} if cursor else {})
        page = (await client.get("/v1/organizations", params=params, headers=h)).json()
        seen += [o["id"] for o in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) and ours <= set(seen)


# ------------------------------------------------------------------------------------------ integers


async def test_integers_past_a_32_bit_column_are_a_422(
    client: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    ctx = await tenant_a_context(client, session, make_org, auth_headers)
    ids = await build_world(ctx)
    h = ctx.headers["plan_admin"]
    participant = ids["participant_id"]
    r = await client.get(
        f"/v1/capacity/participants/{participant}/distribution-plan/versions/3790901571040", headers=h
    )
    assert_problem(r, 422, "validation")
    assert _paths(r) == ["path.version_number"]
    # The version that exists still reads.
    ok = await client.get(f"/v1/capacity/participants/{participant}/distribution-plan/versions/1", headers=h)
    assert ok.status_code == 200

    report = ids["report_id"]
    etag = (await client.get(f"/v1/capacity/reports/{report}", headers=h)).headers["etag"]
    r = await client.post(
        f"/v1/capacity/reports/{report}/submission",
        json={"progress": [{"milestone": 2**31, "quantity": "1"}]},
        headers=h | {"If-Match": etag},
    )
    assert_problem(r, 422, "validation")
    assert _paths(r) == ["body.progress[0].milestone"]
    assert (await client.get(f"/v1/capacity/reports/{report}", headers=h)).headers["etag"] == etag


# ------------------------------------------------------------------------------------------ dates


@pytest.mark.parametrize("issued_on", ["0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"])
async def test_an_action_plan_issued_on_an_absurd_date_is_refused_and_opens_nothing(
    client: httpx.AsyncClient,
    session: AsyncSession,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    issued_on: str,
) -> None:
    ctx = await tenant_a_context(client, session, make_org, auth_headers)
    plans = await _count(session, ActionPlan)
    r = await client.post(
        "/v1/action-plans",
        json={"provider_id": str(ctx.provider.id), "tool_key": "nc-tcm-monitoring", "issued_on": issued_on},
        headers=ctx.headers["reviewer"],
    )
    assert_problem(r, 422, "validation")
    assert _paths(r) == ["body.issued_on"]
    assert await _count(session, ActionPlan) == plans
    standing = (
        await client.get(f"/v1/providers/{ctx.provider.id}/standing", headers=ctx.headers["viewer"])
    ).json()
    assert standing["open_action_plans"] == 0 and standing["can_enroll_members"]


async def test_dates_outside_the_range_are_refused_where_they_enter(
    client: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    ctx = await tenant_a_context(client, session, make_org, auth_headers)
    reviewer = ctx.headers["reviewer"]
    reviews = await _count(session, Review)
    body = {
        "provider_id": str(ctx.provider.id),
        "tool_key": "nc-tcm-monitoring",
        "purpose": "monitoring",
        "period_start": "0001-01-01",
        "period_end": "2026-06-30",
        "scheduled_for": "9999-12-31",
    }
    r = await client.post("/v1/reviews", json=body, headers=reviewer)
    assert_problem(r, 422, "validation")
    assert sorted(_paths(r)) == ["body.period_start", "body.scheduled_for"]
    assert await _count(session, Review) == reviews

    r = await client.get("/v1/reviews", params={"scheduled_from": "0001-01-01"}, headers=reviewer)
    assert_problem(r, 422, "validation")
    assert _paths(r) == ["query.scheduled_from"]
    # The range's ends are accepted.
    for day in ("1900-01-01", "2199-12-31"):
        assert (
            await client.get("/v1/reviews", params={"scheduled_to": day}, headers=reviewer)
        ).status_code == 200

    member = {"member_number": "123456789A", "first_name": "A", "last_name": "B", "birth_date": "1899-12-31"}
    r = await client.post("/v1/members/batch", json={"members": [member]}, headers=ctx.headers["plan_admin"])
    assert_problem(r, 422, "validation")
    assert _paths(r) == ["body.members[0].birth_date"]
