"""The scores stored beside a review's scorecard (``review.total_score``, ``review_section_score``) are the
scorecard's, after finalization and after a dispute re-scores it, and the dashboards show them."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models import Finding, Review, ReviewSectionScore
from tests.api.reviews_world import Clock
from tests.api.test_follow_ups_disputes import OE, OE_PROVIDER, etag, failing_outreach_review, world
from tests.conftest import MakeKey, MakeOrg


async def stored(session: AsyncSession, review_id: str) -> dict[str, Any]:
    """The review's stored scores in the scorecard's shape: total, then sections in order."""
    session.expire_all()  # read what the API's transaction wrote, not this session's copies
    total = await session.scalar(select(Review.total_score).where(Review.id == uuid.UUID(review_id)))
    rows = await session.execute(
        select(ReviewSectionScore.key, ReviewSectionScore.title, ReviewSectionScore.score)
        .where(ReviewSectionScore.review_id == uuid.UUID(review_id))
        .order_by(ReviewSectionScore.position)
    )
    return {"total": total, "sections": [tuple(r) for r in rows]}


def of_scorecard(card: dict[str, Any]) -> dict[str, Any]:
    return {
        "total": card["total"]["score"],
        "sections": [(s["key"], s["title"], s["score"]) for s in card["sections"]],
    }


async def test_stored_scores_follow_finalization_and_a_dispute_rescore(
    rclient: httpx.AsyncClient, clock: Clock, make_org: MakeOrg, auth_headers: MakeKey, session: AsyncSession
) -> None:
    w = await world(session, make_org, auth_headers)
    provider_id = w.provider.id  # read before ``stored`` expires the session's objects
    final = await failing_outreach_review(rclient, w, clock)
    review_id = final["review"]["id"]
    first = final["scorecard"]
    assert await stored(session, review_id) == of_scorecard(first)
    assert next(s for s in first["sections"] if s["key"] == OE)["score"] == 0.75

    board = (await rclient.get("/v1/reports/dashboards/plan", headers=w.admin)).json()
    [row] = [p for p in board["providers"] if p["review_id"] == review_id]
    assert (row["total"], row["sections"][OE]) == (first["total"]["score"], 0.75)
    assert [t["mean_total"] for t in board["trend"]] == [first["total"]["score"]]

    # The provider disputes a failed finding; the plan overturns it: a new scorecard, and new stored scores.
    finding = await session.scalar(
        select(Finding.id).where(
            Finding.review_id == uuid.UUID(review_id), Finding.element_key == OE_PROVIDER[0]
        )
    )
    r = await rclient.post(
        "/v1/disputes",
        json={"subject": "finding", "subject_id": str(finding), "reason": "Scripts were sent."},
        headers=w.provider_headers,
    )
    assert r.status_code == 201, r.text
    dispute = r.json()["id"]
    tag = await etag(rclient, f"/v1/disputes/{dispute}", w.admin)
    r = await rclient.post(
        f"/v1/disputes/{dispute}/decision",
        json={"decision": "overturned", "comment": "Found", "amendments": [{"finding_id": str(finding), "answer": "yes"}]},
        headers={**w.admin, "If-Match": tag},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    second = (await rclient.get(f"/v1/reviews/{review_id}/scorecard", headers=w.admin)).json()
    assert second["total"]["score"] > first["total"]["score"]
    assert await stored(session, review_id) == of_scorecard(second)
    assert next(s for s in second["sections"] if s["key"] == OE)["score"] == 0.8

    board = (await rclient.get("/v1/reports/dashboards/plan", headers=w.admin)).json()
    [row] = [p for p in board["providers"] if p["review_id"] == review_id]
    assert (row["total"], row["sections"][OE], row["outcome"]) == (second["total"]["score"], 0.8, "pass")
    assert [t["mean_total"] for t in board["trend"]] == [second["total"]["score"]]
    history = (await rclient.get(f"/v1/reports/dashboards/providers/{provider_id}", headers=w.admin)).json()
    assert [(h["total"], h["sections"][OE]) for h in history["history"]] == [(second["total"]["score"], 0.8)]
