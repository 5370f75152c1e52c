"""Provider obligations through the API (seed 003): the program narrative six months after the first enrolled
member and yearly after, peer sharing every two months in a site's first six months and every six months after;
the provider submits, the plan reviews the narrative. Dates are worked by hand below."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.obligations.materialise import materialise_obligations
from oversight_db.models import AuditEvent, Notice, ProviderSite
from tests.api.reviews_world import Clock, link
from tests.conftest import MakeKey, MakeOrg

NEW_YORK = ZoneInfo("America/New_York")


def idem() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


async def _world(
    rclient: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> tuple[Any, Any, dict[str, str], dict[str, str]]:
    """A California plan with an ECM provider whose first member (of three) enrolled on 2026-01-15."""
    plan = await make_org("plan", jurisdiction="US-CA")
    provider = await make_org("provider", jurisdiction="US-CA")
    await link(session, plan, provider, "ecm")
    hp, hv = await auth_headers(plan, "plan_admin"), await auth_headers(provider, "provider")
    starts = ["2026-03-01", "2026-01-15", "2026-02-20"]
    members = [
        {
            "member_number": f"9123456{i}A",
            "first_name": "Member",
            "last_name": f"Number{i}",
            "birth_date": "1980-01-01",
            "enrollments": [
                {"program": "ecm", "provider_id": str(provider.id), "status": "enrolled", "start_date": start}
            ],
        }
        for i, start in enumerate(starts)
    ]
    r = await rclient.post("/v1/members/batch", json={"members": members}, headers=hp)
    assert r.status_code == 200, r.text
    return plan, provider, hp, hv


async def _list(rclient: httpx.AsyncClient, headers: dict[str, str], **params: str) -> list[dict[str, Any]]:
    r = await rclient.get("/v1/obligations", params=params, headers=headers)
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


async def test_the_narrative_is_due_six_months_after_the_first_enrolled_member_then_yearly(
    rclient: httpx.AsyncClient, clock: Clock, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    clock.today = date(2026, 3, 2)
    plan, _, hp, hv = await _world(rclient, session, make_org, auth_headers)

    # Nothing is owed until the worker has looked at the data; looking twice starts the series once.
    assert await _list(rclient, hp) == []
    assert await materialise_obligations(session, clock.today, NEW_YORK) == 1
    assert await materialise_obligations(session, clock.today, NEW_YORK) == 0

    # First member enrolled 2026-01-15 (the earliest of three) -> due 2026-07-15.
    (narrative,) = await _list(rclient, hp)
    assert {k: narrative[k] for k in ("kind", "sequence", "anchor", "anchor_on", "due_on", "status")} == {
        "kind": "program_narrative",
        "sequence": 1,
        "anchor": "first_enrollment",
        "anchor_on": "2026-01-15",
        "due_on": "2026-07-15",
        "status": "due",
    }
    assert narrative["review_required"] is True and narrative["plan_id"] == str(plan.id)
    assert [o["id"] for o in await _list(rclient, hv)] == [narrative["id"]]  # the provider sees what it owes
    url = f"/v1/obligations/{narrative['id']}"

    # The plan cannot submit for the provider; the provider submits with an Idempotency-Key (replayed as is).
    body = {"summary": "2026 narrative", "content": "Program, staffing, enrollment, barriers, successes."}
    assert (await rclient.post(f"{url}/submissions", json=body, headers=hp | idem())).status_code == 403
    key = idem()
    first = await rclient.post(f"{url}/submissions", json=body, headers=hv | key)
    assert first.status_code == 201, first.text
    again = await rclient.post(f"{url}/submissions", json=body, headers=hv | key)
    assert again.json() == first.json()
    submitted = first.json()
    assert submitted["status"] == "submitted" and submitted["late"] is False
    assert [s["summary"] for s in submitted["submissions"]] == ["2026 narrative"]
    # Submitting twice is refused while the plan has not decided.
    assert (await rclient.post(f"{url}/submissions", json=body, headers=hv | idem())).status_code == 409

    # Submitting started the next occurrence: a year after the first, 2027-07-15.
    dues = [(o["sequence"], o["due_on"], o["status"]) for o in await _list(rclient, hp)]
    assert dues == [(1, "2026-07-15", "submitted"), (2, "2027-07-15", "due")]

    # The plan returns it (If-Match), the provider sends it again, the plan accepts.
    etag = (await rclient.get(url, headers=hp)).headers["etag"]
    decision = {"decision": "return", "comment": "Add the staffing changes."}
    assert (await rclient.post(f"{url}/decision", json=decision, headers=hp)).status_code == 428
    returned = await rclient.post(f"{url}/decision", json=decision, headers=hp | {"If-Match": etag})
    assert returned.status_code == 200, returned.text
    assert returned.json()["status"] == "returned"
    clock.today = date(2026, 7, 20)  # after the due date: late, still accepted
    resent = await rclient.post(f"{url}/submissions", json=body | {"summary": "v2"}, headers=hv | idem())
    assert resent.status_code == 201 and resent.json()["submissions"][1]["late"] is True
    assert resent.json()["late"] is False  # the first submission was on time
    etag = resent.headers["etag"]
    accepted = await rclient.post(
        f"{url}/decision",
        json={"decision": "accept", "comment": "Thank you."},
        headers=hp | {"If-Match": etag},
    )
    assert accepted.json()["status"] == "accepted"
    assert [s["decision"] for s in accepted.json()["submissions"]] == ["return", "accept"]

    # Every step is in the plan's audit trail; the plan and the provider were told.
    actions = (
        await session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_id == narrative["id"]).order_by(AuditEvent.seq)
        )
    ).all()
    assert actions == [
        "obligation.created",
        "obligation.submitted",
        "obligation.returned",
        "obligation.submitted",
        "obligation.accepted",
    ]
    kinds = (
        await session.scalars(
            select(Notice.kind)
            .where(Notice.subject_id == uuid.UUID(narrative["id"]))
            .order_by(Notice.created_at)
        )
    ).all()
    assert sorted(kinds) == sorted(
        ["obligation_submitted", "obligation_returned", "obligation_submitted", "obligation_accepted"]
    )


async def test_peer_sharing_every_two_months_for_a_new_site_then_every_six(
    rclient: httpx.AsyncClient, clock: Clock, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    clock.today = date(2026, 1, 10)
    _, provider, hp, hv = await _world(rclient, session, make_org, auth_headers)
    r = await rclient.post(f"/v1/providers/{provider.id}/sites", json={"name": "Ukiah"}, headers=hv | idem())
    assert r.status_code == 201, r.text
    site_out = r.json()
    site = await session.get(ProviderSite, uuid.UUID(site_out["id"]))
    assert site is not None
    # The site entered Oversight on 2026-08-31 (11:00 in New York). Each occurrence counts from that anchor and
    # is clamped to its month's end: +2 months = Oct 31, +4 = Dec 31, +6 = 2027-02-28 (the new-site phase),
    # then +12 = 2027-08-31 (not Aug 28: never counted from the clamped date), +18 = 2028-02-29 (leap year),
    # +24 = 2028-08-31.
    site.created_at = datetime(2026, 8, 31, 15, tzinfo=UTC)
    await session.flush()
    clock.today = date(2026, 8, 31)
    await materialise_obligations(session, clock.today, NEW_YORK)

    (peer,) = await _list(rclient, hv, kind="peer_sharing")
    assert (peer["site_id"], peer["anchor"], peer["anchor_on"], peer["due_on"], peer["review_required"]) == (
        str(site.id),
        "site_added",
        "2026-08-31",
        "2026-10-31",
        False,
    )
    dues = []
    for n in range(5):
        current = (await _list(rclient, hv, kind="peer_sharing", status="due"))[0]
        dues.append(current["due_on"])
        r = await rclient.post(
            f"/v1/obligations/{current['id']}/submissions",
            json={"summary": f"session {n + 1}", "content": "Shared outreach scripts with two sites."},
            headers=hv | idem(),
        )
        assert r.status_code == 201 and r.json()["status"] == "completed"  # no plan review for peer sharing
    assert dues == ["2026-10-31", "2026-12-31", "2027-02-28", "2027-08-31", "2028-02-29"]
    # Filters: ISO due dates (inclusive), status, kind; a provider sees only its own.
    window = await _list(rclient, hp, kind="peer_sharing", due_after="2026-12-31", due_before="2027-08-31")
    assert [o["due_on"] for o in window] == ["2026-12-31", "2027-02-28", "2027-08-31"]
    assert [o["due_on"] for o in await _list(rclient, hp, kind="peer_sharing", status="due")] == [
        "2028-08-31"
    ]
    assert len(await _list(rclient, hp, status="completed")) == 5


async def test_bad_filters_are_problems_and_another_tenant_sees_nothing(
    rclient: httpx.AsyncClient, clock: Clock, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    clock.today = date(2026, 3, 2)
    _, _, hp, hv = await _world(rclient, session, make_org, auth_headers)
    await materialise_obligations(session, clock.today, NEW_YORK)
    for params in (
        {"due_after": "2026-13-01"},
        {"due_before": "yesterday"},
        {"status": "late"},
        {"due_after": "2027-01-01", "due_before": "2026-01-01"},
        {"due_after": "0001-01-01"},
    ):
        r = await rclient.get("/v1/obligations", params=params, headers=hp)
        assert r.status_code == 422, (params, r.status_code, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
    other_plan = await make_org("plan", jurisdiction="US-CA")
    other = await auth_headers(other_plan, "plan_admin")
    (mine,) = await _list(rclient, hp)
    assert await _list(rclient, other) == []
    assert (await rclient.get(f"/v1/obligations/{mine['id']}", headers=other)).status_code == 404
    bad = {"summary": "", "content": "x"}
    r = await rclient.post(f"/v1/obligations/{mine['id']}/submissions", json=bad, headers=hv | idem())
    assert r.status_code == 422
