"""Findings cite documents: written with the findings (same request, same If-Match), read back on the findings
and listed as the scorecard's evidence.

A finding may cite only an available document of its own review. Anything else (another review's, another
plan's, a rejected or deleted one, an id that does not exist) is the same 422, so the answer never tells
whether a document exists elsewhere.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, delete, or_, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.caller import Caller
from oversight_app.reviews.schemas import CitationOut, EvidenceCitedOut, FindingIn
from oversight_db.models.documents import Document, DocumentCitation
from oversight_db.models.reviews import ReviewRecord

FindingKey = tuple[uuid.UUID | None, str]  # (record id or None for the provider, element key)


async def citation_errors(
    session: AsyncSession, review_id: uuid.UUID, body: Sequence[FindingIn]
) -> list[dict[str, Any]]:
    """Each citation that names no available document of the review, or a document already cited by the
    same finding, as an entry of the 422's ``errors``."""
    cited = {c.document_id for f in body for c in f.citations or ()}
    if not cited:
        return []
    citable = set(
        await session.scalars(
            select(Document.id).where(
                Document.id.in_(cited), Document.review_id == review_id, Document.status == "available"
            )
        )
    )
    errors: list[dict[str, Any]] = []
    for i, finding in enumerate(body):
        seen: set[uuid.UUID] = set()
        for j, citation in enumerate(finding.citations or ()):
            path = f"body[{i}].citations[{j}].document_id"
            if citation.document_id not in citable:
                errors.append({"path": path, "message": "not an available document of this review"})
            elif citation.document_id in seen:
                errors.append({"path": path, "message": "cited twice by the same finding"})
            seen.add(citation.document_id)
    return errors


async def replace_citations(
    session: AsyncSession, caller: Caller, review_id: uuid.UUID, body: Sequence[FindingIn]
) -> int:
    """The findings that carry ``citations`` get exactly those (others keep theirs). The number written."""
    given = [f for f in body if f.citations is not None]
    if not given:
        return 0
    provider_keys = [f.element_key for f in given if f.record_id is None]
    record_keys = [(f.record_id, f.element_key) for f in given if f.record_id is not None]
    await session.execute(
        delete(DocumentCitation).where(
            DocumentCitation.review_id == review_id,
            or_(
                and_(DocumentCitation.record_id.is_(None), DocumentCitation.element_key.in_(provider_keys)),
                tuple_(DocumentCitation.record_id, DocumentCitation.element_key).in_(record_keys),
            ),
        )
    )
    now = datetime.now(UTC)
    values = [
        {
            "id": uuid.uuid4(),
            "review_id": review_id,
            "record_id": f.record_id,
            "element_key": f.element_key,
            "document_id": c.document_id,
            "pages": c.pages,
            "cited_by": caller.actor,
            "cited_at": now,
        }
        for f in given
        for c in f.citations or ()
    ]
    if values:
        await session.execute(insert(DocumentCitation).values(values))
    return len(values)


async def _rows(session: AsyncSession, review_id: uuid.UUID, *, sampled_only: bool) -> Any:
    stmt = (
        select(DocumentCitation, Document.kind, Document.version_number)
        .join(Document, Document.id == DocumentCitation.document_id)
        .where(DocumentCitation.review_id == review_id)
        .order_by(
            DocumentCitation.record_id.nulls_first(),
            DocumentCitation.element_key,
            DocumentCitation.cited_at,
            DocumentCitation.id,
        )
    )
    if sampled_only:
        # As the scorer: provider-level answers and the sampled records' (an excluded record's are not scored).
        stmt = stmt.outerjoin(ReviewRecord, ReviewRecord.id == DocumentCitation.record_id).where(
            DocumentCitation.record_id.is_(None) | (ReviewRecord.status == "sampled")
        )
    return (await session.execute(stmt)).all()


async def citations_by_finding(
    session: AsyncSession, review_id: uuid.UUID
) -> dict[FindingKey, list[CitationOut]]:
    found: dict[FindingKey, list[CitationOut]] = defaultdict(list)
    for citation, kind, version_number in await _rows(session, review_id, sampled_only=False):
        found[(citation.record_id, citation.element_key)].append(
            CitationOut(
                document_id=citation.document_id,
                document_kind=kind,
                version_number=version_number,
                pages=citation.pages,
                cited_by=citation.cited_by,
                cited_at=citation.cited_at,
            )
        )
    return found


async def evidence_cited(session: AsyncSession, review_id: uuid.UUID) -> tuple[EvidenceCitedOut, ...]:
    """The scorecard's evidence: what the scored findings cite, per record and element."""
    return tuple(
        EvidenceCitedOut(
            record_id=citation.record_id,
            element_key=citation.element_key,
            document_id=citation.document_id,
            document_kind=kind,
            version_number=version_number,
            pages=citation.pages,
        )
        for citation, kind, version_number in await _rows(session, review_id, sampled_only=True)
    )
