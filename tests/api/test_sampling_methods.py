"""Issue 14, sampling through the API: the expansion draws from every member not yet sampled (the first draw's
unused reserves included) and takes what is left, so a small ECM frame can be finalized; the draw starts a
scheduled review, audited; the NCQA 8/30 example tool imports and samples up front."""

from __future__ import annotations

from datetime import timedelta
from importlib import resources
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models import AuditEvent, Organization
from oversight_domain.tools import load_tool, parse_tool
from tests.api.reviews_world import Clock, ecm_frame, link
from tests.api.test_review_paths import provider_elements, put_findings, record_elements
from tests.conftest import MakeKey, MakeOrg

ECM = load_tool("ecm-partnership")
EXAMPLE_8_30 = resources.files("oversight_domain.tools").joinpath("examples/ecm-ncqa-8-30.yaml").read_text()


async def _review(
    client: httpx.AsyncClient, clock: Clock, headers: dict[str, str], provider: Organization, tool_key: str
) -> str:
    r = await client.post(
        "/v1/reviews",
        json={
            "provider_id": str(provider.id),
            "tool_key": tool_key,
            "purpose": "monitoring",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "scheduled_for": (clock.today + timedelta(days=30)).isoformat(),
        },
        headers=headers,
    )
    assert r.status_code == 201, r.text
    review_id: str = r.json()["id"]
    return review_id


async def _records(
    client: httpx.AsyncClient, review_id: str, headers: dict[str, str]
) -> list[dict[str, Any]]:
    r = await client.get(f"/v1/reviews/{review_id}/records", params={"limit": 100}, headers=headers)
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


def _answers(
    records: list[dict[str, Any]], failing: set[str], *, provider_level: bool
) -> list[dict[str, Any]]:
    """ "yes" everywhere except every record-level element of the ``failing`` records."""
    items: list[dict[str, Any]] = []
    if provider_level:
        items += [{"element_key": key, "answer": "yes"} for key in provider_elements(ECM)]
    for rec in records:
        for key in record_elements(ECM):
            answer = "no" if rec["id"] in failing else "yes"
            items.append({"record_id": rec["id"], "element_key": key, "answer": answer})
    return items


async def _world(
    session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey, members: int
) -> tuple[Organization, Organization, dict[str, str]]:
    plan = await make_org("plan", jurisdiction="US-CA")
    provider = await make_org("provider", jurisdiction="US-CA")
    await link(session, plan, provider, "ecm")
    await ecm_frame(session, plan, provider, members)
    return plan, provider, await auth_headers(plan, "reviewer")


async def _finalize(client: httpx.AsyncClient, review_id: str, headers: dict[str, str]) -> httpx.Response:
    etag = (await client.get(f"/v1/reviews/{review_id}", headers=headers)).headers["etag"]
    return await client.post(f"/v1/reviews/{review_id}/finalize", headers={**headers, "If-Match": etag})


async def test_ecm_fourteen_members_one_failure_expansion_takes_the_other_six_and_finalizes(
    rclient: httpx.AsyncClient, clock: Clock, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    """The issue's walk: 14 enrolled (seed 003 makes 10 or more subject to oversight); 8 drawn, 6 in reserve;
    one record fails; the expansion asks for 8 (seed 003: "another 8 records ... for a total of 16"), finds 6
    and takes them; the scorecard and finalize say the sample was limited by the frame."""
    _, provider, reviewer = await _world(session, make_org, auth_headers, 14)
    review_id = await _review(rclient, clock, reviewer, provider, "ecm-partnership")

    r = await rclient.post(f"/v1/reviews/{review_id}/samples", json={"seed": "fourteen"}, headers=reviewer)
    assert r.status_code == 201, r.text
    draw1 = r.json()
    assert (draw1["sampled"], draw1["reserve"], draw1["requested"], draw1["available"]) == (8, 6, 8, 14)
    assert draw1["limited_by_frame"] is False
    # Drawing the sample starts the scheduled review, and says so (the draw/start rule).
    assert (draw1["review_status"], draw1["review_started"]) == ("in_progress", True)
    started = (
        await session.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == review_id, AuditEvent.action == "review.started")
        )
    ).all()
    assert [e.changes for e in started] == [{"status": "in_progress", "by": "sample_draw"}]

    records = await _records(rclient, review_id, reviewer)
    first = [rec for rec in records if rec["status"] == "sampled"]
    reserves = [rec["member"]["id"] for rec in records if rec["status"] == "reserve"]
    failing = first[0]["id"]
    assert (
        await put_findings(rclient, review_id, reviewer, _answers(first, {failing}, provider_level=True))
    ).status_code == 200
    card = (await rclient.get(f"/v1/reviews/{review_id}/scorecard", headers=reviewer)).json()
    assert card["expansion_required"] is True and card["sample_limited_by_frame"] is False

    r = await rclient.post(f"/v1/reviews/{review_id}/samples", json={}, headers=reviewer)
    assert r.status_code == 201, r.text
    draw2 = r.json()
    assert (draw2["draw_number"], draw2["sampled"], draw2["reserve"]) == (2, 6, 0)
    assert (draw2["requested"], draw2["available"], draw2["limited_by_frame"]) == (8, 6, True)
    assert (draw2["review_status"], draw2["review_started"]) == ("in_progress", False)
    records = await _records(rclient, review_id, reviewer)
    second = [rec for rec in records if rec["draw_number"] == 2]
    # The six it took are the first draw's unused reserves, in their order: the whole frame is now sampled.
    assert [rec["member"]["id"] for rec in second] == reserves
    assert sum(rec["status"] == "sampled" for rec in records) == 14 and len(records) == 14

    assert (
        await put_findings(rclient, review_id, reviewer, _answers(second, set(), provider_level=False))
    ).status_code == 200
    card = (await rclient.get(f"/v1/reviews/{review_id}/scorecard", headers=reviewer)).json()
    assert card["expansion_required"] is False and card["unanswered"] == []
    stages = [
        {"draw_number": 1, "requested": 8, "available": 14, "drawn": 8, "limited_by_frame": False},
        {"draw_number": 2, "requested": 8, "available": 6, "drawn": 6, "limited_by_frame": True},
    ]
    assert card["sample_limited_by_frame"] is True and card["sample_draws"] == stages

    r = await _finalize(rclient, review_id, reviewer)
    assert r.status_code == 200, r.text
    final = r.json()
    assert final["review"]["status"] == "finalized"
    assert (
        final["scorecard"]["sample_limited_by_frame"] is True and final["scorecard"]["sample_draws"] == stages
    )
    frozen = (await rclient.get(f"/v1/reviews/{review_id}/scorecard", headers=reviewer)).json()
    assert frozen["final"] is True and frozen["sample_limited_by_frame"] is True


@pytest.mark.parametrize("case", ["same-seed", "new-seed", "after-an-exclusion"])
async def test_ecm_thirty_members_expansion_adds_exactly_eight(
    rclient: httpx.AsyncClient,
    clock: Clock,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
    case: str,
) -> None:
    """Seed 003: "another 8 records will be pulled for a total of 16", whatever the first draw held in reserve."""
    _, provider, reviewer = await _world(session, make_org, auth_headers, 30)
    review_id = await _review(rclient, clock, reviewer, provider, "ecm-partnership")
    r = await rclient.post(f"/v1/reviews/{review_id}/samples", json={"seed": "thirty"}, headers=reviewer)
    assert r.status_code == 201 and (r.json()["sampled"], r.json()["reserve"]) == (8, 8)
    if case == "after-an-exclusion":
        first = [rec for rec in await _records(rclient, review_id, reviewer) if rec["status"] == "sampled"]
        r = await rclient.post(
            f"/v1/reviews/{review_id}/records/{first[2]['id']}/exclude",
            json={"reason": "member deceased before the period"},
            headers=reviewer,
        )
        assert r.status_code == 200, r.text
    records = await _records(rclient, review_id, reviewer)
    first = [rec for rec in records if rec["status"] == "sampled"]
    reserves = [rec["member"]["id"] for rec in records if rec["status"] == "reserve"]
    items = _answers(first, {first[0]["id"]}, provider_level=True)
    assert (await put_findings(rclient, review_id, reviewer, items)).status_code == 200

    body = {"seed": "another"} if case == "new-seed" else {}
    r = await rclient.post(f"/v1/reviews/{review_id}/samples", json=body, headers=reviewer)
    assert r.status_code == 201, r.text
    draw2 = r.json()
    excluded = 1 if case == "after-an-exclusion" else 0
    assert (draw2["sampled"], draw2["requested"], draw2["limited_by_frame"]) == (8, 8, False)
    assert draw2["available"] == 30 - 8 - excluded
    records = await _records(rclient, review_id, reviewer)
    sampled = [rec for rec in records if rec["status"] == "sampled"]
    assert len(sampled) == 16 and len({rec["member"]["id"] for rec in sampled}) == 16
    if case == "same-seed":
        # The same order continues: the first draw's reserves are the expansion's 8.
        assert [rec["member"]["id"] for rec in sampled if rec["draw_number"] == 2] == reserves[:8]


async def test_findings_start_a_scheduled_review_by_the_same_rule(
    rclient: httpx.AsyncClient, clock: Clock, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    """Findings start a scheduled review by the same rule, audited with what started it."""
    _, provider, reviewer = await _world(session, make_org, auth_headers, 12)
    review_id = await _review(rclient, clock, reviewer, provider, "ecm-partnership")
    items = [{"element_key": key, "answer": "yes"} for key in provider_elements(ECM)]
    assert (await put_findings(rclient, review_id, reviewer, items)).status_code == 200
    r = await rclient.get(f"/v1/reviews/{review_id}", headers=reviewer)
    assert r.json()["status"] == "in_progress"
    by = await session.scalar(
        select(AuditEvent.changes).where(
            AuditEvent.entity_id == review_id, AuditEvent.action == "review.started"
        )
    )
    assert by == {"status": "in_progress", "by": "findings"}
    r = await rclient.post(f"/v1/reviews/{review_id}/samples", json={}, headers=reviewer)
    assert r.status_code == 201 and r.json()["review_started"] is False
    count = await session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.entity_id == review_id, AuditEvent.action == "review.started")
    )
    assert count == 1


@pytest.mark.parametrize(("members", "held", "limited"), [(40, 22, False), (14, 6, True)])
async def test_the_8_30_example_tool_imports_and_samples_up_front(
    rclient: httpx.AsyncClient,
    clock: Clock,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
    members: int,
    held: int,
    limited: bool,
) -> None:
    """NCQA 8/30: 30 drawn up front, the first 8 reviewed; one fails, so the rest of the 30 become due - the
    members drawn up front, nothing drawn anew."""
    plan, provider, reviewer = await _world(session, make_org, auth_headers, members)
    admin = await auth_headers(plan, "plan_admin")
    r = await rclient.post(
        "/v1/tools", content=EXAMPLE_8_30, headers={**admin, "Content-Type": "application/yaml"}
    )
    assert r.status_code == 201, r.text
    assert r.json()["document"]["policies"]["sampling"]["method"] == "upfront"
    tool = parse_tool(EXAMPLE_8_30)
    review_id = await _review(rclient, clock, reviewer, provider, tool.key)

    r = await rclient.post(f"/v1/reviews/{review_id}/samples", json={"seed": "ncqa"}, headers=reviewer)
    assert r.status_code == 201, r.text
    draw1 = r.json()
    reserve = min(8, members - 30) if members > 30 else 0
    assert (draw1["sampled"], draw1["held"], draw1["reserve"]) == (8, held, reserve)
    assert (draw1["requested"], draw1["available"], draw1["limited_by_frame"]) == (8, members, False)
    records = await _records(rclient, review_id, reviewer)
    held_ids = [rec["id"] for rec in records if rec["status"] == "held"]
    assert [rec["position"] for rec in records if rec["status"] == "held"] == list(range(9, 9 + held))
    first = [rec for rec in records if rec["status"] == "sampled"]
    # Held records are not scored: the scorecard asks only for the 8.
    assert (
        await put_findings(rclient, review_id, reviewer, _answers(first, set(), provider_level=True))
    ).status_code == 200
    card = (await rclient.get(f"/v1/reviews/{review_id}/scorecard", headers=reviewer)).json()
    assert card["unanswered"] == [] and card["expansion_required"] is False
    r = await rclient.post(f"/v1/reviews/{review_id}/samples", json={}, headers=reviewer)
    assert r.status_code == 409 and r.json()["type"].endswith("no-draw-due")

    items = _answers(first[:1], {first[0]["id"]}, provider_level=False)
    assert (await put_findings(rclient, review_id, reviewer, items)).status_code == 200
    # The second stage draws nothing, so a seed means nothing to it.
    r = await rclient.post(f"/v1/reviews/{review_id}/samples", json={"seed": "other"}, headers=reviewer)
    assert r.status_code == 422 and r.json()["errors"][0]["path"] == "body.seed"
    r = await rclient.post(f"/v1/reviews/{review_id}/samples", json={}, headers=reviewer)
    assert r.status_code == 201, r.text
    draw2 = r.json()
    assert (draw2["draw_number"], draw2["seed"], draw2["sampled"], draw2["held"]) == (2, "ncqa", held, 0)
    assert (draw2["requested"], draw2["available"], draw2["limited_by_frame"]) == (22, held, limited)
    assert draw2["frame_fingerprint"] == draw1["frame_fingerprint"]
    records = await _records(rclient, review_id, reviewer)
    assert [rec["id"] for rec in records if rec["draw_number"] == 2] == held_ids
    assert all(rec["status"] == "sampled" for rec in records if rec["draw_number"] == 2)

    second = [rec for rec in records if rec["draw_number"] == 2]
    assert (
        await put_findings(rclient, review_id, reviewer, _answers(second, set(), provider_level=False))
    ).status_code == 200
    r = await _finalize(rclient, review_id, reviewer)
    assert r.status_code == 200, r.text
    assert r.json()["scorecard"]["sample_limited_by_frame"] is limited
    assert len(r.json()["scorecard"]["records"]) == 8 + held
