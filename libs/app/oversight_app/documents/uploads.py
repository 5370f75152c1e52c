"""Uploads straight to storage, their verification, and audited downloads.

1. ``request_upload``: the provider says what it will send (name, size, type, sha256) and gets a presigned
   S3 POST (the store enforces the exact size and the type) or, on the local disk, a URL the API signs. The
   document is a new version of the request (``pending``); nothing already stored is overwritten.
2. The bytes go to ``uploads/<document id>``, never through the API process on S3.
3. ``complete_upload``: the stored object is hashed and sniffed outside any transaction; only when size,
   sha256 and the real type agree with what was declared is it moved (a server-side copy of exactly the
   content checked) to ``documents/<document id>`` and marked ``available``. Otherwise it is ``rejected``
   and the upload deleted.
4. ``issue_download``: a short-lived URL for an available document, recorded as a member-data read.
"""

from __future__ import annotations

import time
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.documents import signing
from oversight_app.documents.reminders import cancel_request_deadlines
from oversight_app.documents.requests import document_summary, load_request
from oversight_app.documents.schemas import DocumentSummary, DownloadOut, UploadIn, UploadOut, UploadTarget
from oversight_app.errors import ProblemError, conflict, unprocessable
from oversight_app.lookup import one_or_404
from oversight_app.tenancy import plan_provider_clause
from oversight_db.blobs import BlobDigest, BlobStore, url_signing_key
from oversight_db.models.disputes import Dispute
from oversight_db.models.documents import Document, DocumentRequest
from oversight_db.models.members import Member
from oversight_db.models.reviews import ReviewRecord
from oversight_db.settings import Settings
from oversight_domain.documents import DOCUMENT_POLICY, sniff, type_matches
from oversight_domain.documents.naming import member_file_name, provider_file_name
from oversight_domain.documents.sniff import HEAD_BYTES

UPLOAD = "upload"
DOWNLOAD = "download"


def upload_key(document_id: uuid.UUID) -> str:
    return f"uploads/{document_id}"


def document_key(document_id: uuid.UUID) -> str:
    return f"documents/{document_id}"


def document_scope(caller: Caller) -> ColumnElement[bool]:
    return plan_provider_clause(caller, Document.plan_id, Document.provider_id)


def content_disposition(name: str) -> str:
    """``attachment`` with an ASCII fallback and the exact name in RFC 6266 ``filename*`` (header-safe)."""
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode() or "document"
    fallback = fallback.replace('"', "").replace("\\", "")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


async def _stored_name(session: AsyncSession, request: DocumentRequest, body: UploadIn) -> str:
    """Seed 003's ``Last NameCIN`` from the member record for member documents, whatever the file is called."""
    if request.record_id is None:
        return provider_file_name(
            DOCUMENT_POLICY.kinds[request.kind].title, body.file_name, body.content_type
        )
    row = (
        await session.execute(
            select(Member.last_name, Member.member_number)
            .join(ReviewRecord, ReviewRecord.member_id == Member.id)
            .where(ReviewRecord.id == request.record_id)
        )
    ).one()
    return member_file_name(row.last_name, row.member_number, body.content_type)


async def request_upload(
    session: AsyncSession,
    caller: Caller,
    request_id: uuid.UUID,
    body: UploadIn,
    blobs: BlobStore,
    settings: Settings,
) -> UploadOut:
    if caller.organization_kind != "provider":
        raise ProblemError(403, "only the provider asked for a document uploads it", slug="forbidden")
    request = await load_request(session, caller, request_id, for_update=True)
    if request.status != "open":
        raise conflict(f"the request is {request.status}", slug="request-closed")
    return await new_version(session, caller, request, body, blobs, settings)


async def new_version(
    session: AsyncSession,
    caller: Caller,
    request: DocumentRequest,
    body: UploadIn,
    blobs: BlobStore,
    settings: Settings,
) -> UploadOut:
    """A pending version of ``request`` (open, locked by the caller) and where to send its bytes."""
    if body.roi is not None and request.kind != "roi":
        raise unprocessable(
            "roi applies to a release of information only",
            errors=[{"path": "roi", "message": "not an ROI request"}],
        )
    number = await session.scalar(
        select(func.coalesce(func.max(Document.version_number), 0)).where(Document.request_id == request.id)
    )
    doc = Document(
        id=uuid.uuid4(),
        request_id=request.id,
        review_id=request.review_id,
        dispute_id=request.dispute_id,
        plan_id=request.plan_id,
        provider_id=request.provider_id,
        record_id=request.record_id,
        kind=request.kind,
        version_number=(number or 0) + 1,
        status="pending",
        stored_name=await _stored_name(session, request, body),
        original_name=body.file_name,
        declared_size=body.size,
        declared_sha256=body.sha256,
        declared_type=body.content_type,
        uploaded_by=caller.actor,
        roi_authorizes=body.roi.authorizes if body.roi else None,
        roi_effective_on=body.roi.effective_on if body.roi else None,
        roi_expires_on=body.roi.expires_on if body.roi else None,
    )
    doc.object_key = document_key(doc.id)
    session.add(doc)
    await session.flush()
    await audit_event(
        session,
        caller,
        "document.upload_requested",
        "document",
        doc.id,
        changes={
            "request_id": str(request.id),
            "dispute_id": str(request.dispute_id) if request.dispute_id else None,
            "version": doc.version_number,
            "size": body.size,
        },
        organization_id=request.provider_id,
    )
    target = await _upload_target(doc, blobs, settings)
    return UploadOut(document=document_summary(doc), upload=target)


async def _upload_target(doc: Document, blobs: BlobStore, settings: Settings) -> UploadTarget:
    seconds = DOCUMENT_POLICY.upload.upload_url_seconds
    expires = int(time.time()) + seconds
    expires_at = datetime.fromtimestamp(expires, UTC)
    presigned = await blobs.presign_upload(
        upload_key(doc.id),
        size=doc.declared_size,
        content_type=doc.declared_type,
        content_disposition=content_disposition(doc.stored_name),
        expires_seconds=seconds,
    )
    if presigned is not None:
        return UploadTarget(
            method="POST",
            url=presigned.url,
            fields=presigned.fields,
            expires_at=expires_at,
            max_bytes=doc.declared_size,
        )
    signature = signing.sign(url_signing_key(settings), UPLOAD, doc.id, expires, doc.declared_size)
    query = urlencode(
        {"document_id": str(doc.id), "size": doc.declared_size, "expires": expires, "signature": signature}
    )
    url = f"{settings.public_base_url.rstrip('/')}/v1/document-uploads?{query}"
    return UploadTarget(
        method="PUT",
        url=url,
        headers={"Content-Type": "application/octet-stream"},
        expires_at=expires_at,
        max_bytes=doc.declared_size,
    )


@dataclass(frozen=True)
class _Verdict:
    ok: bool
    slug: str = ""
    detail: str = ""
    content_type: str | None = None


def _judge(doc: Document, found: BlobDigest) -> _Verdict:
    if found.size != doc.declared_size:
        return _Verdict(
            False, "document-size-mismatch", "the stored file's size differs from the declared size"
        )
    if found.sha256 != doc.declared_sha256:
        return _Verdict(
            False, "document-checksum-mismatch", "the stored file's sha256 differs from the declared one"
        )
    sniffed = sniff(found.head, complete=found.size <= len(found.head))
    if sniffed is None:
        return _Verdict(
            False, "document-type-not-allowed", "the file is not a PDF, image, Office document, CSV or text"
        )
    if not type_matches(doc.declared_type, sniffed):
        return _Verdict(False, "document-type-mismatch", "the file's content is not of the declared type")
    return _Verdict(True, content_type=sniffed)


async def _pending_document(
    session: AsyncSession, caller: Caller, document_id: uuid.UUID, *, lock: bool
) -> Document:
    stmt = select(Document).where(
        Document.id == document_id, Document.provider_id == caller.organization_id, document_scope(caller)
    )
    doc = await one_or_404(session, stmt, "document", lock=lock)
    if doc.status != "pending":
        raise conflict(f"the document is {doc.status}", slug="document-not-pending")
    return doc


async def complete_upload(
    sessions: async_sessionmaker[AsyncSession], caller: Caller, document_id: uuid.UUID, blobs: BlobStore
) -> DocumentSummary:
    """Verify the upload and record the verdict. Owns its transactions: hashing a stored object is network
    I/O (up to the size limit), so it runs between two short ones, never inside one."""
    if caller.organization_kind != "provider":
        raise ProblemError(403, "only the provider who uploaded completes an upload", slug="forbidden")
    async with sessions() as session, session.begin():
        doc = await _pending_document(session, caller, document_id, lock=False)
    found = await blobs.digest(upload_key(doc.id), HEAD_BYTES)
    if found is None:
        raise conflict("nothing has been uploaded for this document yet", slug="document-not-uploaded")
    verdict = _judge(doc, found)
    if verdict.ok and not await blobs.promote(upload_key(doc.id), doc.object_key, found.etag):
        # Written again after it was checked: this check proves nothing about what is there now.
        raise conflict("the upload changed while it was checked; complete again", slug="document-changed")
    async with sessions() as session, session.begin():
        doc = await _pending_document(session, caller, document_id, lock=True)
        await _record(session, caller, doc, verdict)
        summary = document_summary(doc)
    if not verdict.ok:
        await blobs.delete(upload_key(doc.id))
        raise unprocessable(verdict.detail, slug=verdict.slug)
    return summary


async def _record(session: AsyncSession, caller: Caller, doc: Document, verdict: _Verdict) -> None:
    now = datetime.now(UTC)
    if verdict.ok:
        doc.status, doc.content_type, doc.available_at = "available", verdict.content_type, now
        request = await session.get(DocumentRequest, doc.request_id, with_for_update=True)
        if request is not None and request.status == "open":
            request.status, request.fulfilled_at = "fulfilled", now
            await cancel_request_deadlines(session, request.id)
        if doc.dispute_id is not None:
            await _dispute_document_added(session, caller, doc)
    else:
        doc.status, doc.rejected_reason = "rejected", verdict.slug
    await session.flush()
    await audit_event(
        session,
        caller,
        "document.available" if verdict.ok else "document.rejected",
        "document",
        doc.id,
        changes={
            "request_id": str(doc.request_id),
            "version": doc.version_number,
            "reason": verdict.slug or None,
        },
        organization_id=doc.provider_id,
    )


async def _dispute_document_added(session: AsyncSession, caller: Caller, doc: Document) -> None:
    """A verified document is new evidence on the dispute: its ETag changes (a plan deciding on what it read
    before gets 412 and reads again) and the plan's audit trail shows it, as for text evidence."""
    dispute = await session.get(Dispute, doc.dispute_id, with_for_update=True)
    if dispute is None:
        return
    dispute.updated_at = datetime.now(UTC)
    await audit_event(
        session,
        caller,
        "dispute.document_added",
        "dispute",
        dispute.id,
        {"document_id": str(doc.id)},
        organization_id=dispute.plan_id,
    )


async def issue_download(
    session: AsyncSession, caller: Caller, document_id: uuid.UUID, blobs: BlobStore, settings: Settings
) -> DownloadOut:
    """A short-lived download URL; every issuance is an audited member-data read (in this transaction)."""
    stmt = select(Document).where(Document.id == document_id, document_scope(caller))
    doc = await one_or_404(session, stmt, "document")
    if doc.status != "available":
        raise conflict(f"the document is {doc.status}", slug="document-not-available")
    seconds = DOCUMENT_POLICY.upload.download_url_seconds
    expires = int(time.time()) + seconds
    url = await blobs.presign_download(doc.object_key, expires_seconds=seconds)
    if url is None:
        signature = signing.sign(url_signing_key(settings), DOWNLOAD, doc.id, expires)
        query = urlencode({"document_id": str(doc.id), "expires": expires, "signature": signature})
        url = f"{settings.public_base_url.rstrip('/')}/v1/document-downloads?{query}"
    await audit_event(
        session,
        caller,
        "document.download_issued",
        "document",
        doc.id,
        changes={
            "review_id": str(doc.review_id),
            "record_id": str(doc.record_id) if doc.record_id else None,
            # A dispute's evidence may be member records too.
            "member_data": doc.record_id is not None or doc.dispute_id is not None,
            "expires_in_seconds": seconds,
        },
    )
    return DownloadOut(
        document_id=doc.id,
        url=url,
        expires_at=datetime.now(UTC) + timedelta(seconds=seconds),
        file_name=doc.stored_name,
        content_type=doc.content_type,
    )


@dataclass(frozen=True)
class LocalFile:
    key: str
    content_type: str
    content_disposition: str


async def local_download(
    session: AsyncSession, document_id: uuid.UUID, expires: int, signature: str, settings: Settings
) -> LocalFile:
    """What a signed local download URL serves (the issuance was audited); a bad or expired signature
    and an unavailable document are all "not found"."""
    if not signing.valid(
        url_signing_key(settings), DOWNLOAD, document_id, expires, 0, signature, time.time()
    ):
        raise ProblemError(404, "document not found", slug="not-found")
    doc = await session.scalar(
        select(Document).where(Document.id == document_id, Document.status == "available")
    )
    if doc is None:
        raise ProblemError(404, "document not found", slug="not-found")
    return LocalFile(
        doc.object_key, doc.content_type or "application/octet-stream", content_disposition(doc.stored_name)
    )


def local_upload_allowed(
    document_id: uuid.UUID, size: int, expires: int, signature: str, settings: Settings
) -> bool:
    return signing.valid(
        url_signing_key(settings), UPLOAD, document_id, expires, size, signature, time.time()
    )
