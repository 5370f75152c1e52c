"""Seed 003's "Valid ROI" element per sampled record: what the uploaded releases of information suggest.

It is a suggestion only. Nothing is written: the reviewer confirms (or not) by answering the element in the
findings, and ``current_answer`` shows what has been answered so far.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.caller import Caller
from oversight_app.documents.schemas import RoiCheckItem, RoiCheckOut
from oversight_app.reviews.service import load_review, tool_of
from oversight_db.models.documents import Document
from oversight_db.models.reviews import Finding, Review, ReviewRecord
from oversight_domain.documents import DOCUMENT_POLICY, roi_covers

NO_ROI = "no release of information has been uploaded and verified for this record"


def _suggest(
    review: Review, record_id: uuid.UUID, key: str, rois: list[Document], answer: Any
) -> RoiCheckItem:
    """A covering ROI (the newest) suggests yes; otherwise the newest ROI's reason, or none uploaded, no."""
    verdicts = [
        (doc, roi_covers(doc.roi_effective_on, doc.roi_expires_on, review.period_start, review.period_end))
        for doc in rois
    ]
    covering = [(doc, v) for doc, v in verdicts if v.covered]
    chosen = covering[0] if covering else (verdicts[0] if verdicts else None)
    return RoiCheckItem(
        record_id=record_id,
        element_key=key,
        suggested_answer="yes" if chosen is not None and chosen[1].covered else "no",
        reason=chosen[1].reason if chosen is not None else NO_ROI,
        document_id=chosen[0].id if chosen is not None else None,
        current_answer=answer,
    )


async def roi_check(session: AsyncSession, caller: Caller, review_id: uuid.UUID) -> RoiCheckOut:
    review = await load_review(session, caller, review_id)
    tool = await tool_of(session, review)
    keys = [
        e.key
        for s in tool.sections
        for e in s.elements
        if e.key in DOCUMENT_POLICY.roi_elements and e.level == "record"
    ]
    records = list(
        await session.scalars(
            select(ReviewRecord.id)
            .where(ReviewRecord.review_id == review.id, ReviewRecord.status == "sampled")
            .order_by(ReviewRecord.draw_number, ReviewRecord.stratum, ReviewRecord.position)
        )
    )
    rois: dict[uuid.UUID | None, list[Document]] = defaultdict(list)
    for doc in await session.scalars(
        select(Document)
        .where(Document.review_id == review.id, Document.kind == "roi", Document.status == "available")
        .order_by(Document.available_at.desc(), Document.id)
    ):
        rois[doc.record_id].append(doc)
    answers = {
        (f.record_id, f.element_key): f.answer
        for f in await session.scalars(
            select(Finding).where(Finding.review_id == review.id, Finding.element_key.in_(keys))
        )
    }
    items = [
        _suggest(review, record_id, key, rois[record_id], answers.get((record_id, key)))
        for record_id in records
        for key in keys
    ]
    return RoiCheckOut(
        review_id=review.id, period_start=review.period_start, period_end=review.period_end, items=items
    )
