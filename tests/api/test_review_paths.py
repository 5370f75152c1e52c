"""The two review paths of the Done-when, through the API.

ECM (seed 003): 8 records, one fails -> expansion draw of 8 -> scorecard checked by hand -> finalize ->
PIP due 90 days later -> standing shows it. TCM (seed 000): strata of 10 from claims, cap 30, first review
is technical assistance -> no action plan.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models import AuditEvent, Deadline, Notice, ReviewRecord
from oversight_db.sampling import SamplingFrame, load_frame
from oversight_domain.sampling import draw_sample
from oversight_domain.tools import load_tool
from tests.api.reviews_world import Clock, ecm_frame, link, tcm_frame
from tests.conftest import MakeKey, MakeOrg

ECM = load_tool("ecm-partnership")
TCM = load_tool("nc-tcm-monitoring")


def record_elements(tool: Any) -> list[str]:
    return [e.key for e in tool.record_elements]


def provider_elements(tool: Any) -> list[str]:
    return [e.key for e in tool.provider_elements]


async def sampled_records(
    client: httpx.AsyncClient, review_id: str, headers: dict[str, str]
) -> list[dict[str, Any]]:
    r = await client.get(f"/v1/reviews/{review_id}/records", params={"status": "sampled"}, headers=headers)
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


async def put_findings(
    client: httpx.AsyncClient, review_id: str, headers: dict[str, str], items: list[dict[str, Any]]
) -> httpx.Response:
    etag = (await client.get(f"/v1/reviews/{review_id}", headers=headers)).headers["etag"]
    return await client.put(
        f"/v1/reviews/{review_id}/findings", json=items, headers={**headers, "If-Match": etag}
    )


async def test_ecm_path_expansion_scorecard_finalize_pip_standing(
    rclient: httpx.AsyncClient,
    clock: Clock,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
) -> None:
    plan = await make_org("plan", jurisdiction="US-CA")
    provider = await make_org("provider", jurisdiction="US-CA")
    await link(session, plan, provider, "ecm")
    await ecm_frame(session, plan, provider, 30)
    reviewer = await auth_headers(plan, "reviewer")
    provider_headers = await auth_headers(provider, "provider")
    scheduled = clock.today + timedelta(days=30)

    r = await rclient.post(
        "/v1/reviews",
        json={
            "provider_id": str(provider.id),
            "tool_key": "ecm-partnership",
            "purpose": "monitoring",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "scheduled_for": scheduled.isoformat(),
        },
        headers=reviewer,
    )
    assert r.status_code == 201, r.text
    review = r.json()
    review_id = review["id"]
    assert review["status"] == "scheduled" and review["technical_assistance"] is False
    assert r.headers["etag"] == '"1"'
    notice = await session.scalar(
        select(Notice).where(Notice.subject_id == uuid.UUID(review_id), Notice.kind == "review_scheduled")
    )
    assert notice is not None and notice.recipient_organization_id == provider.id
    assert notice.data["scheduled_for"] == scheduled.isoformat() and "access_needed" in notice.data

    # The review day: draw 8 records from the 30 enrolled members (seed 003).
    clock.today = scheduled
    r = await rclient.post(f"/v1/reviews/{review_id}/samples", json={"seed": "ecm-path"}, headers=reviewer)
    assert r.status_code == 201, r.text
    draw1 = r.json()
    assert (draw1["draw_number"], draw1["frame_size"], draw1["sampled"]) == (1, 30, 8)
    assert draw1["quotas"] == {"all": 8} and draw1["strata_sizes"] == {"all": 30}
    # Nothing failed yet (nothing answered), so no expansion draw is due.
    r = await rclient.post(f"/v1/reviews/{review_id}/samples", json={}, headers=reviewer)
    assert r.status_code == 409 and r.json()["type"].endswith("no-draw-due")

    first = await sampled_records(rclient, review_id, reviewer)
    assert len(first) == 8 and all(rec["member"]["member_number"] for rec in first)
    phi_reads = await session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "review.records_read")
    )
    assert phi_reads == 1

    # Record 1 fails: "no" on the four assessment & care plan elements -> 12/16 = 75% < 80%.
    failing = first[0]["id"]
    cp = [e.key for e in ECM.sections[1].elements]
    valid_roi = "cp.valid_roi"
    # Answer all provider-level elements and the first draw.
    items: list[dict[str, Any]] = []
    for key in provider_elements(ECM):
        answer = {"qm.member_experience_surveys": "na", "qm.peer_sharing_support": "no"}.get(key, "yes")
        items.append({"element_key": key, "answer": answer})
    roi_no = {rec["id"] for rec in first[1:6]}  # five more records miss a valid ROI (1 no of 16 each)
    for rec in first:
        for key in record_elements(ECM):
            no = (rec["id"] == failing and key in cp) or (rec["id"] in roi_no and key == valid_roi)
            items.append({"record_id": rec["id"], "element_key": key, "answer": "no" if no else "yes"})
    r = await put_findings(rclient, review_id, reviewer, items)
    assert r.status_code == 200, r.text

    card = (await rclient.get(f"/v1/reviews/{review_id}/scorecard", headers=reviewer)).json()
    assert card["expansion_required"] is True
    assert [rec["record_id"] for rec in card["records"] if rec["failed"]] == [failing]
    etag = (await rclient.get(f"/v1/reviews/{review_id}", headers=reviewer)).headers["etag"]
    r = await rclient.post(f"/v1/reviews/{review_id}/finalize", headers={**reviewer, "If-Match": etag})
    assert r.status_code == 422 and r.json()["type"].endswith("expansion-due")

    # "If any of the first 8 pulled fails, another 8 records will be pulled" (seed 003).
    r = await rclient.post(f"/v1/reviews/{review_id}/samples", json={}, headers=reviewer)
    assert r.status_code == 201, r.text
    draw2 = r.json()
    assert (draw2["draw_number"], draw2["sampled"], draw2["seed"]) == (2, 8, "ecm-path")
    # The expansion draws from every member not in the sample yet, the first draw's 8 unused reserves
    # included (issue 14): 30 - 8 = 22 offered, 8 sampled and the next 8 held in reserve.
    assert draw2["strata_sizes"] == {"all": 22} and draw2["reserve"] == 8
    assert (draw2["requested"], draw2["available"], draw2["limited_by_frame"]) == (8, 22, False)
    everyone = await sampled_records(rclient, review_id, reviewer)
    second = [rec for rec in everyone if rec["draw_number"] == 2]
    assert len(everyone) == 16 and len(second) == 8
    # Draw-2 records: four more miss a valid ROI.
    roi_no2 = {rec["id"] for rec in second[:4]}
    items = [
        {
            "record_id": rec["id"],
            "element_key": key,
            "answer": "no" if rec["id"] in roi_no2 and key == valid_roi else "yes",
        }
        for rec in second
        for key in record_elements(ECM)
    ]
    r = await put_findings(rclient, review_id, reviewer, items)
    assert r.status_code == 200, r.text

    # By hand: 16 records x 16 record-level points = 256, 13 "no" (4 on record 1, 9 missing ROIs);
    # provider level: 13 elements, 1 N/A, 1 no -> 12 possible, 11 yes.
    # Total 254 / 268 = 0.94776 -> 94.8% (>= 90%), but Comprehensive Assessment and Care Plan:
    # 16 x 4 = 64 possible, 13 no -> 51 / 64 = 0.796875 < 80% -> conditional pass, section needs a PIP.
    card = (await rclient.get(f"/v1/reviews/{review_id}/scorecard", headers=reviewer)).json()
    assert card["total"] == {"yes_points": 254, "possible_points": 268, "score": 0.9478}
    sections = {s["key"]: s for s in card["sections"]}
    assert sections["assessment_care_plan"] == {
        "key": "assessment_care_plan",
        "title": ECM.sections[1].title,
        "yes_points": 51,
        "no_points": 13,
        "na_count": 0,
        "score": 0.7969,
    }
    assert sections["quality_monitoring_reports"]["score"] == 0.8333  # 5 / 6, one N/A
    assert sections["quality_monitoring_reports"]["na_count"] == 1
    assert sections["outreach_engagement"]["score"] == 1.0
    assert card["outcome"] == "conditional_pass"
    assert card["sections_requiring_action"] == ["assessment_care_plan"]
    assert card["expansion_required"] is False and card["unanswered"] == []
    scores = {rec["record_id"]: rec for rec in card["records"]}
    assert scores[failing] == {"record_id": failing, "score": 0.75, "failed": True}
    assert sum(rec["failed"] for rec in card["records"]) == 1

    etag = (await rclient.get(f"/v1/reviews/{review_id}", headers=reviewer)).headers["etag"]
    r = await rclient.post(f"/v1/reviews/{review_id}/finalize", headers={**reviewer, "If-Match": etag})
    assert r.status_code == 200, r.text
    final = r.json()
    assert final["review"]["status"] == "finalized"
    assert final["review"]["next_review_due"] == "2028-04-01"  # every other year (seed 003)
    assert final["scorecard"]["final"] is True
    plan_id = final["action_plan_id"]
    assert plan_id is not None

    # The PIP: 90 calendar days from the review's finalization (seed 003).
    r = await rclient.get(f"/v1/action-plans/{plan_id}", headers=provider_headers)
    assert r.status_code == 200, r.text
    pip = r.json()
    assert (pip["kind"], pip["status"], pip["issued_on"], pip["due_on"]) == (
        "pip",
        "pip_open",
        "2026-04-01",
        "2026-06-30",
    )
    deadlines = {
        (d.kind, d.due_on)
        for d in await session.scalars(select(Deadline).where(Deadline.subject_id == uuid.UUID(plan_id)))
    }
    assert deadlines == {
        ("action_plan_overdue", date(2026, 7, 1)),
        ("action_plan_reminder", date(2026, 6, 16)),
        ("action_plan_reminder", date(2026, 6, 23)),
        ("action_plan_reminder", date(2026, 6, 29)),
    }
    result_notice = await session.scalar(
        select(Notice).where(Notice.subject_id == uuid.UUID(review_id), Notice.kind == "review_result")
    )
    assert result_notice is not None and result_notice.data["outcome"] == "conditional_pass"
    assert result_notice.data["total_percent"] == "94.8"

    for headers in (reviewer, provider_headers):
        r = await rclient.get(f"/v1/providers/{provider.id}/standing", headers=headers)
        assert r.status_code == 200, r.text
        assert r.json() == {
            "provider_id": str(provider.id),
            "status": "pip",
            "can_enroll_members": True,
            "can_submit_authorizations": True,
            "open_action_plans": 1,
            "next_review_due": "2028-04-01",
        }

    # Frozen: later writes are refused and the snapshot stays.
    etag = (await rclient.get(f"/v1/reviews/{review_id}", headers=reviewer)).headers["etag"]
    r = await rclient.put(
        f"/v1/reviews/{review_id}/findings",
        json=[{"element_key": "hp.identify_build_networks", "answer": "no"}],
        headers={**reviewer, "If-Match": etag},
    )
    assert r.status_code == 409 and r.json()["type"].endswith("review-finalized")
    r = await rclient.post(f"/v1/reviews/{review_id}/samples", json={}, headers=reviewer)
    assert r.status_code == 409


async def test_tcm_path_strata_cap_and_technical_assistance(
    rclient: httpx.AsyncClient,
    clock: Clock,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    session: AsyncSession,
) -> None:
    plan = await make_org("plan")
    provider = await make_org("provider")
    await link(session, plan, provider, "tcm")
    frame = await tcm_frame(session, plan, provider, {"A": 15, "B": 12, "C": 5, "D": 14})
    reviewer = await auth_headers(plan, "reviewer")

    # Seed 000: 28 days' notice.
    body = {
        "provider_id": str(provider.id),
        "tool_key": "nc-tcm-monitoring",
        "purpose": "initial",
        "period_start": "2025-04-01",
        "period_end": "2025-09-30",
        "scheduled_for": (clock.today + timedelta(days=27)).isoformat(),
    }
    r = await rclient.post("/v1/reviews", json=body, headers=reviewer)
    assert r.status_code == 422 and r.json()["type"].endswith("notice-period")
    assert r.json()["earliest_allowed"] == (clock.today + timedelta(days=28)).isoformat()
    body["scheduled_for"] = (clock.today + timedelta(days=28)).isoformat()
    r = await rclient.post("/v1/reviews", json=body, headers=reviewer)
    assert r.status_code == 201, r.text
    review_id = r.json()["id"]
    assert r.json()["technical_assistance"] is True  # first review with the tool (seed 000)

    r = await rclient.post(f"/v1/reviews/{review_id}/samples", json={"seed": "tcm-path"}, headers=reviewer)
    assert r.status_code == 201, r.text
    draw = r.json()
    # 10 per population segment, capped at 30: A=15, B=12, C=5, D=14 want 10+10+5+10 = 35 > 30.
    # Equal shares of 30: 7 each (C takes its 5), then 1 more each to A, B, D, then the last one to the
    # largest segment A -> A=9, B=8, C=5, D=8.
    assert draw["strata_sizes"] == {"A": 15, "B": 12, "C": 5, "D": 14}
    assert draw["quotas"] == {"A": 9, "B": 8, "C": 5, "D": 8}
    assert (draw["frame_size"], draw["sampled"]) == (46, 30)

    # The SQL draw picked exactly what the domain's Python draw picks for the same frame and seed.
    py_frame = await load_frame(
        session, SamplingFrame("tcm", plan.id, provider.id, date(2025, 4, 1), date(2025, 9, 30))
    )
    assert sorted(m for m, _ in py_frame) == sorted(str(m) for m in frame.member_ids)
    selection = draw_sample(py_frame, TCM.policies.sampling, "tcm-path")
    rows = (
        await session.scalars(select(ReviewRecord).where(ReviewRecord.review_id == uuid.UUID(review_id)))
    ).all()
    by_status = {
        status: {(r.stratum, r.position, str(r.member_id)) for r in rows if r.status == status}
        for status in ("sampled", "reserve")
    }
    assert by_status["sampled"] == {(m.stratum, m.position, m.member_id) for m in selection.selected}
    assert by_status["reserve"] == {(m.stratum, m.position, m.member_id) for m in selection.oversample}

    records = await sampled_records(rclient, review_id, reviewer)
    items: list[dict[str, Any]] = [{"element_key": k, "answer": "no"} for k in provider_elements(TCM)]
    items += [
        {"record_id": rec["id"], "element_key": k, "answer": "no"}
        for rec in records
        for k in record_elements(TCM)
    ]
    etag = (await rclient.get(f"/v1/reviews/{review_id}", headers=reviewer)).headers["etag"]
    r = await rclient.put(
        f"/v1/reviews/{review_id}/findings", json=items, headers={**reviewer, "If-Match": etag}
    )
    assert r.status_code == 200, r.text
    card = (await rclient.get(f"/v1/reviews/{review_id}/scorecard", headers=reviewer)).json()
    assert card["outcome"] == "pip" and card["total"]["score"] == 0.0
    assert card["expansion_required"] is False  # the NC tool has no expansion draw

    r = await rclient.post(
        f"/v1/reviews/{review_id}/finalize", headers={**reviewer, "If-Match": r.headers["etag"]}
    )
    assert r.status_code == 200, r.text
    assert r.json()["action_plan_id"] is None  # technical assistance: no corrective action (seed 000)
    r = await rclient.get("/v1/action-plans", params={"provider_id": str(provider.id)}, headers=reviewer)
    assert r.json()["items"] == []
    standing = (await rclient.get(f"/v1/providers/{provider.id}/standing", headers=reviewer)).json()
    assert standing["status"] == "good" and standing["open_action_plans"] == 0

    # The provider's next review with the tool is not technical assistance any more.
    body["scheduled_for"] = (clock.today + timedelta(days=60)).isoformat()
    r = await rclient.post("/v1/reviews", json=body, headers=reviewer)
    assert r.status_code == 201 and r.json()["technical_assistance"] is False
