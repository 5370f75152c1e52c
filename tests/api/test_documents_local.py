"""Evidence documents on the local-disk store (``make run``): the API signs its own upload and download URLs
and streams the bytes; a file that is not what it claims is refused; legal holds stop the purge."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.resources import Resources
from oversight_app.documents.retention import purge_expired
from oversight_db.models import Review
from tests.api.documents_world import ecm_review, sha256
from tests.api.reviews_world import TODAY
from tests.conftest import MakeKey, MakeOrg

CSV = b"member_row,outreach_date,outcome\n1,2025-02-03,reached\n"


def _local(url: str) -> str:
    """The signed URL's path and query (the test client is the app over ASGI)."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


async def test_local_store_signed_upload_download_type_check_and_legal_hold(
    rclient: httpx.AsyncClient,
    resources: Resources,
    session: AsyncSession,
    make_org: MakeOrg,
    auth_headers: MakeKey,
) -> None:
    world = await ecm_review(rclient, session, make_org, auth_headers)
    r = await rclient.post(
        f"/v1/reviews/{world.review_id}/document-requests", json={"kind": "iot"}, headers=world.reviewer
    )
    assert r.status_code == 201, r.text
    request = r.json()
    assert request["level"] == "provider" and request["record_id"] is None

    # An executable declared as a CSV: stored, then refused at completion for its real type.
    exe = b"MZ\x90\x00" + b"\x00" * 60
    body = {"file_name": "iot.csv", "size": len(exe), "content_type": "text/csv", "sha256": sha256(exe)}
    up = (
        await rclient.post(
            f"/v1/document-requests/{request['id']}/uploads", json=body, headers=world.provider_key
        )
    ).json()
    assert up["upload"]["method"] == "PUT"
    assert (await rclient.put(_local(up["upload"]["url"]), content=exe)).status_code == 204
    r = await rclient.post(f"/v1/documents/{up['document']['id']}/complete", headers=world.provider_key)
    assert r.status_code == 422 and r.json()["type"].endswith("document-type-not-allowed")

    # A body larger than the signed size is refused while streaming; a tampered signature is a 404.
    body = {"file_name": "IOT March.csv", "size": len(CSV), "content_type": "text/csv", "sha256": sha256(CSV)}
    up = (
        await rclient.post(
            f"/v1/document-requests/{request['id']}/uploads", json=body, headers=world.provider_key
        )
    ).json()
    url = _local(up["upload"]["url"])
    assert (await rclient.put(url, content=CSV + b"extra")).status_code == 413
    forged = url.split("signature=")[0] + "signature=" + "0" * 64
    assert (await rclient.put(forged, content=CSV)).status_code == 404
    assert (await rclient.put(url, content=CSV)).status_code == 204
    r = await rclient.post(f"/v1/documents/{up['document']['id']}/complete", headers=world.provider_key)
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["version_number"] == 2 and doc["content_type"] == "text/plain"
    assert doc["stored_name"] == "Initial Outreach Tracker - IOT March.csv"

    r = await rclient.post(f"/v1/documents/{doc['id']}/download", headers=world.reviewer)
    got = await rclient.get(_local(r.json()["url"]))
    assert got.status_code == 200 and got.content == CSV
    assert "Initial Outreach Tracker" in got.headers["content-disposition"]

    # A legal hold keeps the document past its retention; released, the purge deletes it.
    await session.execute(
        update(Review)
        .where(Review.id == uuid.UUID(world.review_id))
        .values(status="finalized", finalized_at=datetime(2014, 6, 1, tzinfo=UTC))
    )
    await session.flush()
    hold = await rclient.put(
        f"/v1/reviews/{world.review_id}/legal-hold", json={"reason": "litigation"}, headers=world.admin
    )
    assert hold.status_code == 200 and hold.json()["on_hold"]
    result = await purge_expired(resources.sessions, resources.blobs, TODAY)
    assert result.deleted == 0 and result.held >= 1
    assert (await rclient.get(_local(r.json()["url"]))).status_code == 200
    assert (
        await rclient.delete(f"/v1/reviews/{world.review_id}/legal-hold", headers=world.admin)
    ).status_code == 200
    result = await purge_expired(resources.sessions, resources.blobs, TODAY)
    assert result.deleted == 2
    assert (await rclient.get(_local(r.json()["url"]))).status_code == 404
