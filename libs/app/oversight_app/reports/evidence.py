"""The evidence a finding cites, for the findings sheet ("exports list the evidence cited").

A citation (``document_citation``) names a review, a record (or none: a provider-level element), an element
and a document, optionally its pages; the finding it belongs to is the one with the same review, record and
element. A member document's stored name (``Last NameCIN``, seed 003) is member data: it is printed only for
callers who see member identity; the others get the document's kind and version ("care_plan v2").
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models.documents import Document, DocumentCitation
from oversight_db.models.reviews import Finding


def _label(
    name: str, kind: str, version: int, member_document: bool, identity: bool, pages: str | None
) -> str:
    shown = name if identity or not member_document else f"{kind} v{version}"
    return f"{shown} (pages {pages})" if pages else shown


async def evidence_cited(
    session: AsyncSession, review_id: uuid.UUID, *, identity: bool
) -> dict[uuid.UUID, list[str]]:
    """Finding id -> the documents it cites (stored name or kind and version, and pages), in citing order."""
    rows = (
        await session.execute(
            select(
                Finding.id,
                Document.stored_name,
                Document.kind,
                Document.version_number,
                Document.record_id,
                DocumentCitation.pages,
            )
            .join(
                Finding,
                (Finding.review_id == DocumentCitation.review_id)
                & Finding.record_id.is_not_distinct_from(DocumentCitation.record_id)
                & (Finding.element_key == DocumentCitation.element_key),
            )
            .join(Document, Document.id == DocumentCitation.document_id)
            .where(DocumentCitation.review_id == review_id)
            .order_by(DocumentCitation.cited_at, DocumentCitation.id)
        )
    ).all()
    cited: dict[uuid.UUID, list[str]] = {}
    for finding_id, name, kind, version, record_id, pages in rows:
        cited.setdefault(finding_id, []).append(
            _label(name, kind, version, record_id is not None, identity, pages)
        )
    return cited
