"""Member and claim batches: all-or-nothing with every row's errors, upserts, scoped and audited reads."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.logs import configure_logging
from oversight_db.models import AuditEvent, Claim, Enrollment, Member, Organization
from tests.conftest import MakeKey, MakeOrg


async def count(session: AsyncSession, model: Any, **where: Any) -> int:
    stmt = select(func.count()).select_from(model)
    for key, value in where.items():
        stmt = stmt.where(getattr(model, key) == value)
    return int(await session.scalar(stmt) or 0)


def member(number: str, provider_id: str | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "member_number": number,
        "first_name": "Zelda",
        "last_name": "Quintanilla",
        "birth_date": "1961-07-23",
        "gender": "F",
        "plan_code": "TP1",
        **extra,
    }
    if provider_id:
        body["enrollments"] = [
            {"program": "tcm", "provider_id": provider_id, "status": "engaged", "start_date": "2026-02-01",
             "population": "SMI"}
        ]  # fmt: skip
    return body


@pytest.fixture
async def nc_plan(make_org: MakeOrg, auth_headers: MakeKey, client: httpx.AsyncClient) -> dict[str, Any]:
    plan = await make_org("plan", jurisdiction="US-NC")
    h = await auth_headers(plan, "plan_admin")
    r = await client.post(
        "/v1/providers",
        json={"npi": "1234567893", "name": "Sunrise CMA", "program": "tcm", "effective_from": "2026-01-01"},
        headers=h,
    )
    assert r.status_code == 201
    return {"plan": plan, "headers": h, "provider_id": r.json()["id"]}


async def test_batch_creates_then_updates_members_and_enrollments(
    client: httpx.AsyncClient, nc_plan: dict[str, Any], session: AsyncSession
) -> None:
    h, provider = nc_plan["headers"], nc_plan["provider_id"]
    rows = [member(f"12345678{i}A".rjust(10, "0"), provider) for i in range(3)]
    r = await client.post("/v1/members/batch", json={"members": rows}, headers=h)
    assert r.status_code == 200, r.text
    assert r.json()["created"] == 3 and r.json()["updated"] == 0 and r.json()["enrollments"] == 3
    rows[0]["last_name"] = "Renamed"
    rows[0]["enrollments"][0]["status"] = "enrolled"
    r = await client.post("/v1/members/batch", json={"members": rows[:1]}, headers=h)
    assert r.json()["created"] == 0 and r.json()["updated"] == 1
    got = (await client.get(f"/v1/members/{r.json()['members'][0]['id']}", headers=h)).json()
    assert got["last_name"] == "Renamed" and got["version"] == 2
    assert [e["status"] for e in got["enrollments"]] == ["enrolled"]
    assert await count(session, Member, plan_id=nc_plan["plan"].id) == 3
    assert await count(session, Enrollment, plan_id=nc_plan["plan"].id) == 3


async def test_a_batch_with_bad_rows_writes_nothing_and_reports_every_row(
    client: httpx.AsyncClient, nc_plan: dict[str, Any], session: AsyncSession, make_org: MakeOrg
) -> None:
    outsider = await make_org("provider", npi="1003000126")
    rows = [
        member("123456789A", nc_plan["provider_id"]),
        member("91234567A"),  # a Medi-Cal CIN sent to an NC plan
        member("223456789B", str(outsider.id)),  # provider not in the network
        member("123456789A"),  # repeats row 0
    ]
    r = await client.post("/v1/members/batch", json={"members": rows}, headers=nc_plan["headers"])
    assert r.status_code == 422
    body = r.json()
    assert body["type"] == "urn:oversight:problem:batch-invalid"
    assert {(e["index"], e["path"]) for e in body["errors"]} == {
        (1, "body.members[1].member_number"),
        (2, "body.members[2].enrollments[0].provider_id"),
        (3, "body.members[3].member_number"),
    }
    assert "91234567A" not in r.text and "Zelda" not in r.text
    assert await count(session, Member, plan_id=nc_plan["plan"].id) == 0


async def test_type_errors_carry_the_row_index(client: httpx.AsyncClient, nc_plan: dict[str, Any]) -> None:
    rows = [member("123456789A"), member("123456789B", birth_date="not a date"), {"member_number": "1"}]
    r = await client.post("/v1/members/batch", json={"members": rows}, headers=nc_plan["headers"])
    assert r.status_code == 422
    assert {e["index"] for e in r.json()["errors"]} == {1, 2}


async def test_california_cins_are_checked_for_a_california_plan(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan = await make_org("plan", jurisdiction="US-CA")
    h = await auth_headers(plan, "plan_admin")
    ok = await client.post(
        "/v1/members/batch", json={"members": [member("91234567A"), member("91234567B1")]}, headers=h
    )
    assert ok.status_code == 200, ok.text
    bad = await client.post("/v1/members/batch", json={"members": [member("123456789A")]}, headers=h)
    assert bad.status_code == 422 and "Medi-Cal CIN" in bad.json()["errors"][0]["message"]


async def test_claims_are_idempotent_by_claim_number(
    client: httpx.AsyncClient, nc_plan: dict[str, Any], session: AsyncSession
) -> None:
    h, provider = nc_plan["headers"], nc_plan["provider_id"]
    await client.post("/v1/members/batch", json={"members": [member("123456789A", provider)]}, headers=h)
    claim = {"claim_number": "C-1", "member_number": "123456789A", "provider_id": provider,
             "date_of_service": "2026-03-01", "paid_date": "2026-03-20", "procedure_code": "T1016"}  # fmt: skip
    first = await client.post("/v1/claims/batch", json={"claims": [claim]}, headers=h)
    assert first.status_code == 200 and first.json()["created"] == 1
    again = await client.post(
        "/v1/claims/batch", json={"claims": [{**claim, "paid_date": "2026-03-21"}]}, headers=h
    )
    assert again.json() == {"created": 0, "updated": 1, "claims": first.json()["claims"]}
    assert await count(session, Claim, plan_id=nc_plan["plan"].id) == 1
    bad = await client.post(
        "/v1/claims/batch",
        json={"claims": [{**claim, "claim_number": "C-2", "member_number": "999999999Z"}]},
        headers=h,
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["index"] == 0


async def test_member_list_filters_scopes_and_audits_reads(
    client: httpx.AsyncClient,
    nc_plan: dict[str, Any],
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
) -> None:
    h, provider = nc_plan["headers"], nc_plan["provider_id"]
    rows = [member("123456789A", provider), member("223456789A")]
    await client.post("/v1/members/batch", json={"members": rows}, headers=h)
    other = await make_org("plan")
    other_h = await auth_headers(other, "plan_admin")
    await client.post("/v1/members/batch", json={"members": [member("323456789A")]}, headers=other_h)
    listed = (
        await client.get("/v1/members", params={"program": "tcm", "status": "engaged"}, headers=h)
    ).json()
    assert [m["member_number"] for m in listed["items"]] == ["123456789A"]
    everyone = (await client.get("/v1/members", headers=h)).json()["items"]
    assert {m["member_number"] for m in everyone} == {"123456789A", "223456789A"}
    reads = (
        await session.scalars(
            select(AuditEvent).where(
                AuditEvent.organization_id == nc_plan["plan"].id, AuditEvent.action == "member.read"
            )
        )
    ).all()
    assert reads and all("Zelda" not in str(e.changes) and "123456789A" not in str(e.changes) for e in reads)
    assert set(reads[-1].changes["member_ids"]) == {m["id"] for m in everyone}
    viewer = await auth_headers(nc_plan["plan"], "viewer")
    assert (await client.get("/v1/members", headers=viewer)).status_code == 403
    provider_org = await session.get(Organization, uuid.UUID(provider))
    assert provider_org is not None
    assert (
        await client.get("/v1/members", headers=await auth_headers(provider_org, "provider"))
    ).status_code == 403


@pytest.fixture
def debug_logs() -> Iterator[None]:
    """Every logger at debug level for one test (the session runs at warning)."""
    configure_logging("debug", True)  # loggers are not cached: the new level applies at once
    yield
    configure_logging("warning", True)


async def test_names_and_birth_dates_never_reach_the_logs(
    client: httpx.AsyncClient, nc_plan: dict[str, Any], capfd: pytest.CaptureFixture[str], debug_logs: None
) -> None:
    h, provider = nc_plan["headers"], nc_plan["provider_id"]
    rows = [member("123456789A", provider), member("12345678", provider)]
    capfd.readouterr()
    await client.post("/v1/members/batch", json={"members": rows}, headers=h)  # invalid: logged as a 422
    r = await client.post("/v1/members/batch", json={"members": rows[:1]}, headers=h)
    member_id = r.json()["members"][0]["id"]
    await client.get(f"/v1/members/{member_id}", headers=h)
    await client.get("/v1/members", headers=h)
    logs = capfd.readouterr()
    text = logs.out + logs.err
    assert "/v1/members" in text  # the access log did run
    for secret in ("Zelda", "Quintanilla", "1961-07-23", "123456789A"):
        assert secret not in text
