"""The evidence a finding cites, for the findings sheet ("exports list the evidence cited").

Each cited document is labelled by its kind's title, version and pages (``Care plan v2, p. 2-4``), never by
its file name: a member document's name is seed 003's ``Last NameCIN`` (member data), and the export goes to
callers who may not read member identity.
"""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models.documents import Document, DocumentCitation
from oversight_db.models.reviews import Finding
from oversight_domain.documents import DOCUMENT_POLICY


def _label(kind: str, version_number: int, pages: str | None) -> str:
    spec = DOCUMENT_POLICY.kinds.get(kind)
    label = f"{spec.title if spec else kind} v{version_number}"
    return f"{label}, p. {pages}" if pages else label


async def evidence_cited(session: AsyncSession, review_id: uuid.UUID) -> dict[uuid.UUID, list[str]]:
    """Finding id -> a label for each document it cites, in citation order."""
    rows = await session.execute(
        select(Finding.id, Document.kind, Document.version_number, DocumentCitation.pages)
        .join(
            DocumentCitation,
            and_(
                DocumentCitation.review_id == Finding.review_id,
                DocumentCitation.element_key == Finding.element_key,
                DocumentCitation.record_id.is_not_distinct_from(Finding.record_id),
            ),
        )
        .join(Document, Document.id == DocumentCitation.document_id)
        .where(Finding.review_id == review_id)
        .order_by(DocumentCitation.cited_at, DocumentCitation.id)
    )
    found: dict[uuid.UUID, list[str]] = defaultdict(list)
    for finding_id, kind, version_number, pages in rows:
        found[finding_id].append(_label(kind, version_number, pages))
    return found
