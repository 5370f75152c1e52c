"""A finalized ECM review (seed 003) built through the API, for the report tests and the benchmark.

The same review as ``test_review_paths``' ECM path: 8 records, record 1 fails, the expansion draws 8 more
(16 in all); total 254/268 = 94.8% with Comprehensive Assessment and Care Plan at 51/64 = 79.7%: a
conditional pass with a PIP. Members carry gender and plan code, and some a second, later enrollment (the
records reference shows the more recent date, seed 003).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models import Enrollment, Member, Organization, ProviderSite
from oversight_domain.tools import load_tool
from tests.api.reviews_world import Clock, ecm_frame, link

ECM = load_tool("ecm-partnership")
LATER_ENROLLMENT = date(2025, 6, 1)


@dataclass
class FinalizedReview:
    plan: Organization
    provider: Organization
    review_id: str
    reviewer: dict[str, str]
    scorecard: dict[str, Any]
    member_numbers: list[str]
    corrected_on: str


def _ok(r: httpx.Response) -> dict[str, Any]:
    assert r.is_success, f"{r.request.method} {r.request.url.path}: {r.status_code} {r.text}"
    body: dict[str, Any] = r.json()
    return body


async def _put(client: httpx.AsyncClient, review_id: str, headers: dict[str, str], items: list[Any]) -> None:
    etag = (await client.get(f"/v1/reviews/{review_id}", headers=headers)).headers["etag"]
    _ok(
        await client.put(
            f"/v1/reviews/{review_id}/findings", json=items, headers={**headers, "If-Match": etag}
        )
    )


async def finalized_ecm_review(
    client: httpx.AsyncClient,
    session: AsyncSession,
    clock: Clock,
    plan: Organization,
    provider: Organization,
    reviewer: dict[str, str],
) -> FinalizedReview:
    await link(session, plan, provider, "ecm")
    frame = await ecm_frame(session, plan, provider, 30)
    members = (await session.scalars(select(Member).where(Member.id.in_(frame.member_ids)))).all()
    for i, m in enumerate(members):
        m.gender = "F" if i % 2 else "M"
        m.plan_code = f"PC{i % 3}"
        if i % 2:  # assigned again later: the more recent date is the one the reference shows
            session.add(
                Enrollment(
                    member_id=m.id, plan_id=plan.id, provider_id=provider.id, program="ecm",
                    status="enrolled", start_date=LATER_ENROLLMENT, population="adults_high_utilizers",
                )
            )  # fmt: skip
    provider.settings = {"emails": ["ecm-lead@redwood.example"]}
    session.add(
        ProviderSite(
            provider_id=provider.id, owner_id=provider.id, name="Main", address_line="1 Redwood Way",
            city="Santa Rosa", state="CA", postal_code="95401",
        )
    )  # fmt: skip
    await session.flush()
    scheduled = clock.today + timedelta(days=30)
    review = _ok(
        await client.post(
            "/v1/reviews",
            json={
                "provider_id": str(provider.id), "tool_key": "ecm-partnership", "purpose": "monitoring",
                "period_start": "2025-01-01", "period_end": "2025-12-31",
                "scheduled_for": scheduled.isoformat(),
                "populations_of_focus": ["adults_high_utilizers", "Adults - SMH and/or SUD"],
            },
            headers=reviewer,
        )
    )  # fmt: skip
    review_id = review["id"]
    clock.today = scheduled
    _ok(await client.post(f"/v1/reviews/{review_id}/samples", json={"seed": "ecm-report"}, headers=reviewer))
    first = await client.get(
        f"/v1/reviews/{review_id}/records", params={"status": "sampled"}, headers=reviewer
    )
    first_items = first.json()["items"]
    failing = first_items[0]["id"]
    cp = {e.key for e in ECM.sections[1].elements}
    items: list[dict[str, Any]] = []
    for e in ECM.provider_elements:
        answer = {"qm.member_experience_surveys": "na", "qm.peer_sharing_support": "no"}.get(e.key, "yes")
        item: dict[str, Any] = {"element_key": e.key, "answer": answer}
        if answer == "no":
            item |= {
                "comment": "Peer sharing not held",
                "correction_required": True,
                "corrected_on": "2026-05-01",
            }
        items.append(item)
    roi_no = {rec["id"] for rec in first_items[1:6]}
    for rec in first_items:
        for e in ECM.record_elements:
            no = (rec["id"] == failing and e.key in cp) or (rec["id"] in roi_no and e.key == "cp.valid_roi")
            items.append({"record_id": rec["id"], "element_key": e.key, "answer": "no" if no else "yes"})
    await _put(client, review_id, reviewer, items)
    _ok(await client.post(f"/v1/reviews/{review_id}/samples", json={}, headers=reviewer))
    everyone = (
        await client.get(f"/v1/reviews/{review_id}/records", params={"status": "sampled"}, headers=reviewer)
    ).json()["items"]
    second = [rec for rec in everyone if rec["draw_number"] == 2]
    roi_no2 = {rec["id"] for rec in second[:4]}
    await _put(
        client,
        review_id,
        reviewer,
        [
            {"record_id": rec["id"], "element_key": e.key,
             "answer": "no" if rec["id"] in roi_no2 and e.key == "cp.valid_roi" else "yes"}
            for rec in second
            for e in ECM.record_elements
        ],
    )  # fmt: skip
    etag = (await client.get(f"/v1/reviews/{review_id}", headers=reviewer)).headers["etag"]
    final = _ok(
        await client.post(f"/v1/reviews/{review_id}/finalize", headers={**reviewer, "If-Match": etag})
    )
    return FinalizedReview(
        plan=plan,
        provider=provider,
        review_id=review_id,
        reviewer=reviewer,
        scorecard=final["scorecard"],
        member_numbers=[rec["member"]["member_number"] for rec in everyone],
        corrected_on="2026-05-01",
    )
