"""Evidence documents through the API, with S3 played by moto's server mode (real HTTP uploads and
downloads): request -> presigned POST -> completion (a wrong sha256 refused, the right one accepted) ->
an audited download -> another plan's provider sees nothing -> the worker deletes an expired document."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models import AuditEvent, Document, Notice, Review
from oversight_worker.context import WorkerResources
from oversight_worker.documents import purge_documents
from tests.api.documents_world import S3World, ecm_review, sha256
from tests.api.reviews_world import TODAY
from tests.conftest import MakeKey, MakeOrg

PDF = b"%PDF-1.7\n" + b"care plan goals and progress\n" * 2000 + b"%%EOF\n"


async def _post_to_s3(upload: dict[str, Any], content: bytes) -> httpx.Response:
    """What a browser or partner platform does with a presigned POST: the form fields, then the file."""
    assert upload["method"] == "POST"
    async with httpx.AsyncClient() as s3:
        return await s3.post(upload["url"], data=upload["fields"], files={"file": ("upload.bin", content)})


async def test_request_upload_verify_download_tenancy_and_retention(
    s3client: httpx.AsyncClient,
    s3_resources: S3World,
    session: AsyncSession,
    make_org: MakeOrg,
    auth_headers: MakeKey,
) -> None:
    world = await ecm_review(s3client, session, make_org, auth_headers)
    record = world.records[0]

    # 1. The reviewer asks for the member's care plan; it is due 10 business days before the review.
    r = await s3client.post(
        f"/v1/reviews/{world.review_id}/document-requests",
        json={"kind": "care_plan", "record_id": record["id"], "element_key": "cp.care_plan_goals"},
        headers=world.reviewer,
    )
    assert r.status_code == 201, r.text
    request = r.json()
    assert request["outstanding"] and request["level"] == "record"
    # The review is on Monday 2026-04-06; 10 California business days before (31 March, Cesar Chavez Day,
    # is a state holiday) is Friday 2026-03-20.
    assert request["due_on"] == "2026-03-20"
    notice = await session.scalar(
        select(Notice).where(Notice.kind == "document_request", Notice.subject_id == uuid.UUID(request["id"]))
    )
    assert notice is not None and notice.recipient_organization_id == world.provider.id
    assert record["member"]["last_name"] not in str(notice.data)

    # 2. The provider asks to upload, declaring a sha256 that the bytes it then sends do not have.
    declared = {"file_name": "scan 0042.pdf", "size": len(PDF), "content_type": "application/pdf"}
    tampered = PDF.replace(b"goals", b"GOALS", 1)
    r = await s3client.post(
        f"/v1/document-requests/{request['id']}/uploads",
        json={**declared, "sha256": sha256(PDF)},
        headers=world.provider_key,
    )
    assert r.status_code == 201, r.text
    first = r.json()
    assert first["document"]["version_number"] == 1 and first["document"]["status"] == "pending"
    # The key in the URL and form is opaque: no member name or CIN.
    assert record["member"]["member_number"] not in first["upload"]["url"]
    assert record["member"]["member_number"] not in first["upload"]["fields"]["key"]
    assert (await _post_to_s3(first["upload"], tampered)).status_code in {200, 201, 204}

    r = await s3client.post(f"/v1/documents/{first['document']['id']}/complete", headers=world.provider_key)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["type"].endswith("document-checksum-mismatch")

    # 3. A second version with the right bytes is accepted and named Last NameCIN (seed 003).
    r = await s3client.post(
        f"/v1/document-requests/{request['id']}/uploads",
        json={**declared, "sha256": sha256(PDF)},
        headers=world.provider_key,
    )
    second = r.json()
    assert second["document"]["version_number"] == 2
    assert (await _post_to_s3(second["upload"], PDF)).status_code in {200, 201, 204}
    r = await s3client.post(f"/v1/documents/{second['document']['id']}/complete", headers=world.provider_key)
    assert r.status_code == 200, r.text
    doc = r.json()
    expected_name = f"{record['member']['last_name']}{record['member']['member_number']}.pdf"
    assert doc["status"] == "available" and doc["content_type"] == "application/pdf"
    assert doc["stored_name"] == expected_name and doc["original_name"] == "scan 0042.pdf"

    r = await s3client.get(f"/v1/reviews/{world.review_id}/document-requests", headers=world.reviewer)
    listed = r.json()["items"][0]
    assert not listed["outstanding"] and listed["status"] == "fulfilled"
    assert [d["status"] for d in listed["documents"]] == ["rejected", "available"]

    # 4. The reviewer downloads it: a short-lived URL (no member data in it), an audit event, the bytes.
    r = await s3client.post(f"/v1/documents/{doc['id']}/download", headers=world.reviewer)
    assert r.status_code == 200, r.text
    download = r.json()
    assert download["file_name"] == expected_name
    assert record["member"]["last_name"] not in download["url"]
    assert record["member"]["member_number"] not in download["url"]
    async with httpx.AsyncClient() as s3:
        got = await s3.get(download["url"])
    assert got.status_code == 200 and got.content == PDF
    assert expected_name in got.headers["content-disposition"]
    audited = await session.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "document.download_issued", AuditEvent.entity_id == doc["id"]
        )
    )
    assert audited is not None and audited.organization_id == world.plan.id
    assert record["member"]["last_name"] not in str(audited.changes)

    # A viewer (no member data) cannot download; the provider of another plan sees none of it.
    viewer = await auth_headers(world.plan, "viewer")
    assert (await s3client.post(f"/v1/documents/{doc['id']}/download", headers=viewer)).status_code == 403
    other_plan = await make_org("plan", jurisdiction="US-CA")
    other_provider = await make_org("provider", jurisdiction="US-CA")
    from tests.api.reviews_world import link

    await link(session, other_plan, other_provider, "ecm")
    outsider = await auth_headers(other_provider, "provider")
    for method, url in [
        ("POST", f"/v1/documents/{doc['id']}/download"),
        ("POST", f"/v1/documents/{first['document']['id']}/complete"),
        ("GET", f"/v1/document-requests/{request['id']}"),
        ("POST", f"/v1/document-requests/{request['id']}/uploads"),
        ("GET", f"/v1/reviews/{world.review_id}/document-requests"),
    ]:
        body = {**declared, "sha256": sha256(PDF)} if url.endswith("/uploads") else None
        r = await s3client.request(method, url, headers=outsider, json=body)
        assert r.status_code == 404, (method, url, r.status_code, r.text)

    # 5. Retention: the review was finalized 11 years ago; the worker deletes the objects and records it.
    await session.execute(
        update(Review)
        .where(Review.id == uuid.UUID(world.review_id))
        .values(status="finalized", finalized_at=datetime(2015, 1, 5, tzinfo=UTC))
    )
    await session.flush()
    worker = WorkerResources(
        settings=s3_resources.resources.settings,
        engine=s3_resources.resources.engine,
        sessions=s3_resources.resources.sessions,
        blobs=s3_resources.blobs,
        worker_id="test-worker",
        today=lambda: TODAY,
    )
    try:
        deleted = await purge_documents({"resources": worker})
    finally:
        await worker.webhooks.aclose()
    assert deleted == 2  # both versions (the rejected one's upload was already discarded)
    assert not await s3_resources.blobs.exists(f"documents/{doc['id']}")
    session.expire_all()
    gone = await session.get(Document, uuid.UUID(doc["id"]))
    assert gone is not None and gone.status == "deleted" and gone.deleted_at is not None
    recorded = await session.scalar(
        select(AuditEvent).where(AuditEvent.action == "document.deleted", AuditEvent.entity_id == doc["id"])
    )
    assert recorded is not None
    r = await s3client.post(f"/v1/documents/{doc['id']}/download", headers=world.reviewer)
    assert r.status_code == 409
    assert date.today() >= TODAY  # the pinned day is the past: nothing above depends on the real clock
