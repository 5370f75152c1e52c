"""Reminders and the overdue notice of document requests: deadlines the worker's sweep turns into notices.

Days come from the documents policy (``reminder_days_before``; overdue the day after the due date). The
handler re-reads the request: one fulfilled or cancelled meanwhile sends nothing, and each notice's
``dedupe_key`` makes a re-run send nothing twice. This module is in the worker's ``HANDLER_MODULES``.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.deadlines import cancel_deadlines, deadline_handler, schedule_deadline
from oversight_db.models.deadlines import Deadline
from oversight_db.models.documents import Document, DocumentRequest
from oversight_db.outbox import add_notice
from oversight_domain.documents import DOCUMENT_POLICY, reminder_dates

SUBJECT_TYPE = "document_request"
DUE_SOON = "document_request_due_soon"
OVERDUE = "document_request_overdue"


async def schedule_request_deadlines(session: AsyncSession, request: DocumentRequest, today: date) -> None:
    for day in reminder_dates(request.due_on, today, DOCUMENT_POLICY):
        await schedule_deadline(
            session,
            organization_id=request.plan_id,
            subject_type=SUBJECT_TYPE,
            subject_id=request.id,
            kind=DUE_SOON,
            due_on=day,
        )
    await schedule_deadline(
        session,
        organization_id=request.plan_id,
        subject_type=SUBJECT_TYPE,
        subject_id=request.id,
        kind=OVERDUE,
        due_on=request.due_on + timedelta(days=1),
    )


async def cancel_request_deadlines(session: AsyncSession, request_id: uuid.UUID) -> None:
    await cancel_deadlines(session, SUBJECT_TYPE, request_id)


@deadline_handler(SUBJECT_TYPE)
async def on_document_request_deadline(session: AsyncSession, deadline: Deadline, today: date) -> None:
    request = await session.scalar(select(DocumentRequest).where(DocumentRequest.id == deadline.subject_id))
    if request is None or request.status != "open" or deadline.kind not in {DUE_SOON, OVERDUE}:
        return
    received = await session.scalar(
        select(Document.id).where(Document.request_id == request.id, Document.status == "available").limit(1)
    )
    if received is not None:
        return
    spec = DOCUMENT_POLICY.kinds[request.kind]
    await add_notice(
        session,
        kind=deadline.kind,
        recipient_organization_id=request.provider_id,
        subject_type=SUBJECT_TYPE,
        subject_id=request.id,
        data={
            "document_request_id": str(request.id),
            "review_id": str(request.review_id),
            "plan_id": str(request.plan_id),
            "provider_id": str(request.provider_id),
            "due_on": request.due_on.isoformat(),
            "document_kind": request.kind,
            "document_title": spec.title,
            "level": spec.level,
            "days_left": max((request.due_on - today).days, 0),
        },
        dedupe_key=f"{deadline.kind}:{request.id}:{request.due_on.isoformat()}",
    )
