"""Imports too large for a request body: the file goes straight to storage, as evidence documents do
(``oversight_app.documents.uploads``).

1. ``request_upload``: the plan declares the kind, format, size and sha256 and gets a presigned S3 POST
   (the store accepts exactly that many bytes) or, on the local disk, a URL the API signs. The import is
   ``uploading``. The same file sent before (same plan, kind and sha256) is that import: nothing to send.
2. The bytes go to ``import-uploads/<import id>``, never through the API process on S3.
3. ``complete_upload``: the stored object is hashed outside any transaction; only when its size and
   sha256 are the declared ones is it moved (a server-side copy of exactly the content checked) to the
   import's content-addressed key and the import becomes ``pending`` for the worker. Otherwise the upload
   is deleted, the answer is 422 and the import stays ``uploading`` (send again, then complete again).
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.documents import signing
from oversight_app.documents.schemas import UploadTarget
from oversight_app.errors import conflict, unprocessable
from oversight_app.imports.schemas import ImportKind, ImportOut, ImportUploadIn, ImportUploadOut
from oversight_app.imports.service import CONTENT_TYPES, blob_key, plan_only
from oversight_app.lookup import one_or_404
from oversight_db.blobs import BlobStore, url_signing_key
from oversight_db.models.activity import ActivityImport
from oversight_db.settings import Settings

UPLOAD = "import-upload"
# How long an upload URL is good for: long enough for a few GB on a slow line.
UPLOAD_URL_SECONDS = 6 * 3600


def upload_key(import_id: uuid.UUID) -> str:
    return f"import-uploads/{import_id}"


async def request_upload(
    session: AsyncSession,
    caller: Caller,
    kind: ImportKind,
    body: ImportUploadIn,
    blobs: BlobStore,
    settings: Settings,
) -> tuple[ImportUploadOut, bool]:
    """The import and where to send its bytes, and whether the import is new."""
    plan_only(caller)
    # Insert-or-nothing, then lock: two requests for one file at once make one import, never a 500.
    new_id = await session.scalar(
        insert(ActivityImport)
        .values(
            id=uuid.uuid4(),
            plan_id=caller.organization_id,
            kind=kind,
            file_format=body.file_format,
            status="uploading",
            content_sha256=body.sha256,
            blob_key=blob_key(caller.organization_id, kind, body.sha256),
            size_bytes=body.size,
            errors=[],
            error_count=0,
            created_by=caller.actor,
        )
        .on_conflict_do_nothing(index_elements=["plan_id", "kind", "content_sha256"])
        .returning(ActivityImport.id)
    )
    created = new_id is not None
    record = await session.scalar(
        select(ActivityImport)
        .where(
            ActivityImport.plan_id == caller.organization_id,
            ActivityImport.kind == kind,
            ActivityImport.content_sha256 == body.sha256,
        )
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert record is not None
    if record.status == "uploading":  # new, or asked again (a lost URL, another format): declared anew
        record.file_format, record.size_bytes = body.file_format, body.size
    elif record.status == "failed":  # the file is stored; load it again (members may have been sent since)
        record.status, record.errors, record.error_count = "pending", [], 0
    await session.flush()
    await session.refresh(record)
    await audit_event(
        session,
        caller,
        "activity_import.upload_requested",
        "activity_import",
        record.id,
        {"kind": kind, "bytes": body.size, "new": created},
    )
    target = None
    if record.status == "uploading":
        target = await _target(record, blobs, settings)
    return ImportUploadOut(activity_import=ImportOut.model_validate(record), upload=target), created


async def _target(record: ActivityImport, blobs: BlobStore, settings: Settings) -> UploadTarget:
    expires = int(time.time()) + UPLOAD_URL_SECONDS
    expires_at = datetime.fromtimestamp(expires, UTC)
    content_type = CONTENT_TYPES[record.file_format]
    presigned = await blobs.presign_upload(
        upload_key(record.id),
        size=record.size_bytes,
        content_type=content_type,
        content_disposition="attachment",
        expires_seconds=UPLOAD_URL_SECONDS,
    )
    if presigned is not None:
        return UploadTarget(
            method="POST",
            url=presigned.url,
            fields=presigned.fields,
            expires_at=expires_at,
            max_bytes=record.size_bytes,
        )
    signature = signing.sign(url_signing_key(settings), UPLOAD, record.id, expires, record.size_bytes)
    query = urlencode(
        {"import_id": str(record.id), "size": record.size_bytes, "expires": expires, "signature": signature}
    )
    return UploadTarget(
        method="PUT",
        url=f"{settings.public_base_url.rstrip('/')}/v1/import-uploads?{query}",
        headers={"Content-Type": content_type},
        expires_at=expires_at,
        max_bytes=record.size_bytes,
    )


async def _own(session: AsyncSession, caller: Caller, import_id: uuid.UUID, *, lock: bool) -> ActivityImport:
    stmt = select(ActivityImport).where(
        ActivityImport.id == import_id, ActivityImport.plan_id == caller.organization_id
    )
    return await one_or_404(session, stmt, "activity import", lock=lock)


async def complete_upload(
    sessions: async_sessionmaker[AsyncSession], caller: Caller, import_id: uuid.UUID, blobs: BlobStore
) -> ImportOut:
    """Verify the upload and queue the import (``pending``: the worker's cron loads it). Completing an
    import that is past ``uploading`` answers it as it is. Owns its transactions: hashing the stored
    object is network I/O, so it runs between two short ones, never inside one."""
    plan_only(caller)
    async with sessions() as session, session.begin():
        record = await _own(session, caller, import_id, lock=False)
    if record.status != "uploading":
        return ImportOut.model_validate(record)
    found = await blobs.digest(upload_key(record.id), 0)
    if found is None:
        raise conflict("nothing has been uploaded for this import yet", slug="import-not-uploaded")
    if (found.size, found.sha256) != (record.size_bytes, record.content_sha256):
        await blobs.delete(upload_key(record.id))
        what = "size" if found.size != record.size_bytes else "sha256"
        raise unprocessable(
            f"the stored file's {what} differs from the declared one; it was discarded",
            slug="import-checksum-mismatch" if what == "sha256" else "import-size-mismatch",
        )
    if not await blobs.promote(upload_key(record.id), record.blob_key, found.etag):
        # Written again after it was checked: this check proves nothing about what is there now.
        raise conflict("the upload changed while it was checked; complete again", slug="import-changed")
    async with sessions() as session, session.begin():
        record = await _own(session, caller, import_id, lock=True)
        if record.status == "uploading":
            record.status = "pending"
            await session.flush()
            await audit_event(
                session,
                caller,
                "activity_import.created",
                "activity_import",
                record.id,
                {"kind": record.kind, "bytes": record.size_bytes},
            )
        await session.refresh(record)
        return ImportOut.model_validate(record)


def local_upload_allowed(
    import_id: uuid.UUID, size: int, expires: int, signature: str, settings: Settings
) -> bool:
    return signing.valid(url_signing_key(settings), UPLOAD, import_id, expires, size, signature, time.time())
