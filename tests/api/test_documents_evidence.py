"""Evidence put to use, through the API with S3 played by moto's server mode: the "Valid ROI" suggestion
(seed 003), findings citing documents (listed on findings reads and in the scorecard), and documents a
provider attaches to its dispute."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models import AuditEvent, Dispute, Review
from tests.api.documents_world import (
    PDF_BYTES,
    ReviewWorld,
    ecm_review,
    request_document,
    upload_and_complete,
)
from tests.api.reviews_world import TODAY, link
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

    # The findings export lists the same evidence, labelled without file names.
    r = await s3client.get(f"/v1/reviews/{world.review_id}/findings/export", headers=world.reviewer)
    assert r.status_code == 200, r.text
    exported = {row["Element key"]: row["Evidence cited"] for row in csv.DictReader(io.StringIO(r.text))}
    assert exported["cp.care_plans_goal_progress"] == "Care plan v1, p. 2-4, 7"
    assert exported["oe.multiple_strategies"] == "Policy or procedure v1"
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


async def _open_dispute(session: AsyncSession, world: ReviewWorld, *, with_review: bool = True) -> str:
    """A provider's open dispute, written as a row (filing itself is tested with the disputes)."""
    review = await session.get(Review, uuid.UUID(world.review_id))
    assert review is not None
    dispute = Dispute(
        id=uuid.uuid4(),
        plan_id=world.plan.id,
        provider_id=world.provider.id,
        subject="review_result" if with_review else "cap",
        review_id=review.id if with_review else None,
        tool_version_id=review.tool_version_id,
        received_on=TODAY,
        window_closes_on=TODAY + timedelta(days=21),
        filed_on=TODAY,
        reason="The care plan was updated in time; see the attached file.",
        evidence=[],
        status="open",
        decision_due_on=TODAY + timedelta(days=30),
        changes={},
        filed_by="provider",
    )
    session.add(dispute)
    await session.flush()
    return str(dispute.id)


async def test_a_provider_attaches_documents_to_its_dispute_and_the_plan_reads_them(
    s3client: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    world = await ecm_review(s3client, session, make_org, auth_headers)
    dispute_id = await _open_dispute(session, world)
    dispute_url = f"/v1/disputes/{dispute_id}"
    read_before = (await s3client.get(dispute_url, headers=world.admin)).headers["etag"]

    content = PDF_BYTES.replace(b"member file page", b"updated care plan", 1)
    doc = await upload_and_complete(s3client, f"{dispute_url}/documents", world.provider_key, content=content)
    assert doc["status"] == "available" and doc["stored_name"] == "Dispute evidence - scan.pdf"

    # The plan deciding sees it and downloads it (an audited read); a decision on what it read before
    # the document arrived is stale.
    r = await s3client.get(f"{dispute_url}/documents", headers=world.admin)
    assert r.status_code == 200, r.text
    assert [(d["id"], d["status"]) for d in r.json()["items"]] == [(doc["id"], "available")]
    r = await s3client.post(f"/v1/documents/{doc['id']}/download", headers=world.admin)
    assert r.status_code == 200, r.text
    async with httpx.AsyncClient() as s3:
        assert (await s3.get(r.json()["url"])).content == content
    audited = await session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "dispute.document_added", AuditEvent.entity_id == dispute_id
        )
    )
    assert audited is not None and audited.organization_id == world.plan.id
    decision = {"decision": "upheld", "comment": "The file does not change the finding."}
    r = await s3client.post(
        f"{dispute_url}/decision", json=decision, headers={**world.admin, "If-Match": read_before}
    )
    assert r.status_code == 412

    # Dispute evidence is not something the review is waiting for.
    r = await s3client.get(f"/v1/reviews/{world.review_id}/document-requests", headers=world.reviewer)
    assert r.json()["items"] == []

    # Outsiders: another provider cannot attach, another plan cannot list (both 404).
    other_plan = await make_org("plan", jurisdiction="US-CA")
    other_provider = await make_org("provider", jurisdiction="US-CA")
    await link(session, other_plan, other_provider, "ecm")
    upload = {"file_name": "x.pdf", "size": 10, "content_type": "application/pdf", "sha256": "0" * 64}
    r = await s3client.post(
        f"{dispute_url}/documents", json=upload, headers=await auth_headers(other_provider, "provider")
    )
    assert r.status_code == 404
    r = await s3client.get(f"{dispute_url}/documents", headers=await auth_headers(other_plan, "plan_admin"))
    assert r.status_code == 404

    # An ROI's dates mean nothing on dispute evidence; once decided, the dispute takes no more files.
    r = await s3client.post(
        f"{dispute_url}/documents",
        json=upload | {"roi": {"authorizes": "x", "effective_on": "2025-01-01"}},
        headers=world.provider_key,
    )
    assert r.status_code == 422 and r.json()["errors"][0]["path"] == "roi"
    etag = (await s3client.get(dispute_url, headers=world.admin)).headers["etag"]
    r = await s3client.post(
        f"{dispute_url}/decision", json=decision, headers={**world.admin, "If-Match": etag}
    )
    assert r.status_code == 200, r.text
    r = await s3client.post(f"{dispute_url}/documents", json=upload, headers=world.provider_key)
    assert r.status_code == 409 and r.json()["type"].endswith("dispute-decided")


async def test_a_dispute_without_a_review_takes_documents_too(
    s3client: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    """A dispute of an action plan recorded before Oversight has no review; its files belong to it alone."""
    world = await ecm_review(s3client, session, make_org, auth_headers)
    dispute_id = await _open_dispute(session, world, with_review=False)
    doc = await upload_and_complete(s3client, f"/v1/disputes/{dispute_id}/documents", world.provider_key)
    r = await s3client.get(f"/v1/disputes/{dispute_id}/documents", headers=world.admin)
    assert [d["id"] for d in r.json()["items"]] == [doc["id"]]
