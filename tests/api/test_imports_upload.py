"""Imports larger than a request body: declared, sent straight to storage (S3 on moto's server mode, a
real HTTP endpoint; or the local-disk store's signed URL), verified on completion, then loaded by the
worker's loader. A wrong sha256 is refused and writes nothing; the same file again changes nothing."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_app.imports import loader
from oversight_app.imports.uploads import upload_key
from oversight_db.blobs import BlobStore
from oversight_db.models import ActivityImport, Enrollment, Member, MemberInteraction
from tests.api.documents_world import S3World
from tests.app.activity_world import World, activity_world
from tests.conftest import MakeKey, MakeOrg

pytestmark = pytest.mark.asyncio(loop_scope="session")

ROWS = 40_000  # about 3 MB: over the API's 2 MB body limit


def big_csv(world: World) -> bytes:
    lines = ["interaction_id,member_number,provider_npi,occurred_on,kind,duration_minutes,outcome,enrolled"]
    for i in range(ROWS):
        number = world.members[i % len(world.members)].member_number
        lines.append(f"up-{i:07d},{number},{world.provider.npi},2025-02-03,outreach,10,not_reached,false")
    return ("\n".join(lines) + "\n").encode()


async def _s3_post(upload: dict[str, Any], content: bytes) -> httpx.Response:
    async with httpx.AsyncClient() as s3:
        return await s3.post(upload["url"], data=upload["fields"], files={"file": ("f.csv", content)})


async def _interactions(session: AsyncSession, world: World) -> int:
    stmt = (
        select(func.count()).select_from(MemberInteraction).where(MemberInteraction.plan_id == world.plan.id)
    )
    return int(await session.scalar(stmt) or 0)


async def _load(sessions: async_sessionmaker[AsyncSession], blobs: BlobStore) -> None:
    while (claimed := await loader.claim_next(sessions)) is not None:
        await loader.load_import(sessions, blobs, claimed)


async def test_a_large_file_through_s3_presigned_post(
    s3client: httpx.AsyncClient,
    s3_resources: S3World,
    session: AsyncSession,
    auth_headers: MakeKey,
    make_org: MakeOrg,
) -> None:
    world = await activity_world(session)
    headers = await auth_headers(world.plan, "plan_admin")
    data = big_csv(world)
    assert len(data) > 2 * 1024 * 1024
    direct = await s3client.post(
        "/v1/imports?kind=interactions&file_format=csv",
        content=data,
        headers={**headers, "Content-Type": "text/csv"},
    )
    assert direct.status_code == 413  # the body path stays for small files

    declared = {"file_format": "csv", "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    r = await s3client.post("/v1/imports/uploads?kind=interactions", json=declared, headers=headers)
    assert r.status_code == 201, r.text
    out = r.json()
    record_id, upload = out["activity_import"]["id"], out["upload"]
    assert out["activity_import"]["status"] == "uploading" and upload["method"] == "POST"

    # Other bytes of the same size: refused at completion, discarded, nothing stored or loaded.
    tampered = data[:-2] + b"x\n"
    assert (await _s3_post(upload, tampered)).status_code in {200, 201, 204}
    r = await s3client.post(f"/v1/imports/{record_id}/complete", headers=headers)
    assert r.status_code == 422 and r.json()["type"].endswith("import-checksum-mismatch")
    blobs = s3_resources.blobs
    record = await session.get_one(ActivityImport, record_id)
    await session.refresh(record)
    assert record.status == "uploading"
    assert not await blobs.exists(upload_key(record.id)) and not await blobs.exists(record.blob_key)
    assert await loader.claim_next(s3_resources.resources.sessions) is None

    # Another plan cannot complete it (404, as for an unknown import).
    outsider = await auth_headers(await make_org("plan"), "plan_admin")
    assert (await s3client.post(f"/v1/imports/{record_id}/complete", headers=outsider)).status_code == 404

    assert (await _s3_post(upload, data)).status_code in {200, 201, 204}
    r = await s3client.post(f"/v1/imports/{record_id}/complete", headers=headers)
    assert (r.status_code, r.json()["status"]) == (200, "pending"), r.text
    await _load(s3_resources.resources.sessions, blobs)
    r = await s3client.get(f"/v1/imports/{record_id}", headers=headers)
    assert (r.json()["status"], r.json()["rows"], r.json()["inserted"]) == ("succeeded", ROWS, ROWS)
    assert await _interactions(session, world) == ROWS

    # The same file declared again: its import, nothing to send, nothing loaded twice.
    r = await s3client.post("/v1/imports/uploads?kind=interactions", json=declared, headers=headers)
    assert (r.status_code, r.json()["activity_import"]["id"], r.json()["upload"]) == (200, record_id, None)
    assert await loader.claim_next(s3_resources.resources.sessions) is None
    assert await _interactions(session, world) == ROWS


def _local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


async def test_a_large_file_through_the_local_stores_signed_url(
    client: httpx.AsyncClient,
    resources: Any,
    session: AsyncSession,
    auth_headers: MakeKey,
) -> None:
    world = await activity_world(session)
    headers = await auth_headers(world.plan, "plan_admin")
    data = big_csv(world)
    declared = {"file_format": "csv", "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    r = await client.post("/v1/imports/uploads?kind=interactions", json=declared, headers=headers)
    assert r.status_code == 201, r.text
    record_id, upload = r.json()["activity_import"]["id"], r.json()["upload"]
    assert upload["method"] == "PUT"
    url = _local(upload["url"])

    r = await client.post(f"/v1/imports/{record_id}/complete", headers=headers)
    assert r.status_code == 409 and r.json()["type"].endswith("import-not-uploaded")
    assert (await client.put(url, content=data + b"more")).status_code == 413
    forged = url.split("signature=")[0] + "signature=" + "0" * 64
    assert (await client.put(forged, content=data)).status_code == 404
    # Fewer bytes than declared: stored, then refused at completion.
    assert (await client.put(url, content=data[:-10])).status_code == 204
    r = await client.post(f"/v1/imports/{record_id}/complete", headers=headers)
    assert r.status_code == 422 and r.json()["type"].endswith("import-size-mismatch")
    assert not await resources.blobs.exists(upload_key(record_id))

    assert (await client.put(url, content=data)).status_code == 204
    r = await client.post(f"/v1/imports/{record_id}/complete", headers=headers)
    assert (r.status_code, r.json()["status"]) == (200, "pending"), r.text
    again = await client.post(f"/v1/imports/{record_id}/complete", headers=headers)
    assert (again.status_code, again.json()["status"]) == (200, "pending")  # completing twice is harmless
    await _load(resources.sessions, resources.blobs)
    r = await client.get(f"/v1/imports/{record_id}", headers=headers)
    assert (r.json()["status"], r.json()["inserted"]) == ("succeeded", ROWS)
    assert await _interactions(session, world) == ROWS


async def test_a_large_member_file_through_the_upload_path_stores_members_and_enrollments(
    client: httpx.AsyncClient, resources: Any, session: AsyncSession, auth_headers: MakeKey
) -> None:
    """``kind=members`` takes the same path: declared, sent, completed, loaded; every line a member enrolled
    at the plan's provider."""
    world = await activity_world(session, n=0)
    headers = await auth_headers(world.plan, "plan_admin")
    members = 30_000  # about 3 MB
    prefix = f"{uuid.uuid4().int % 90 + 10:02d}"
    lines = [
        "member_number,first_name,last_name,birth_date,program,provider_npi,status,start_date,population",
        *(
            f"{prefix}{i:06d}A,First{i},Last{i},1980-01-01,ecm,{world.provider.npi},enrolled,2025-01-01,"
            "Adults experiencing homelessness"
            for i in range(members)
        ),
    ]
    data = ("\n".join(lines) + "\n").encode()
    assert len(data) > 2 * 1024 * 1024
    declared = {"file_format": "csv", "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    r = await client.post("/v1/imports/uploads?kind=members", json=declared, headers=headers)
    assert r.status_code == 201, r.text
    record_id, upload = r.json()["activity_import"]["id"], r.json()["upload"]
    assert (await client.put(_local(upload["url"]), content=data)).status_code == 204
    r = await client.post(f"/v1/imports/{record_id}/complete", headers=headers)
    assert (r.status_code, r.json()["status"]) == (200, "pending"), r.text
    await _load(resources.sessions, resources.blobs)
    r = await client.get(f"/v1/imports/{record_id}", headers=headers)
    assert (r.json()["kind"], r.json()["status"], r.json()["inserted"]) == ("members", "succeeded", members)
    stored = await session.execute(
        select(func.count(Member.id.distinct()), func.count(Enrollment.id))
        .select_from(Member)
        .join(Enrollment, Enrollment.member_id == Member.id)
        .where(Member.plan_id == world.plan.id, Enrollment.provider_id == world.provider.id)
    )
    assert tuple(stored.one()) == (members, members)
