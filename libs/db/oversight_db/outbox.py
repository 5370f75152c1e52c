"""The transactional outbox: notices are written with the change that causes them and delivered later.

``add_notice`` only inserts; whoever owns the transaction hands the new ids to the queue after commit
(``pending_notice_ids``), and the worker's relay enqueues whatever that hand-off missed.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models.notices import Notice

_SESSION_KEY = "oversight_new_notice_ids"


async def add_notice(
    session: AsyncSession,
    *,
    kind: str,
    recipient_organization_id: uuid.UUID,
    subject_type: str,
    subject_id: uuid.UUID,
    data: dict[str, Any] | None = None,
    recipient_role: str | None = None,
    dedupe_key: str | None = None,
) -> uuid.UUID | None:
    """Insert a notice; with a ``dedupe_key`` already used, insert nothing and return None."""
    stmt = (
        insert(Notice)
        .values(
            id=uuid.uuid4(),
            kind=kind,
            recipient_organization_id=recipient_organization_id,
            recipient_role=recipient_role,
            subject_type=subject_type,
            subject_id=subject_id,
            data=data or {},
            dedupe_key=dedupe_key,
        )
        .on_conflict_do_nothing(index_elements=[Notice.dedupe_key])
        .returning(Notice.id)
    )
    notice_id = await session.scalar(stmt)
    if notice_id is not None:
        session.info.setdefault(_SESSION_KEY, []).append(notice_id)
    return notice_id


def pending_notice_ids(session: AsyncSession) -> list[uuid.UUID]:
    """Ids of notices this session inserted and has not yet handed over; clears the list."""
    ids: list[uuid.UUID] = session.info.pop(_SESSION_KEY, [])
    return ids
