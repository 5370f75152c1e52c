"""Document requests: a reviewer asks the provider for a document; the list shows what is outstanding.

Creating one writes the ``document_request`` notice to the provider and schedules its reminder and overdue
deadlines (``oversight_app.documents.reminders``), in the same transaction.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.business_calendars.service import for_organization
from oversight_app.calendars import Calendars
from oversight_app.caller import Caller
from oversight_app.documents.reminders import schedule_request_deadlines
from oversight_app.documents.schemas import DocumentRequestIn, DocumentRequestOut, DocumentSummary
from oversight_app.errors import ProblemError, unprocessable
from oversight_app.lookup import one_or_404
from oversight_app.pagination import PageParams, keyset_page
from oversight_app.reviews.service import load_review
from oversight_app.tenancy import plan_provider_clause
from oversight_db.models.documents import Document, DocumentRequest
from oversight_db.models.organizations import Organization
from oversight_db.models.reviews import ReviewRecord
from oversight_db.outbox import add_notice
from oversight_domain.calendars import add_days
from oversight_domain.documents import DOCUMENT_POLICY, due_on_for_review
from oversight_domain.statuses import OPEN_REVIEW_STATUSES


def request_scope(caller: Caller) -> ColumnElement[bool]:
    """The plan sees the requests of its reviews; the provider those addressed to it."""
    return plan_provider_clause(caller, DocumentRequest.plan_id, DocumentRequest.provider_id)


async def load_request(
    session: AsyncSession, caller: Caller, request_id: uuid.UUID, *, for_update: bool = False
) -> DocumentRequest:
    stmt = select(DocumentRequest).where(DocumentRequest.id == request_id, request_scope(caller))
    return await one_or_404(session, stmt, "document request", lock=for_update)


async def create_request(
    session: AsyncSession,
    caller: Caller,
    review_id: uuid.UUID,
    body: DocumentRequestIn,
    today: date,
    calendars: Calendars,
) -> DocumentRequestOut:
    if caller.organization_kind != "plan":
        raise ProblemError(
            403, "only the health plan running the review requests documents", slug="forbidden"
        )
    review = await load_review(session, caller, review_id)
    if review.status not in OPEN_REVIEW_STATUSES:
        raise ProblemError(409, f"the review is {review.status}", slug="review-closed")
    if body.record_id is not None:
        record = await session.scalar(
            select(ReviewRecord.id).where(
                ReviewRecord.id == body.record_id,
                ReviewRecord.review_id == review.id,
                ReviewRecord.status == "sampled",
            )
        )
        if record is None:
            raise unprocessable(
                "record_id is not a sampled record of this review",
                errors=[{"path": "record_id", "message": "not a sampled record of this review"}],
            )
    jurisdiction = await session.scalar(
        select(Organization.jurisdiction).where(Organization.id == review.plan_id)
    )
    calendar = (await for_organization(session, calendars, review.plan_id)).of(jurisdiction or "US")
    if body.due_on is not None:
        if body.due_on < today:
            raise unprocessable(
                "due_on is in the past", errors=[{"path": "due_on", "message": "in the past"}]
            )
        due_on = body.due_on
    else:
        due_on = due_on_for_review(review.scheduled_for, DOCUMENT_POLICY, calendar)
        if due_on < today:
            # Asked late (the review is under way): the provider gets the policy's span from today instead.
            due_on = add_days(
                today, DOCUMENT_POLICY.due.days_before_review, DOCUMENT_POLICY.due.day_type, calendar
            )
    request = DocumentRequest(
        id=uuid.uuid4(),
        review_id=review.id,
        plan_id=review.plan_id,
        provider_id=review.provider_id,
        record_id=body.record_id,
        element_key=body.element_key,
        kind=body.kind,
        note=body.note,
        due_on=due_on,
        day_type=DOCUMENT_POLICY.due.day_type if body.due_on is None else "calendar",
        requested_by=caller.actor,
    )
    session.add(request)
    await session.flush()
    spec = DOCUMENT_POLICY.kinds[body.kind]
    await add_notice(
        session,
        kind="document_request",
        recipient_organization_id=review.provider_id,
        subject_type="document_request",
        subject_id=request.id,
        data={
            "document_request_id": str(request.id),
            "review_id": str(review.id),
            "plan_id": str(review.plan_id),
            "provider_id": str(review.provider_id),
            "due_on": due_on.isoformat(),
            "document_kind": body.kind,
            "document_title": spec.title,
            "level": spec.level,
        },
        dedupe_key=f"document_request:{request.id}",
    )
    await schedule_request_deadlines(session, request, today)
    await audit_event(
        session,
        caller,
        "document_request.created",
        "document_request",
        request.id,
        changes={"review_id": str(review.id), "kind": body.kind, "due_on": due_on.isoformat()},
    )
    return request_out(request, [], today)


def document_summary(doc: Document) -> DocumentSummary:
    return DocumentSummary(
        id=doc.id,
        version_number=doc.version_number,
        status=doc.status,
        stored_name=doc.stored_name,
        original_name=doc.original_name,
        size=doc.declared_size,
        content_type=doc.content_type,
        rejected_reason=doc.rejected_reason,
        uploaded_by=doc.uploaded_by,
        created_at=doc.created_at,
        available_at=doc.available_at,
        deleted_at=doc.deleted_at,
        roi_authorizes=doc.roi_authorizes,
        roi_effective_on=doc.roi_effective_on,
        roi_expires_on=doc.roi_expires_on,
    )


def request_out(request: DocumentRequest, docs: list[Document], today: date) -> DocumentRequestOut:
    outstanding = request.status == "open" and not any(d.status == "available" for d in docs)
    return DocumentRequestOut(
        id=request.id,
        review_id=request.review_id,
        dispute_id=request.dispute_id,
        plan_id=request.plan_id,
        provider_id=request.provider_id,
        record_id=request.record_id,
        element_key=request.element_key,
        kind=request.kind,
        level=DOCUMENT_POLICY.level_of(request.kind),
        note=request.note,
        due_on=request.due_on,
        day_type=request.day_type,
        status=request.status,
        outstanding=outstanding,
        overdue=outstanding and request.due_on < today,
        requested_by=request.requested_by,
        created_at=request.created_at,
        version=request.version,
        documents=[document_summary(d) for d in sorted(docs, key=lambda d: d.version_number)],
    )


async def _documents_of(
    session: AsyncSession, request_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[Document]]:
    found: dict[uuid.UUID, list[Document]] = defaultdict(list)
    if request_ids:
        for doc in await session.scalars(select(Document).where(Document.request_id.in_(request_ids))):
            found[doc.request_id].append(doc)
    return found


async def get_request(
    session: AsyncSession, caller: Caller, request_id: uuid.UUID, today: date
) -> DocumentRequestOut:
    request = await load_request(session, caller, request_id)
    docs = await _documents_of(session, [request.id])
    return request_out(request, docs[request.id], today)


async def list_requests(
    session: AsyncSession,
    caller: Caller,
    review_id: uuid.UUID,
    page: PageParams,
    today: date,
    *,
    record_id: uuid.UUID | None = None,
    outstanding: bool | None = None,
) -> tuple[list[DocumentRequestOut], str | None]:
    """A review's requests, oldest first; ``record_id`` narrows to one sampled record, ``outstanding`` to
    what is (or is not) still awaited. Evidence attached to a dispute is listed on the dispute instead."""
    await load_review(session, caller, review_id)
    stmt = select(DocumentRequest).where(
        DocumentRequest.review_id == review_id,
        DocumentRequest.dispute_id.is_(None),
        request_scope(caller),
    )
    if record_id is not None:
        stmt = stmt.where(DocumentRequest.record_id == record_id)
    if outstanding is not None:
        awaited = DocumentRequest.status == "open"
        has_available = (
            select(Document.id)
            .where(Document.request_id == DocumentRequest.id, Document.status == "available")
            .exists()
        )
        stmt = stmt.where(awaited & ~has_available if outstanding else ~(awaited & ~has_available))
    rows, cursor = await keyset_page(session, stmt, [DocumentRequest.created_at, DocumentRequest.id], page)
    docs = await _documents_of(session, [r.id for r in rows])
    return [request_out(r, docs[r.id], today) for r in rows], cursor


async def cancel_request(
    session: AsyncSession, caller: Caller, request_id: uuid.UUID, today: date
) -> DocumentRequestOut:
    from oversight_app.documents.reminders import cancel_request_deadlines

    if caller.organization_kind != "plan":
        raise ProblemError(403, "only the health plan cancels its requests", slug="forbidden")
    request = await load_request(session, caller, request_id, for_update=True)
    if request.status == "open":
        request.status = "cancelled"
        await cancel_request_deadlines(session, request.id)
        await session.flush()
        await audit_event(session, caller, "document_request.cancelled", "document_request", request.id)
    docs = await _documents_of(session, [request.id])
    return request_out(request, docs[request.id], today)
