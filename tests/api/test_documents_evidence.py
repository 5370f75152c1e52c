"""Evidence put to use, through the API with S3 played by moto's server mode: the "Valid ROI" suggestion
(seed 003), findings citing documents (listed on findings reads and in the scorecard), and documents a
provider attaches to its dispute."""

from __future__ import annotations

import uuid
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


async def test_findings_cite_documents_listed_on_findings_and_scorecard(
    s3client: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    world = await ecm_review(s3client, session, make_org, auth_headers)
    record = world.records[0]["id"]
    request = await request_document(s3client, world, "care_plan", record)
    care_plan = await upload_and_complete(
        s3client, f"/v1/document-requests/{request['id']}/uploads", world.provider_key
    )
    request = await request_document(s3client, world, "policy")
    policy = await upload_and_complete(
        s3client, f"/v1/document-requests/{request['id']}/uploads", world.provider_key
    )
    # Another plan's review and document: citing it must look exactly like citing nothing.
    elsewhere = await ecm_review(s3client, session, make_org, auth_headers)
    request = await request_document(s3client, elsewhere, "care_plan", elsewhere.records[0]["id"])
    foreign = await upload_and_complete(
        s3client, f"/v1/document-requests/{request['id']}/uploads", elsewhere.provider_key
    )

    findings_url = f"/v1/reviews/{world.review_id}/findings"
    etag = (await s3client.get(findings_url, headers=world.reviewer)).headers["etag"]
    body = [
        {
            "record_id": record,
            "element_key": "cp.care_plans_goal_progress",
            "answer": "yes",
            "citations": [{"document_id": care_plan["id"], "pages": "2-4, 7"}],
        },
        {
            "element_key": "oe.multiple_strategies",
            "answer": "no",
            "citations": [{"document_id": policy["id"]}],
        },
    ]
    r = await s3client.put(findings_url, json=body, headers={**world.reviewer, "If-Match": etag})
    assert r.status_code == 200, r.text
    etag = r.headers["etag"]
    cited = {f["element_key"]: f["citations"] for f in r.json()["items"]}
    assert [
        (c["document_id"], c["document_kind"], c["version_number"], c["pages"])
        for c in cited["cp.care_plans_goal_progress"]
    ] == [(care_plan["id"], "care_plan", 1, "2-4, 7")]
    assert [c["document_id"] for c in cited["oe.multiple_strategies"]] == [policy["id"]]

    # The scorecard lists the evidence per record and element; no file name (member data) in it.
    r = await s3client.get(f"/v1/reviews/{world.review_id}/scorecard", headers=world.reviewer)
    evidence = {(e["record_id"], e["element_key"]): e for e in r.json()["evidence"]}
    assert evidence[(record, "cp.care_plans_goal_progress")]["document_id"] == care_plan["id"]
    assert evidence[(record, "cp.care_plans_goal_progress")]["pages"] == "2-4, 7"
    assert evidence[(None, "oe.multiple_strategies")]["document_kind"] == "policy"
    assert care_plan["stored_name"] not in r.text

    # Another plan's document and a made-up id are refused alike (422, nothing saved, nothing revealed).
    bad = [
        {**body[1], "answer": "yes", "citations": [{"document_id": foreign["id"]}]},
        {
            **body[1],
            "element_key": "oe.education_materials",
            "citations": [{"document_id": str(uuid.uuid4())}],
        },
    ]
    r = await s3client.put(findings_url, json=bad, headers={**world.reviewer, "If-Match": etag})
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
    errors = r.json()["errors"]
    assert [e["path"] for e in errors] == [
        "body[0].citations[0].document_id",
        "body[1].citations[0].document_id",
    ]
    assert errors[0]["message"] == errors[1]["message"] == "not an available document of this review"
    assert foreign["id"] not in r.text
    r = await s3client.get(findings_url, headers=world.reviewer)
    assert {f["element_key"]: f["answer"] for f in r.json()["items"]}["oe.multiple_strategies"] == "no"

    # Answering again without citations keeps them; an empty list removes them. Writes need the ETag.
    r = await s3client.put(
        findings_url, json=[{**body[1], "citations": None}], headers={**world.reviewer, "If-Match": etag}
    )
    assert r.status_code == 200, r.text
    assert {f["element_key"]: len(f["citations"]) for f in r.json()["items"]}["oe.multiple_strategies"] == 1
    cleared = [{**body[1], "citations": []}]
    r = await s3client.put(findings_url, json=cleared, headers={**world.reviewer, "If-Match": etag})
    assert r.status_code == 412  # the ETag read before the last write
    etag = (await s3client.get(findings_url, headers=world.reviewer)).headers["etag"]
    r = await s3client.put(findings_url, json=cleared, headers={**world.reviewer, "If-Match": etag})
    assert r.status_code == 200, r.text
    assert {f["element_key"]: f["citations"] for f in r.json()["items"]}["oe.multiple_strategies"] == []
