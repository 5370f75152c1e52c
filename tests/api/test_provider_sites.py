"""What a plan may change (issue 12): two plans share a provider's NPI and legal name, but each plan's sites
are its own; the provider's own sites are shown to every plan it contracts with and changed only by it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import pytest_asyncio
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models import AuditEvent, Organization, ProviderSite
from tests.conftest import MakeKey, MakeOrg

NPI = "1234567893"


@dataclass
class Shared:
    provider_id: str
    a: dict[str, str]  # plan A's admin
    b: dict[str, str]  # plan B's admin
    p: dict[str, str]  # the provider's own key
    plan_a: Organization
    plan_b: Organization


def _body(name: str, program: str = "tcm", **extra: object) -> dict[str, object]:
    return {"npi": NPI, "name": name, "program": program, "effective_from": "2026-01-01", **extra}


def _names(provider: dict[str, object]) -> list[tuple[str, str]]:
    sites = provider["sites"]
    assert isinstance(sites, list)
    return [(s["name"], s["owner"]) for s in sites]


def _site(provider: dict[str, object], name: str) -> dict[str, Any]:
    sites = provider["sites"]
    assert isinstance(sites, list)
    return next(s for s in sites if s["name"] == name)


@pytest_asyncio.fixture(loop_scope="session")
async def shared(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> Shared:
    """Plan A adds the NPI with a site; plan B links the same NPI with its own site of the same name."""
    plan_a, plan_b = await make_org("plan"), await make_org("plan")
    a, b = await auth_headers(plan_a, "plan_admin"), await auth_headers(plan_b, "plan_admin")
    first = await client.post(
        "/v1/providers",
        json=_body("Sunrise Care CMA", sites=[{"name": "Main", "city": "Raleigh"}]),
        headers=a,
    )
    assert first.status_code == 201, first.text
    second = await client.post(
        "/v1/providers", json=_body("Another name", sites=[{"name": "Main", "city": "Durham"}]), headers=b
    )
    assert second.status_code == 201, second.text
    provider_id = first.json()["id"]
    assert second.json()["id"] == provider_id
    provider = await session.get(Organization, uuid.UUID(provider_id))
    assert provider is not None
    return Shared(provider_id, a, b, await auth_headers(provider, "provider"), plan_a, plan_b)


async def test_each_plan_sees_only_its_own_sites_and_the_providers(
    client: httpx.AsyncClient, shared: Shared
) -> None:
    url = f"/v1/providers/{shared.provider_id}"
    own = await client.post(f"{url}/sites", json={"name": "Provider HQ", "city": "Cary"}, headers=shared.p)
    assert own.status_code == 201, own.text
    added = await client.post(f"{url}/sites", json={"name": "A annex"}, headers=shared.a)
    assert added.status_code == 201, added.text

    seen_by_a = (await client.get(url, headers=shared.a)).json()
    seen_by_b = (await client.get(url, headers=shared.b)).json()
    assert _names(seen_by_a) == [("A annex", "plan"), ("Main", "plan"), ("Provider HQ", "provider")]
    assert _names(seen_by_b) == [("Main", "plan"), ("Provider HQ", "provider")]
    assert _site(seen_by_a, "Main")["city"] == "Raleigh" and _site(seen_by_b, "Main")["city"] == "Durham"
    assert _site(seen_by_a, "Main")["owner_id"] == str(shared.plan_a.id)
    assert _site(seen_by_b, "Provider HQ")["owner_id"] == shared.provider_id

    # The list shows the same as the single read.
    listed = (await client.get("/v1/providers", params={"npi": NPI}, headers=shared.b)).json()["items"]
    assert [_names(p) for p in listed] == [_names(seen_by_b)]

    # The provider sees every site about itself, each marked with whose entry it is.
    seen_by_p = (await client.get(url, headers=shared.p)).json()
    assert sorted(_names(seen_by_p)) == [
        ("A annex", "plan"),
        ("Main", "plan"),
        ("Main", "plan"),
        ("Provider HQ", "provider"),
    ]


async def test_shared_facts_stay_shared_and_a_linking_plan_changes_none_of_them(
    client: httpx.AsyncClient, shared: Shared, session: AsyncSession
) -> None:
    a = (await client.get(f"/v1/providers/{shared.provider_id}", headers=shared.a)).json()
    b = (await client.get(f"/v1/providers/{shared.provider_id}", headers=shared.b)).json()
    assert (a["npi"], a["name"]) == (b["npi"], b["name"]) == (NPI, "Sunrise Care CMA")
    # Plan B links again with other notice contacts: the provider's own record keeps what it had.
    before = await session.get(Organization, uuid.UUID(shared.provider_id))
    assert before is not None
    settings = dict(before.settings)
    third = await client.post(
        "/v1/providers",
        json=_body("Third name", program="ecm", settings={"emails": ["b@plan.example"]}),
        headers=shared.b,
    )
    assert third.status_code == 201, third.text
    provider = await session.get(Organization, uuid.UUID(shared.provider_id), populate_existing=True)
    assert provider is not None and provider.name == "Sunrise Care CMA" and provider.settings == settings
    # Neither plan may rename the provider: visible, not theirs (403, as before).
    etag = (await client.get(f"/v1/organizations/{shared.provider_id}", headers=shared.b)).headers["etag"]
    renamed = await client.patch(
        f"/v1/organizations/{shared.provider_id}",
        json={"name": "Mine now"},
        headers={**shared.b, "If-Match": etag},
    )
    assert renamed.status_code == 403


async def test_another_plans_site_is_a_404_for_every_read_and_write(
    client: httpx.AsyncClient, shared: Shared, session: AsyncSession
) -> None:
    a_main = _site((await client.get(f"/v1/providers/{shared.provider_id}", headers=shared.a)).json(), "Main")
    url = f"/v1/providers/{shared.provider_id}/sites/{a_main['id']}"
    absent = f"/v1/providers/{shared.provider_id}/sites/{uuid.uuid4()}"
    for target in (url, absent):
        calls = [
            await client.get(target, headers=shared.b),
            await client.patch(target, json={"city": "Elsewhere"}, headers={**shared.b, "If-Match": '"1"'}),
            await client.delete(target, headers=shared.b),
        ]
        assert [(r.status_code, r.json()["type"]) for r in calls] == [
            (404, "urn:oversight:problem:not-found")
        ] * 3
    site = await session.get(ProviderSite, uuid.UUID(a_main["id"]), populate_existing=True)
    assert site is not None and site.city == "Raleigh"
    # Plan A still reads and owns it.
    got = await client.get(url, headers=shared.a)
    assert got.status_code == 200 and got.json() == a_main and got.headers["etag"] == '"1"'


async def test_a_plan_changes_and_removes_its_own_site_with_if_match(
    client: httpx.AsyncClient, shared: Shared, session: AsyncSession
) -> None:
    provider = (await client.get(f"/v1/providers/{shared.provider_id}", headers=shared.a)).json()
    url = f"/v1/providers/{shared.provider_id}/sites/{_site(provider, 'Main')['id']}"
    missing = await client.patch(url, json={"city": "Cary"}, headers=shared.a)
    assert missing.status_code == 428
    ok = await client.patch(
        url, json={"city": "Cary", "county": "Wake"}, headers={**shared.a, "If-Match": '"1"'}
    )
    assert ok.status_code == 200, ok.text
    assert (ok.json()["city"], ok.json()["county"], ok.headers["etag"]) == ("Cary", "Wake", '"2"')
    stale = await client.patch(url, json={"city": "Apex"}, headers={**shared.a, "If-Match": '"1"'})
    assert stale.status_code == 412
    null_name = await client.patch(url, json={"name": None}, headers={**shared.a, "If-Match": '"2"'})
    assert null_name.status_code == 422 and null_name.json()["errors"][0]["path"] == "body.name"
    # Plan B's "Main" is untouched by all of this.
    b_main = _site((await client.get(f"/v1/providers/{shared.provider_id}", headers=shared.b)).json(), "Main")
    assert (b_main["city"], b_main["version"]) == ("Durham", 1)

    assert (await client.delete(url, headers=shared.a)).status_code == 204
    assert (await client.get(url, headers=shared.a)).status_code == 404
    after = (await client.get(f"/v1/providers/{shared.provider_id}", headers=shared.b)).json()
    assert _names(after) == [("Main", "plan")]
    actions = (
        await session.scalars(select(AuditEvent.action).where(AuditEvent.organization_id == shared.plan_a.id))
    ).all()
    assert {"provider_site.updated", "provider_site.deleted"} <= set(actions)


async def test_site_names_are_unique_per_owner_only(client: httpx.AsyncClient, shared: Shared) -> None:
    url = f"/v1/providers/{shared.provider_id}/sites"
    again = await client.post(url, json={"name": "Main"}, headers=shared.a)
    assert again.status_code == 409 and again.json()["type"] == "urn:oversight:problem:site-exists"
    # The provider may have its own "Main" too; nobody learns of anyone else's from a conflict.
    assert (await client.post(url, json={"name": "Main"}, headers=shared.p)).status_code == 201
    annex = (await client.post(url, json={"name": "Annex"}, headers=shared.a)).json()
    assert annex["name"] == "Annex"  # the answer is the new site
    annex_id = annex["id"]
    rename = await client.patch(
        f"{url}/{annex_id}", json={"name": "Main"}, headers={**shared.a, "If-Match": '"1"'}
    )
    assert rename.status_code == 409 and rename.json()["type"] == "urn:oversight:problem:site-exists"


async def test_the_provider_manages_its_own_sites_and_only_those(
    client: httpx.AsyncClient, shared: Shared
) -> None:
    url = f"/v1/providers/{shared.provider_id}/sites"
    created = await client.post(url, json={"name": "Provider HQ", "city": "Cary"}, headers=shared.p)
    assert created.status_code == 201, created.text
    hq = created.json()
    assert hq["name"] == "Provider HQ"
    assert created.headers["location"] == f"{url}/{hq['id']}"
    assert (hq["owner"], hq["owner_id"]) == ("provider", shared.provider_id)
    changed = await client.patch(
        f"{url}/{hq['id']}", json={"city": "Apex"}, headers={**shared.p, "If-Match": '"1"'}
    )
    assert changed.status_code == 200 and changed.json()["city"] == "Apex"
    # Both plans see the provider's change, and neither may make one (its site is visible, not theirs: 403).
    for plan in (shared.a, shared.b):
        assert (await client.get(f"{url}/{hq['id']}", headers=plan)).json()["city"] == "Apex"
        refused = await client.patch(
            f"{url}/{hq['id']}", json={"city": "X"}, headers={**plan, "If-Match": '"2"'}
        )
        assert refused.status_code == 403
        assert (await client.delete(f"{url}/{hq['id']}", headers=plan)).status_code == 403
    # The provider reads a plan's entry about it but does not change it.
    a_main = next(
        s
        for s in (await client.get(f"/v1/providers/{shared.provider_id}", headers=shared.p)).json()["sites"]
        if s["owner_id"] == str(shared.plan_a.id)
    )
    assert (await client.get(f"{url}/{a_main['id']}", headers=shared.p)).status_code == 200
    refused = await client.patch(
        f"{url}/{a_main['id']}", json={"city": "X"}, headers={**shared.p, "If-Match": '"1"'}
    )
    assert refused.status_code == 403
    assert (await client.delete(f"{url}/{a_main['id']}", headers=shared.p)).status_code == 403
    assert (await client.delete(f"{url}/{hq['id']}", headers=shared.p)).status_code == 204


async def test_readers_and_unrelated_organizations_cannot_write_sites(
    client: httpx.AsyncClient, shared: Shared, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    url = f"/v1/providers/{shared.provider_id}/sites"
    viewer = await auth_headers(shared.plan_a, "viewer")
    assert (await client.post(url, json={"name": "Viewer's"}, headers=viewer)).status_code == 403
    stranger = await make_org("provider", npi="1003000126")
    outsider = await client.post(
        url, json={"name": "Stranger's"}, headers=await auth_headers(stranger, "provider")
    )
    assert outsider.status_code == 404
