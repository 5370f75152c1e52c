"""``/v1/disputes``: a provider disputes a decision (seed 004), adds evidence; the plan decides."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from oversight_api.clock import AppCalendars, Today
from oversight_api.conventions.etags import IfMatch
from oversight_api.conventions.idempotency import idempotent
from oversight_api.conventions.pagination import Pagination
from oversight_api.conventions.responses import respond
from oversight_api.deps import AppResources, Session
from oversight_api.disputes.auth import DisputesDecide, DisputesFile, DisputesRead
from oversight_api.documents.auth import DocumentsRead
from oversight_app.disputes import decisions, documents, service
from oversight_app.disputes.schemas import DisputeCreate, DisputeDecisionIn, DisputeOut, EvidenceIn
from oversight_app.documents.schemas import DocumentList, UploadIn, UploadOut
from oversight_app.pagination import Page
from oversight_domain.statuses import DisputeStatus, DisputeSubject

router = APIRouter(tags=["disputes"])


@router.post("/disputes", status_code=201, response_model=DisputeOut, operation_id="disputes_file")
@idempotent
async def file_dispute(
    body: DisputeCreate, session: Session, today: Today, calendars: AppCalendars, caller: DisputesFile
) -> Response:
    row = await service.file_dispute(session, caller, body, today, calendars)
    return respond(service.dispute_out(row), status=201, etag=row.version, location=f"/v1/disputes/{row.id}")


@router.get("/disputes", response_model=Page[DisputeOut], operation_id="disputes_list")
async def list_disputes(
    session: Session,
    page: Pagination,
    caller: DisputesRead,
    status: DisputeStatus | None = None,
    subject: DisputeSubject | None = None,
    provider_id: uuid.UUID | None = None,
    review_id: uuid.UUID | None = None,
    action_plan_id: uuid.UUID | None = None,
) -> Page[DisputeOut]:
    items, cursor = await service.list_disputes(
        session,
        caller,
        page,
        status=status,
        subject=subject,
        provider_id=provider_id,
        review_id=review_id,
        action_plan_id=action_plan_id,
    )
    return Page(items=items, next_cursor=cursor)


@router.get("/disputes/{dispute_id}", response_model=DisputeOut, operation_id="disputes_get")
async def get_dispute(dispute_id: uuid.UUID, session: Session, caller: DisputesRead) -> Response:
    row = await service.get(session, caller, dispute_id)
    return respond(service.dispute_out(row), etag=row.version)


@router.post(
    "/disputes/{dispute_id}/evidence",
    status_code=201,
    response_model=DisputeOut,
    operation_id="disputes_add_evidence",
)
@idempotent
async def add_evidence(
    dispute_id: uuid.UUID, body: EvidenceIn, session: Session, today: Today, caller: DisputesFile
) -> Response:
    row = await service.add_evidence(session, caller, dispute_id, body, today)
    return respond(service.dispute_out(row), status=201, etag=row.version)


@router.post(
    "/disputes/{dispute_id}/documents",
    status_code=201,
    response_model=UploadOut,
    operation_id="disputes_attach_document",
)
@idempotent
async def attach_document(
    dispute_id: uuid.UUID, body: UploadIn, session: Session, resources: AppResources, caller: DisputesFile
) -> Response:
    """Attach a file to an open dispute: where to send the bytes (as for a requested document), then
    ``POST /v1/documents/{document_id}/complete`` verifies them and the plan sees the document."""
    out = await documents.attach_upload(
        session, caller, dispute_id, body, resources.blobs, resources.settings
    )
    return respond(out, status=201, location=f"/v1/documents/{out.document.id}")


@router.get(
    "/disputes/{dispute_id}/documents", response_model=DocumentList, operation_id="disputes_list_documents"
)
async def list_documents(dispute_id: uuid.UUID, session: Session, caller: DocumentsRead) -> DocumentList:
    """The files attached to the dispute with their status; download an available one with
    ``POST /v1/documents/{document_id}/download`` (audited)."""
    return DocumentList(items=await documents.list_documents(session, caller, dispute_id))


@router.post(
    "/disputes/{dispute_id}/decision",
    response_model=DisputeOut,
    operation_id="disputes_decide",
    responses={"412": {"description": "stale If-Match"}, "428": {"description": "If-Match missing"}},
)
async def decide_dispute(
    dispute_id: uuid.UUID,
    body: DisputeDecisionIn,
    session: Session,
    today: Today,
    calendars: AppCalendars,
    caller: DisputesDecide,
    if_match: IfMatch = None,  # no default would make FastAPI answer a missing header with 422, not 428
) -> Response:
    row = await decisions.decide(session, caller, dispute_id, body, today, calendars, if_match)
    return respond(service.dispute_out(row), etag=row.version)
