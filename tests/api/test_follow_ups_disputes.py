"""Follow-up reviews (seed 003: a CAP holds "until 100% compliant") and provider disputes (seed 004: "no later
than 21 calendar days from the receipt of the LME/MCO's decision"), through the API."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

import oversight_app.disputes.deadlines  # noqa: F401  (registers the "dispute" deadline handler)
from oversight_db.models import Finding, Notice, Organization
from oversight_domain.tools import load_tool
from tests.api.reviews_world import Clock, ecm_frame, link
from tests.api.test_action_plans import sweep
from tests.api.test_review_paths import put_findings, sampled_records
from tests.conftest import MakeKey, MakeOrg

ECM = load_tool("ecm-partnership")
OE = "outreach_engagement"
OE_PROVIDER = [e.key for e in ECM.sections[0].elements if e.level == "provider"]  # 4 elements


def prob(r: httpx.Response, status: int, slug: str | None = None) -> dict[str, Any]:
    """The answer is ``status`` as application/problem+json (of type ``slug`` when given)."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = r.json()
    if slug is not None:
        assert body["type"] == f"urn:oversight:problem:{slug}"
    return body


@dataclass
class World:
    plan: Organization
    provider: Organization
    reviewer: dict[str, str]
    admin: dict[str, str]
    provider_headers: dict[str, str]


async def world(session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey) -> World:
    plan = await make_org("plan", jurisdiction="US-CA")
    provider = await make_org("provider", jurisdiction="US-CA")
    await link(session, plan, provider, "ecm")
    await ecm_frame(session, plan, provider, 30)
    return World(
        plan,
        provider,
        await auth_headers(plan, "reviewer"),
        await auth_headers(plan, "plan_admin"),
        await auth_headers(provider, "provider"),
    )


async def etag(client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> str:
    return (await client.get(url, headers=headers)).headers["etag"]


async def run_review(
    client: httpx.AsyncClient,
    w: World,
    clock: Clock,
    no: set[str],
    *,
    follow_up_of: str | None = None,
) -> dict[str, Any]:
    """Schedule today (notice waived), draw, answer every element in scope "yes" except the provider-level
    keys in ``no`` (and, for a first review, record 1's first outreach element), finalize."""
    body: dict[str, Any] = {
        "provider_id": str(w.provider.id),
        "tool_key": "ecm-partnership",
        "purpose": "follow_up" if follow_up_of else "monitoring",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "scheduled_for": clock.today.isoformat(),
        "notice_waived_reason": "on-site visit agreed with the provider",
    }
    if follow_up_of:
        body["action_plan_id"] = follow_up_of
    r = await client.post("/v1/reviews", json=body, headers=w.reviewer)
    assert r.status_code == 201, r.text
    review = r.json()
    rid = review["id"]
    r = await client.post(f"/v1/reviews/{rid}/samples", json={"seed": rid}, headers=w.reviewer)
    assert r.status_code == 201, r.text
    scope = set(review["scope_sections"]) or {s.key for s in ECM.sections}
    elements = [e for s in ECM.sections if s.key in scope for e in s.elements]
    records = await sampled_records(client, rid, w.reviewer)
    items: list[dict[str, Any]] = [
        {"element_key": e.key, "answer": "no" if e.key in no else "yes"}
        for e in elements
        if e.level == "provider"
    ]
    for i, rec in enumerate(records):
        for e in elements:
            if e.level == "record":
                answer = (
                    "no"
                    if (i == 0 and not follow_up_of and e.key == "oe.member_visit_documentation")
                    else "yes"
                )
                items.append({"record_id": rec["id"], "element_key": e.key, "answer": answer})
    r = await put_findings(client, rid, w.reviewer, items)
    assert r.status_code == 200, r.text
    r = await client.post(
        f"/v1/reviews/{rid}/finalize",
        headers={**w.reviewer, "If-Match": await etag(client, f"/v1/reviews/{rid}", w.reviewer)},
    )
    assert r.status_code == 200, r.text
    out: dict[str, Any] = r.json()
    return out


async def failing_outreach_review(client: httpx.AsyncClient, w: World, clock: Clock) -> dict[str, Any]:
    """Outreach and Engagement at 15/20 = 75% (< 80%): conditional pass, a PIP for that section."""
    final = await run_review(client, w, clock, set(OE_PROVIDER))
    assert final["scorecard"]["outcome"] == "conditional_pass"
    assert final["scorecard"]["sections_requiring_action"] == [OE]
    assert final["action_plan_id"] is not None
    return final


async def standing(client: httpx.AsyncClient, w: World) -> dict[str, Any]:
    r = await client.get(f"/v1/providers/{w.provider.id}/standing", headers=w.provider_headers)
    assert r.status_code == 200, r.text
    out: dict[str, Any] = r.json()
    return out


async def test_cap_closed_by_a_follow_up_at_100_and_not_at_95(
    rclient: httpx.AsyncClient, clock: Clock, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    w = await world(session, make_org, auth_headers)
    first = await failing_outreach_review(rclient, w, clock)
    plan_id = first["action_plan_id"]

    # The PIP goes unanswered: the day after its due date it is a CAP with holds (seed 003).
    pip = (await rclient.get(f"/v1/action-plans/{plan_id}", headers=w.reviewer)).json()
    clock.today = date.fromisoformat(pip["due_on"]) + timedelta(days=1)
    await sweep(session, clock.today)
    cap = (await rclient.get(f"/v1/action-plans/{plan_id}", headers=w.reviewer)).json()
    assert (cap["status"], cap["holds"]) == ("cap_open", ["new_enrollment", "authorizations"])
    assert (await standing(rclient, w))["can_enroll_members"] is False

    # A follow-up covers only the plan's sections requiring action; other elements are refused.
    # 95%: one of the four provider-level outreach elements still "no" (19/20).
    clock.today += timedelta(days=5)
    follow = await run_review(rclient, w, clock, {OE_PROVIDER[0]}, follow_up_of=plan_id)
    assert follow["review"]["purpose"] == "follow_up" and follow["review"]["scope_sections"] == [OE]
    assert [s["key"] for s in follow["scorecard"]["sections"]] == [OE]
    assert follow["scorecard"]["total"]["score"] == 0.95
    assert follow["action_plan_id"] is None  # no new PIP from a follow-up
    assert follow["follow_up"] == {"action_plan_id": plan_id, "total_percent": "95.0", "compliant": False}
    after = (await rclient.get(f"/v1/action-plans/{plan_id}", headers=w.provider_headers)).json()
    assert (after["status"], after["due_on"], after["holds"]) == ("cap_open", cap["due_on"], cap["holds"])
    assert after["history"][-1]["event"] == "follow_up"
    assert after["history"][-1]["total_percent"] == "95.0"
    assert (await standing(rclient, w))["status"] == "cap"

    # Elements outside the follow-up's sections are not answered in it.
    r = await rclient.post(
        "/v1/reviews",
        json={
            "provider_id": str(w.provider.id),
            "tool_key": "ecm-partnership",
            "purpose": "follow_up",
            "action_plan_id": plan_id,
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "scheduled_for": clock.today.isoformat(),
            "notice_waived_reason": "second follow-up visit",
        },
        headers=w.reviewer,
    )
    assert r.status_code == 201, r.text
    second_id = r.json()["id"]
    r = await put_findings(
        rclient, second_id, w.reviewer, [{"element_key": "hp.identify_build_networks", "answer": "yes"}]
    )
    problem = prob(r, 422, "validation")
    assert problem["errors"][0]["path"] == "body[0].element_key"
    r = await rclient.patch(
        f"/v1/reviews/{second_id}",
        json={"status": "cancelled", "cancel_reason": "replaced"},
        headers={**w.reviewer, "If-Match": await etag(rclient, f"/v1/reviews/{second_id}", w.reviewer)},
    )
    assert r.status_code == 200, r.text

    # 100% on the plan's sections: the CAP closes and the holds lift.
    clock.today += timedelta(days=5)
    done = await run_review(rclient, w, clock, set(), follow_up_of=plan_id)
    assert done["follow_up"] == {"action_plan_id": plan_id, "total_percent": "100.0", "compliant": True}
    closed = (await rclient.get(f"/v1/action-plans/{plan_id}", headers=w.provider_headers)).json()
    assert (closed["status"], closed["holds"], closed["closed_on"]) == ("closed", [], clock.today.isoformat())
    assert [h["event"] for h in closed["history"]][-3:] == ["follow_up", "follow_up", "close"]
    assert [h.get("compliant") for h in closed["history"] if h["event"] == "follow_up"] == [False, True]
    assert (await standing(rclient, w))["status"] == "good"
    assert (await standing(rclient, w))["can_enroll_members"] is True
    kinds = set(
        await session.scalars(
            select(Notice.kind).where(
                Notice.subject_id == uuid.UUID(plan_id), Notice.recipient_organization_id == w.provider.id
            )
        )
    )
    assert "action_plan_closed" in kinds

    # A closed plan is followed up no more; purpose and plan go together.
    base = {
        "provider_id": str(w.provider.id),
        "tool_key": "ecm-partnership",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "scheduled_for": clock.today.isoformat(),
        "notice_waived_reason": "follow-up",
    }
    for extra in (
        {"purpose": "follow_up", "action_plan_id": plan_id},
        {"purpose": "follow_up"},
        {"purpose": "monitoring", "action_plan_id": plan_id},
        {"purpose": "follow_up", "action_plan_id": str(uuid.uuid4())},
    ):
        problem = prob(await rclient.post("/v1/reviews", json=base | extra, headers=w.reviewer), 422)
        assert problem["errors"][0]["path"] == "body.action_plan_id"


async def deliver(session: AsyncSession, review_id: str, on: date) -> None:
    """What the worker records when it has delivered the review_result notice to the provider."""
    notice = await session.scalar(
        select(Notice).where(Notice.subject_id == uuid.UUID(review_id), Notice.kind == "review_result")
    )
    assert notice is not None
    notice.delivery_status = "delivered"
    notice.delivered_at = datetime(on.year, on.month, on.day, 15, tzinfo=UTC)
    await session.flush()


async def test_a_dispute_on_day_21_is_accepted_and_on_day_22_refused(
    rclient: httpx.AsyncClient, clock: Clock, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    w = await world(session, make_org, auth_headers)
    final = await failing_outreach_review(rclient, w, clock)
    review_id = final["review"]["id"]
    received = clock.today + timedelta(days=2)  # the result reached the provider two days later
    await deliver(session, review_id, received)
    body = {"subject": "review_result", "subject_id": review_id, "reason": "The IOT shows the outreach."}

    clock.today = received + timedelta(days=22)
    problem = prob(await rclient.post("/v1/disputes", json=body, headers=w.provider_headers), 422)
    assert problem["type"].endswith("dispute-window-closed")
    closes = (received + timedelta(days=21)).isoformat()
    assert problem["window_closed_on"] == closes and closes in problem["detail"]

    clock.today = received + timedelta(days=21)
    r = await rclient.post(
        "/v1/disputes", json=body | {"evidence": ["IOT extract, March"]}, headers=w.provider_headers
    )
    assert r.status_code == 201, r.text
    dispute = r.json()
    assert (dispute["received_on"], dispute["window_closes_on"], dispute["status"]) == (
        received.isoformat(),
        closes,
        "open",
    )
    # The plan decides within 30 days (an assumption: the seeds set no time).
    assert dispute["decision_due_on"] == (clock.today + timedelta(days=30)).isoformat()
    filed = await session.scalar(select(Notice).where(Notice.subject_id == uuid.UUID(dispute["id"])))
    assert filed is not None and (filed.kind, filed.recipient_organization_id) == ("dispute_filed", w.plan.id)

    # One open dispute per decision; plans do not file, providers do not decide.
    prob(await rclient.post("/v1/disputes", json=body, headers=w.provider_headers), 409, "dispute-open")
    prob(await rclient.post("/v1/disputes", json=body, headers=w.admin), 403)
    r = await rclient.post(
        f"/v1/disputes/{dispute['id']}/evidence", json={"text": "Call log"}, headers=w.provider_headers
    )
    assert r.status_code == 201 and [e["text"] for e in r.json()["evidence"]] == [
        "IOT extract, March",
        "Call log",
    ]

    # Nobody decides: the day after the due date the sweep tells both sides, once.
    overdue_day = date.fromisoformat(dispute["decision_due_on"]) + timedelta(days=1)
    await sweep(session, overdue_day)
    await sweep(session, overdue_day)
    late = list(
        await session.scalars(
            select(Notice.recipient_organization_id).where(
                Notice.subject_id == uuid.UUID(dispute["id"]), Notice.kind == "dispute_decision_overdue"
            )
        )
    )
    assert sorted(map(str, late)) == sorted([str(w.plan.id), str(w.provider.id)])


async def test_an_overturned_finding_rescores_and_the_first_scorecard_stays_readable(
    rclient: httpx.AsyncClient, clock: Clock, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    w = await world(session, make_org, auth_headers)
    final = await failing_outreach_review(rclient, w, clock)
    review_id, plan_id = final["review"]["id"], final["action_plan_id"]
    finding = await session.scalar(
        select(Finding).where(
            Finding.review_id == uuid.UUID(review_id), Finding.element_key == OE_PROVIDER[0]
        )
    )
    assert finding is not None and finding.answer == "no"
    clock.today += timedelta(days=3)  # no notice delivered: the window counts from the finalization
    r = await rclient.post(
        "/v1/disputes",
        json={
            "subject": "finding",
            "subject_id": str(finding.id),
            "reason": "Our scripts were sent in March.",
        },
        headers=w.provider_headers,
    )
    assert r.status_code == 201, r.text
    dispute = r.json()
    assert dispute["received_on"] == (clock.today - timedelta(days=3)).isoformat()
    url = f"/v1/disputes/{dispute['id']}/decision"
    overturn = {
        "decision": "overturned",
        "comment": "Scripts found in the provider's desktop materials",
        "amendments": [{"finding_id": str(finding.id), "answer": "yes"}],
    }

    prob(await rclient.post(url, json=overturn, headers=w.admin), 428)
    tag = await etag(rclient, f"/v1/disputes/{dispute['id']}", w.admin)
    prob(await rclient.post(url, json=overturn, headers={**w.reviewer, "If-Match": tag}), 403)
    bad = {**overturn, "decision": "upheld"}
    problem = prob(await rclient.post(url, json=bad, headers={**w.admin, "If-Match": tag}), 422)
    assert problem["errors"][0]["path"] == "body.amendments"
    bad = {**overturn, "amendments": [{"finding_id": str(uuid.uuid4()), "answer": "yes"}]}
    problem = prob(await rclient.post(url, json=bad, headers={**w.admin, "If-Match": tag}), 422)
    assert problem["errors"][0]["path"] == "body.amendments[0].finding_id"

    r = await rclient.post(url, json=overturn, headers={**w.admin, "If-Match": tag})
    assert r.status_code == 200, r.text
    decided = r.json()
    assert (decided["status"], decided["decision"]) == ("decided", "overturned")
    assert decided["changes"]["scorecard_version"] == 2 and decided["changes"]["outcome"] == "pass"
    assert decided["changes"]["action_plan"] == {
        "action_plan_id": plan_id,
        "from": "pip_open",
        "to": "closed",
    }

    # The review now shows the new scorecard: Outreach and Engagement 16/20 = 80%, a pass.
    card = (await rclient.get(f"/v1/reviews/{review_id}/scorecard", headers=w.provider_headers)).json()
    oe = next(s for s in card["sections"] if s["key"] == OE)
    assert (oe["score"], card["outcome"], card["sections_requiring_action"]) == (0.8, "pass", [])
    review = (await rclient.get(f"/v1/reviews/{review_id}", headers=w.provider_headers)).json()
    assert review["outcome"] == "pass"
    # ... and the first one stays readable as it was.
    versions = (await rclient.get(f"/v1/reviews/{review_id}/scorecards", headers=w.provider_headers)).json()
    assert [(v["version_number"], v["reason"], v["outcome"]) for v in versions["items"]] == [
        (1, "finalized", "conditional_pass"),
        (2, "dispute", "pass"),
    ]
    r = await rclient.get(f"/v1/reviews/{review_id}/scorecards/1", headers=w.reviewer)
    assert r.status_code == 200 and r.json()["scorecard"]["sections_requiring_action"] == [OE]
    assert r.json()["scorecard"]["sections"][0]["score"] == 0.75
    prob(await rclient.get(f"/v1/reviews/{review_id}/scorecards/3", headers=w.reviewer), 404)

    plan = (await rclient.get(f"/v1/action-plans/{plan_id}", headers=w.provider_headers)).json()
    assert plan["status"] == "closed" and plan["history"][-1]["dispute_id"] == dispute["id"]
    kinds = {
        n.kind
        for n in await session.scalars(
            select(Notice).where(Notice.recipient_organization_id == w.provider.id)
        )
    }
    assert {"dispute_decided", "action_plan_closed"} <= kinds
    # Decided once.
    tag = await etag(rclient, f"/v1/disputes/{dispute['id']}", w.admin)
    prob(await rclient.post(url, json=overturn, headers={**w.admin, "If-Match": tag}), 409, "dispute-decided")


async def test_disputes_are_seen_only_by_their_plan_and_provider(
    rclient: httpx.AsyncClient, clock: Clock, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    w = await world(session, make_org, auth_headers)
    final = await failing_outreach_review(rclient, w, clock)
    r = await rclient.post(
        "/v1/disputes",
        json={"subject": "review_result", "subject_id": final["review"]["id"], "reason": "We disagree."},
        headers=w.provider_headers,
    )
    assert r.status_code == 201, r.text
    dispute_id = r.json()["id"]
    other_plan = await make_org("plan", jurisdiction="US-CA")
    other_provider = await make_org("provider", jurisdiction="US-CA")
    await link(session, other_plan, w.provider, "ecm")
    await link(session, w.plan, other_provider, "ecm")
    outsiders = [await auth_headers(other_plan, "plan_admin"), await auth_headers(other_provider, "provider")]
    for headers in outsiders:
        prob(await rclient.get(f"/v1/disputes/{dispute_id}", headers=headers), 404)
        assert (await rclient.get("/v1/disputes", headers=headers)).json()["items"] == []
    # Another provider cannot dispute this provider's result: the same answer as an id that names nothing.
    body = {"subject": "review_result", "subject_id": final["review"]["id"], "reason": "x"}
    real = prob(await rclient.post("/v1/disputes", json=body, headers=outsiders[1]), 422)
    fake = prob(
        await rclient.post(
            "/v1/disputes", json=body | {"subject_id": str(uuid.uuid4())}, headers=outsiders[1]
        ),
        422,
    )
    assert real["detail"] == fake["detail"]
    for headers in (w.admin, w.reviewer, w.provider_headers):
        items = (await rclient.get("/v1/disputes", headers=headers)).json()["items"]
        assert [d["id"] for d in items] == [dispute_id]
