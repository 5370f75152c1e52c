"""The evidence a finding cites, for the findings sheet ("exports list the evidence cited").

Evidence documents are another branch's work (documents cited by findings, on S3); until their tables are
on main this answers nothing, and the findings sheet's "Evidence cited" column stays empty. When they land,
this is the one place to fill: a select of each finding's cited documents' names for the review.
"""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession


async def evidence_cited(session: AsyncSession, review_id: uuid.UUID) -> dict[uuid.UUID, list[str]]:
    """Finding id -> the file names of the documents it cites (none until evidence documents exist)."""
    return {}
