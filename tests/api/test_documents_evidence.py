"""Evidence put to use, through the API with S3 played by moto's server mode: the "Valid ROI" suggestion
(seed 003), findings citing documents (listed on findings reads and in the scorecard), and documents a
provider attaches to its dispute."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.documents_world import ReviewWorld, ecm_review, request_document, upload_and_complete
from tests.conftest import MakeKey, MakeOrg


async def _roi(
    client: httpx.AsyncClient, world: ReviewWorld, record_id: str, roi: dict[str, Any]
) -> dict[str, Any]:
    request = await request_document(client, world, "roi", record_id)
    return await upload_and_complete(
        client, f"/v1/document-requests/{request['id']}/uploads", world.provider_key, roi=roi
    )


async def test_roi_check_suggests_and_the_reviewer_confirms(
    s3client: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    world = await ecm_review(s3client, session, make_org, auth_headers)  # period 2025-01-01..2025-12-31
    covered, expired, missing = (r["id"] for r in world.records[:3])
    good = await _roi(s3client, world, covered, {"authorizes": "ECM care team", "effective_on": "2024-06-01"})
    lapsed = await _roi(
        s3client,
        world,
        expired,
        {"authorizes": "ECM care team", "effective_on": "2024-06-01", "expires_on": "2025-06-30"},
    )

    r = await s3client.get(f"/v1/reviews/{world.review_id}/roi-check", headers=world.reviewer)
    assert r.status_code == 200, r.text
    check = r.json()
    assert (check["period_start"], check["period_end"]) == ("2025-01-01", "2025-12-31")
    by_record = {i["record_id"]: i for i in check["items"]}
    assert len(by_record) == len(world.records)  # one "Valid ROI" item per sampled record
    assert by_record[covered]["element_key"] == "cp.valid_roi"
    assert by_record[covered]["suggested_answer"] == "yes" and by_record[covered]["document_id"] == good["id"]
    assert (
        by_record[expired]["suggested_answer"] == "no" and by_record[expired]["document_id"] == lapsed["id"]
    )
    assert "expired before the period under review ended" in by_record[expired]["reason"]
    assert by_record[missing]["suggested_answer"] == "no" and by_record[missing]["document_id"] is None
    assert all(i["current_answer"] is None for i in check["items"])

    # A suggestion, never an answer: the findings hold nothing until the reviewer answers the element.
    r = await s3client.get(f"/v1/reviews/{world.review_id}/findings", headers=world.reviewer)
    assert r.json()["items"] == []
    r = await s3client.put(
        f"/v1/reviews/{world.review_id}/findings",
        json=[{"record_id": covered, "element_key": "cp.valid_roi", "answer": "yes"}],
        headers={**world.reviewer, "If-Match": r.headers["etag"]},
    )
    assert r.status_code == 200, r.text
    r = await s3client.get(f"/v1/reviews/{world.review_id}/roi-check", headers=world.reviewer)
    answered = {i["record_id"]: i["current_answer"] for i in r.json()["items"]}
    assert answered[covered] == "yes" and answered[expired] is None

    # Another plan's reviewer: the review does not exist for it.
    other = await make_org("plan", jurisdiction="US-CA")
    outsider = await auth_headers(other, "reviewer")
    r = await s3client.get(f"/v1/reviews/{world.review_id}/roi-check", headers=outsider)
    assert r.status_code == 404
