"""Evidence documents: requests to providers, presigned uploads and their completion, audited downloads,
retention and legal holds. The bytes never pass through the API on S3; on the local-disk store the two
signed routes at the end stream them to and from disk in chunks."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import FileResponse

from oversight_api.clock import AppCalendars, Today
from oversight_api.conventions import local_uploads
from oversight_api.conventions.idempotency import idempotent
from oversight_api.conventions.pagination import Pagination
from oversight_api.conventions.responses import respond
from oversight_api.deps import AppResources, Session
from oversight_api.documents.auth import DocumentsAdmin, DocumentsRead, DocumentsRequest, DocumentsUpload
from oversight_api.reviews.auth import ReviewsRead
from oversight_app.documents import requests, retention, roi_check, uploads
from oversight_app.documents.schemas import (
    DocumentRequestIn,
    DocumentRequestOut,
    DocumentSummary,
    DownloadOut,
    LegalHoldIn,
    LegalHoldOut,
    RetentionIn,
    RetentionOut,
    RoiCheckOut,
    UploadIn,
    UploadOut,
)
from oversight_app.errors import not_found
from oversight_app.pagination import Page
from oversight_db.blobs import LocalBlobStore

router = APIRouter(tags=["documents"])


@router.post(
    "/reviews/{review_id}/document-requests",
    status_code=201,
    response_model=DocumentRequestOut,
    operation_id="documents_create_request",
)
@idempotent
async def create_request(
    review_id: uuid.UUID,
    body: DocumentRequestIn,
    session: Session,
    today: Today,
    calendars: AppCalendars,
    caller: DocumentsRequest,
) -> Response:
    """Ask the provider for a document (seed 003); the provider gets a ``document_request`` notice."""
    out = await requests.create_request(session, caller, review_id, body, today, calendars)
    return respond(out, status=201, etag=out.version, location=f"/v1/document-requests/{out.id}")


@router.get(
    "/reviews/{review_id}/document-requests",
    response_model=Page[DocumentRequestOut],
    operation_id="documents_list_requests",
)
async def list_requests(
    review_id: uuid.UUID,
    session: Session,
    page: Pagination,
    today: Today,
    caller: DocumentsRead,
    record_id: uuid.UUID | None = None,
    outstanding: bool | None = None,
) -> Page[DocumentRequestOut]:
    items, cursor = await requests.list_requests(
        session, caller, review_id, page, today, record_id=record_id, outstanding=outstanding
    )
    return Page(items=items, next_cursor=cursor)


@router.get(
    "/document-requests/{document_request_id}",
    response_model=DocumentRequestOut,
    operation_id="documents_get_request",
)
async def get_request(
    document_request_id: uuid.UUID, session: Session, today: Today, caller: DocumentsRead
) -> Response:
    out = await requests.get_request(session, caller, document_request_id, today)
    return respond(out, etag=out.version)


@router.post(
    "/document-requests/{document_request_id}/cancel",
    response_model=DocumentRequestOut,
    operation_id="documents_cancel_request",
)
async def cancel_request(
    document_request_id: uuid.UUID, session: Session, today: Today, caller: DocumentsRequest
) -> Response:
    out = await requests.cancel_request(session, caller, document_request_id, today)
    return respond(out, etag=out.version)


@router.post(
    "/document-requests/{document_request_id}/uploads",
    status_code=201,
    response_model=UploadOut,
    operation_id="documents_request_upload",
)
@idempotent
async def request_upload(
    document_request_id: uuid.UUID,
    body: UploadIn,
    session: Session,
    resources: AppResources,
    caller: DocumentsUpload,
) -> Response:
    """A new version of the requested document: where to send the bytes (presigned POST, or a signed PUT
    on the local-disk store). Then call ``complete``."""
    out = await uploads.request_upload(
        session, caller, document_request_id, body, resources.blobs, resources.settings
    )
    return respond(out, status=201, location=f"/v1/documents/{out.document.id}")


@router.post(
    "/documents/{document_id}/complete", response_model=DocumentSummary, operation_id="documents_complete"
)
async def complete_upload(
    document_id: uuid.UUID, resources: AppResources, caller: DocumentsUpload
) -> DocumentSummary:
    """Check the stored file against the declared size and sha256 and sniff its type; only then is it
    available (422 with the reason otherwise, and the upload is discarded)."""
    return await uploads.complete_upload(resources.sessions, caller, document_id, resources.blobs)


@router.post(
    "/documents/{document_id}/download", response_model=DownloadOut, operation_id="documents_download"
)
async def download(
    document_id: uuid.UUID, session: Session, resources: AppResources, caller: DocumentsRead
) -> DownloadOut:
    """A short-lived download URL; the issuance is recorded in the audit trail as a member-data read."""
    return await uploads.issue_download(session, caller, document_id, resources.blobs, resources.settings)


@router.get("/reviews/{review_id}/roi-check", response_model=RoiCheckOut, operation_id="documents_roi_check")
async def check_roi(review_id: uuid.UUID, session: Session, caller: DocumentsRead) -> RoiCheckOut:
    """Seed 003's "Valid ROI" per sampled record: whether a verified ROI covered the review period. A
    suggestion only: nothing is recorded until the reviewer answers the element in the findings."""
    return await roi_check.roi_check(session, caller, review_id)


@router.get("/document-retention", response_model=RetentionOut, operation_id="documents_get_retention")
async def get_retention(session: Session, caller: DocumentsAdmin) -> RetentionOut:
    return await retention.get_retention(session, caller)


@router.put("/document-retention", response_model=RetentionOut, operation_id="documents_set_retention")
async def set_retention(body: RetentionIn, session: Session, caller: DocumentsAdmin) -> RetentionOut:
    """Years after a review closes that its documents are kept (default in the documents policy)."""
    return await retention.set_retention(session, caller, body)


@router.get(
    "/reviews/{review_id}/legal-hold", response_model=LegalHoldOut, operation_id="documents_get_legal_hold"
)
async def get_hold(review_id: uuid.UUID, session: Session, caller: ReviewsRead) -> LegalHoldOut:
    return await retention.get_hold(session, caller, review_id)


@router.put(
    "/reviews/{review_id}/legal-hold", response_model=LegalHoldOut, operation_id="documents_place_legal_hold"
)
async def place_hold(
    review_id: uuid.UUID, body: LegalHoldIn, session: Session, caller: DocumentsAdmin
) -> LegalHoldOut:
    """While on hold, none of the review's documents is deleted, whatever the retention says."""
    return await retention.place_hold(session, caller, review_id, body)


@router.delete(
    "/reviews/{review_id}/legal-hold",
    response_model=LegalHoldOut,
    operation_id="documents_release_legal_hold",
)
async def release_hold(review_id: uuid.UUID, session: Session, caller: DocumentsAdmin) -> LegalHoldOut:
    return await retention.release_hold(session, caller, review_id)


# --- the local-disk store's signed URLs (S3 serves these itself) ------------------------------------------
# No API key: the signature is the permission, as with a presigned S3 URL. A missing, bad or expired one is
# a 404, like an unknown document (the parameters have defaults so that a URL without them is a 404 too).
# Everything is in the signed query, nothing in the path: these are capabilities, not tenant-scoped objects
# (no API key, so the cross-tenant walk has no caller to try them as); test_documents_local covers them. No database transaction is open while bytes move.


@router.put(
    "/document-uploads",
    status_code=204,
    operation_id="documents_local_upload",
    responses={404: {"description": "unknown document or bad signature"}, 413: {"description": "too large"}},
)
async def local_upload(
    request: Request,
    resources: AppResources,
    document_id: uuid.UUID | None = None,
    size: int = Query(0, ge=0, le=2**53),
    expires: int = Query(0, ge=0, le=2**53),
    signature: str = Query("", max_length=64),
) -> Response:
    if document_id is None:
        raise not_found("document")
    allowed = uploads.local_upload_allowed(document_id, size, expires, signature, resources.settings)
    key = uploads.upload_key(document_id)
    return await local_uploads.receive(
        request, resources.blobs, allowed=allowed, key=key, size=size, what="document"
    )


@router.get(
    "/document-downloads",
    operation_id="documents_local_download",
    response_class=FileResponse,
    responses={404: {"description": "unknown document or bad signature"}},
)
async def local_download(
    resources: AppResources,
    document_id: uuid.UUID | None = None,
    expires: int = Query(0, ge=0, le=2**53),
    signature: str = Query("", max_length=64),
) -> FileResponse:
    store = resources.blobs
    if document_id is None or not isinstance(store, LocalBlobStore):
        raise not_found("document")
    async with resources.sessions() as session:
        found = await uploads.local_download(session, document_id, expires, signature, resources.settings)
    return FileResponse(
        store.path_of(found.key),
        media_type=found.content_type,
        headers={"Content-Disposition": found.content_disposition, "Cache-Control": "private, no-store"},
    )
