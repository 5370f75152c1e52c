"""Fixtures for evidence-document tests: the API over S3 (moto's server mode, a real HTTP endpoint) with a
pinned today, and an ECM review (seed 003) with a drawn sample."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import boto3
import httpx
import pytest_asyncio
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.app import create_app
from oversight_api.clock import today
from oversight_api.resources import Resources
from oversight_db.blobs import BlobStore, create_blob_store
from oversight_db.models import Organization
from tests.api.reviews_world import TODAY, ecm_frame, link
from tests.conftest import MakeKey, MakeOrg


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class S3World:
    blobs: BlobStore
    bucket: str
    resources: Resources


@pytest_asyncio.fixture(loop_scope="session")
async def s3_resources(resources: Resources, s3_endpoint: str) -> S3World:
    bucket = f"evidence-{uuid.uuid4().hex[:8]}"
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(Bucket=bucket)
    settings = resources.settings.model_copy(
        update={
            "s3_bucket": bucket,
            "s3_endpoint_url": s3_endpoint,
            "s3_access_key_id": "testing",
            "s3_secret_access_key": SecretStr("testing"),
        }
    )
    blobs = create_blob_store(settings)
    res = Resources(
        settings=settings,
        engine=resources.engine,
        sessions=resources.sessions,
        redis=resources.redis,
        blobs=blobs,
    )
    return S3World(blobs, bucket, res)


@pytest_asyncio.fixture(loop_scope="session")
async def s3client(s3_resources: S3World) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(resources=s3_resources.resources)
    app.dependency_overrides[today] = lambda: TODAY
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


@dataclass
class ReviewWorld:
    plan: Organization
    provider: Organization
    review_id: str
    records: list[dict[str, Any]]
    reviewer: dict[str, str]
    admin: dict[str, str]
    provider_key: dict[str, str]


async def ecm_review(
    client: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> ReviewWorld:
    plan = await make_org("plan", jurisdiction="US-CA")
    provider = await make_org("provider", jurisdiction="US-CA")
    await link(session, plan, provider, "ecm")
    await ecm_frame(session, plan, provider, 12)
    reviewer = await auth_headers(plan, "reviewer")
    admin = await auth_headers(plan, "plan_admin")
    provider_key = await auth_headers(provider, "provider")
    body = {
        "provider_id": str(provider.id),
        "tool_key": "ecm-partnership",
        "purpose": "monitoring",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "scheduled_for": (TODAY + timedelta(days=35)).isoformat(),
    }
    r = await client.post("/v1/reviews", json=body, headers=reviewer)
    assert r.status_code == 201, r.text
    review_id = r.json()["id"]
    r = await client.post(f"/v1/reviews/{review_id}/samples", json={}, headers=reviewer)
    assert r.status_code == 201, r.text
    r = await client.get(f"/v1/reviews/{review_id}/records", params={"status": "sampled"}, headers=reviewer)
    return ReviewWorld(plan, provider, review_id, r.json()["items"], reviewer, admin, provider_key)


PDF_BYTES = b"%PDF-1.7\n" + b"member file page\n" * 500 + b"%%EOF\n"


async def post_to_s3(upload: dict[str, Any], content: bytes) -> httpx.Response:
    """What a browser or partner platform does with a presigned POST: the form fields, then the file."""
    assert upload["method"] == "POST"
    async with httpx.AsyncClient() as s3:
        return await s3.post(upload["url"], data=upload["fields"], files={"file": ("upload.bin", content)})


async def upload_and_complete(
    client: httpx.AsyncClient,
    uploads_url: str,
    provider_key: dict[str, str],
    *,
    content: bytes = PDF_BYTES,
    roi: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The provider's whole upload through the API and S3: ask, send the bytes, complete. The document."""
    body: dict[str, Any] = {
        "file_name": "scan.pdf",
        "size": len(content),
        "content_type": "application/pdf",
        "sha256": sha256(content),
    }
    if roi is not None:
        body["roi"] = roi
    r = await client.post(uploads_url, json=body, headers=provider_key)
    assert r.status_code == 201, r.text
    started = r.json()
    assert (await post_to_s3(started["upload"], content)).status_code in {200, 201, 204}
    r = await client.post(f"/v1/documents/{started['document']['id']}/complete", headers=provider_key)
    assert r.status_code == 200, r.text
    done: dict[str, Any] = r.json()
    return done


async def request_document(
    client: httpx.AsyncClient, world: ReviewWorld, kind: str, record_id: str | None = None
) -> dict[str, Any]:
    body = {"kind": kind} | ({"record_id": record_id} if record_id else {})
    r = await client.post(
        f"/v1/reviews/{world.review_id}/document-requests", json=body, headers=world.reviewer
    )
    assert r.status_code == 201, r.text
    request: dict[str, Any] = r.json()
    return request
