"""Documents a provider attaches to its dispute (seed 004's Provider Dispute Form and its attachments).

Each file goes through the documents' presigned flow: ``attach_upload`` makes a dispute-level request (kind
``dispute_evidence``, never a reviewer's ask: no notice, no reminders) and its first version, the provider
sends the bytes to storage and calls ``POST /v1/documents/{id}/complete``, which verifies them as for any
document. The plan deciding lists them with ``list_documents`` and downloads them (audited) like the others.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.caller import Caller
from oversight_app.disputes.service import get
from oversight_app.documents.requests import document_summary
from oversight_app.documents.schemas import DocumentSummary, UploadIn, UploadOut
from oversight_app.documents.uploads import document_scope, new_version
from oversight_app.errors import ProblemError, conflict
from oversight_db.blobs import BlobStore
from oversight_db.models.documents import Document, DocumentRequest
from oversight_db.settings import Settings
from oversight_domain.statuses import DisputeStatus

KIND = "dispute_evidence"


async def attach_upload(
    session: AsyncSession,
    caller: Caller,
    dispute_id: uuid.UUID,
    body: UploadIn,
    blobs: BlobStore,
    settings: Settings,
) -> UploadOut:
    if caller.organization_kind != "provider":
        raise ProblemError(
            403, "only the provider that filed the dispute attaches documents", slug="forbidden"
        )
    dispute = await get(session, caller, dispute_id, lock=True)
    if dispute.status != DisputeStatus.OPEN:
        raise conflict("the dispute is decided; evidence can no longer be added", slug="dispute-decided")
    request = DocumentRequest(
        id=uuid.uuid4(),
        review_id=dispute.review_id,
        dispute_id=dispute.id,
        plan_id=dispute.plan_id,
        provider_id=dispute.provider_id,
        kind=KIND,
        # Nobody chases the provider for its own evidence: the date is only the decision's.
        due_on=dispute.decision_due_on,
        day_type="calendar",
        requested_by=caller.actor,
    )
    session.add(request)
    await session.flush()
    return await new_version(session, caller, request, body, blobs, settings)


async def list_documents(
    session: AsyncSession, caller: Caller, dispute_id: uuid.UUID
) -> list[DocumentSummary]:
    """Every file attached to the dispute, oldest first, with its status (only ``available`` ones are
    verified and can be downloaded)."""
    dispute = await get(session, caller, dispute_id)
    docs = await session.scalars(
        select(Document)
        .where(Document.dispute_id == dispute.id, document_scope(caller))
        .order_by(Document.created_at, Document.id)
    )
    return [document_summary(d) for d in docs]
