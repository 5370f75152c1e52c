"""Organizations, providers and the network: creation, NPI linking, scoping, If-Match."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.organizations.npi import is_valid_npi
from oversight_db.models import AuditEvent, NetworkLink, Organization
from tests.conftest import MakeKey, MakeOrg

# Real NPIs' shape: 1234567893 is the CMS example; 1003000126 and 1245319599 pass the 80840-prefixed Luhn.
VALID_NPIS = ["1234567893", "1003000126", "1245319599"]


@pytest.mark.parametrize("npi", VALID_NPIS)
def test_valid_npis_pass(npi: str) -> None:
    assert is_valid_npi(npi)


@pytest.mark.parametrize(
    "npi",
    [
        "1234567890",
        "1234567894",
        "123456789",
        "12345678931",
        "abcdefghij",
        "\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff13",
    ],
)
def test_invalid_npis_fail(npi: str) -> None:
    assert not is_valid_npi(npi)


def provider_body(npi: str = "1234567893", program: str = "tcm", **extra: object) -> dict[str, object]:
    return {
        "npi": npi,
        "name": "Sunrise Care CMA",
        "program": program,
        "effective_from": "2026-01-01",
        **extra,
    }


async def test_plan_adds_a_new_provider_with_sites(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    plan = await make_org("plan")
    h = await auth_headers(plan, "plan_admin")
    r = await client.post(
        "/v1/providers",
        json=provider_body(
            sites=[{"name": "Main", "city": "Raleigh", "state": "NC", "postal_code": "27601"}]
        ),
        headers=h,
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["npi"] == "1234567893" and body["jurisdiction"] == "US-NC"
    assert [s["name"] for s in body["sites"]] == ["Main"]
    assert [(n["plan_id"], n["program"], n["status"]) for n in body["network"]] == [
        (str(plan.id), "tcm", "active")
    ]
    assert r.headers["location"] == f"/v1/providers/{body['id']}"
    got = await client.get(f"/v1/providers/{body['id']}", headers=h)
    assert got.status_code == 200 and got.json() == body and got.headers["etag"] == '"1"'
    actions = (
        await session.scalars(select(AuditEvent.action).where(AuditEvent.organization_id == plan.id))
    ).all()
    assert {"organization.created", "network_link.created", "provider_site.created"} <= set(actions)


async def test_second_plan_links_the_existing_npi_and_sees_only_its_own_link(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    plan_a, plan_b = await make_org("plan"), await make_org("plan")
    ha, hb = await auth_headers(plan_a, "plan_admin"), await auth_headers(plan_b, "plan_admin")
    a = (await client.post("/v1/providers", json=provider_body(), headers=ha)).json()
    b = await client.post("/v1/providers", json=provider_body(name="Other name", program="tcm"), headers=hb)
    assert b.status_code == 201, b.text
    assert b.json()["id"] == a["id"] and b.json()["name"] == "Sunrise Care CMA"
    assert [n["plan_id"] for n in b.json()["network"]] == [str(plan_b.id)]
    count = await session.scalar(
        select(func.count()).select_from(Organization).where(Organization.npi == "1234567893")
    )
    assert count == 1
    again = await client.post("/v1/providers", json=provider_body(), headers=hb)
    assert again.status_code == 409 and again.json()["type"] == "urn:oversight:problem:already-in-network"


async def test_bad_npi_is_a_422_naming_the_field(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan = await make_org("plan")
    r = await client.post(
        "/v1/providers", json=provider_body(npi="1234567890"), headers=await auth_headers(plan, "plan_admin")
    )
    assert r.status_code == 422
    assert [e["path"] for e in r.json()["errors"]] == ["body.npi"]


async def test_provider_list_is_scoped_and_paginates(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan, other = await make_org("plan"), await make_org("plan")
    h = await auth_headers(plan, "plan_admin")
    for npi in VALID_NPIS:
        assert (await client.post("/v1/providers", json=provider_body(npi=npi), headers=h)).status_code == 201
    await client.post(
        "/v1/providers", json=provider_body(npi="1104025329"), headers=await auth_headers(other, "plan_admin")
    )
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/v1/providers", params=params, headers=h)).json()
        seen += [p["npi"] for p in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(VALID_NPIS)
    r = await client.get("/v1/providers", params={"npi": "1104025329"}, headers=h)
    assert r.json()["items"] == []


async def test_provider_caller_sees_itself_and_its_plans_only(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    plan, stranger_plan = await make_org("plan"), await make_org("plan")
    created = (
        await client.post(
            "/v1/providers", json=provider_body(), headers=await auth_headers(plan, "plan_admin")
        )
    ).json()
    provider = await session.get(Organization, uuid.UUID(created["id"]))
    assert provider is not None
    hp = await auth_headers(provider, "provider")
    listed = (await client.get("/v1/organizations", headers=hp)).json()["items"]
    assert {o["id"] for o in listed} == {str(plan.id), str(provider.id)}
    assert (await client.get(f"/v1/organizations/{stranger_plan.id}", headers=hp)).status_code == 404
    assert (await client.get(f"/v1/providers/{provider.id}", headers=hp)).status_code == 200


async def test_network_link_update_needs_if_match(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    plan = await make_org("plan")
    h = await auth_headers(plan, "plan_admin")
    link_id = (await client.post("/v1/providers", json=provider_body(), headers=h)).json()["network"][0]["id"]
    url = f"/v1/network-links/{link_id}"
    missing = await client.patch(url, json={"status": "suspended"}, headers=h)
    assert (
        missing.status_code == 428 and missing.json()["type"] == "urn:oversight:problem:precondition-required"
    )
    ok = await client.patch(url, json={"status": "suspended"}, headers={**h, "If-Match": '"1"'})
    assert ok.status_code == 200 and ok.json()["status"] == "suspended" and ok.headers["etag"] == '"2"'
    stale = await client.patch(url, json={"status": "terminated"}, headers={**h, "If-Match": '"1"'})
    assert stale.status_code == 412
    link = await session.get(NetworkLink, uuid.UUID(link_id), populate_existing=True)
    assert link is not None and link.status == "suspended"


async def test_state_creates_plans_in_its_jurisdiction_only(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    state = await make_org("state", jurisdiction="US-NC")
    h = await auth_headers(state, "state_admin")
    r = await client.post("/v1/organizations", json={"kind": "plan", "name": "Trillium"}, headers=h)
    assert r.status_code == 201 and r.json()["jurisdiction"] == "US-NC"
    r = await client.post(
        "/v1/organizations", json={"kind": "plan", "name": "LA Care", "jurisdiction": "US-CA"}, headers=h
    )
    assert r.status_code == 422 and r.json()["errors"][0]["path"] == "body.jurisdiction"
    plan = await make_org("plan")
    r = await client.post(
        "/v1/organizations",
        json={"kind": "plan", "name": "x"},
        headers=await auth_headers(plan, "plan_admin"),
    )
    assert r.status_code == 403


async def test_organization_patch_changes_own_settings_with_if_match(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan = await make_org("plan")
    h = await auth_headers(plan, "plan_admin")
    url = f"/v1/organizations/{plan.id}"
    etag = (await client.get(url, headers=h)).headers["etag"]
    r = await client.patch(
        url, json={"settings": {"emails": ["qm@plan.example"]}}, headers={**h, "If-Match": etag}
    )
    assert r.status_code == 200, r.text
    assert r.json()["settings"] == {"emails": ["qm@plan.example"]} and r.headers["etag"] != etag


@pytest.mark.parametrize(
    "notice_settings",
    [
        {"emails": ["qm@plan.example\r\nBcc: everyone@elsewhere.example"]},  # a header injected
        {"emails": ["Quality Team <qm@plan.example>"]},
        {"emails": ["qm@plan.example, ops@plan.example"]},
        {"emails": ["qm"]},
        {"role_emails": {"auditor": ["qm@plan.example"]}},  # not a role
        {"notice_channels": ["fax"]},
        {"email": ["qm@plan.example"]},  # a misspelt key would silently send nothing
    ],
)
async def test_notice_settings_that_could_not_be_delivered_are_refused(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, notice_settings: dict[str, object]
) -> None:
    plan = await make_org("plan", settings={"emails": ["before@plan.example"]})
    h = await auth_headers(plan, "plan_admin")
    url = f"/v1/organizations/{plan.id}"
    etag = (await client.get(url, headers=h)).headers["etag"]
    r = await client.patch(url, json={"settings": notice_settings}, headers={**h, "If-Match": etag})
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json", r.text
    assert (await client.get(url, headers=h)).json()["settings"] == {"emails": ["before@plan.example"]}


async def test_role_addresses_and_channels_are_kept(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan = await make_org("plan")
    h = await auth_headers(plan, "plan_admin")
    url = f"/v1/organizations/{plan.id}"
    etag = (await client.get(url, headers=h)).headers["etag"]
    settings = {"role_emails": {"reviewer": ["rn.lead@plan.example"]}, "notice_channels": ["inbox", "email"]}
    r = await client.patch(url, json={"settings": settings}, headers={**h, "If-Match": etag})
    assert r.status_code == 200, r.text
    assert r.json()["settings"] == settings


async def test_a_new_provider_carries_its_scorecard_header_fields(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan = await make_org("plan")
    h = await auth_headers(plan, "plan_admin")
    fields = {"partnership_no": "PHC-004512", "phone": "+1 (919) 555-0100", "fax": "919.555.0101",
              "contact_name": "Dana Reyes", "contact_title": "Care Management Director"}  # fmt: skip
    r = await client.post("/v1/providers", json=provider_body(**fields), headers=h)
    assert r.status_code == 201, r.text
    got = (await client.get(f"/v1/providers/{r.json()['id']}", headers=h)).json()
    assert {k: got[k] for k in fields} == fields


@pytest.mark.parametrize(
    "change",
    [
        {"phone": "call the front desk"},  # words are not a number
        {"phone": "555"},  # too short to dial
        {"fax": "1" * 33},  # longer than any number
        {"phone": "919-555-0100\r\nBcc: x"},
        {"partnership_no": "PHC 1; DROP"},
        {"partnership_no": "x" * 41},
        {"contact_name": ""},
        {"contact_title": "t" * 201},
    ],
)
async def test_bad_header_fields_are_a_422_and_change_nothing(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, change: dict[str, str]
) -> None:
    provider = await make_org("provider")
    h = await auth_headers(provider, "provider")
    url = f"/v1/organizations/{provider.id}"
    before = await client.get(url, headers=h)
    r = await client.patch(url, json=change, headers={**h, "If-Match": before.headers["etag"]})
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json", r.text
    assert [e["path"] for e in r.json()["errors"]] == [f"body.{next(iter(change))}"]
    assert (await client.get(url, headers=h)).json() == before.json()
