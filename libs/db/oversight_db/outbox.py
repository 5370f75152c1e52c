"""The transactional outbox: notices are written with the change that causes them and delivered later.

``add_notice`` only inserts; whoever owns the transaction hands the new ids to the queue after commit
(``pending_notice_ids``), and the worker's relay enqueues whatever that hand-off missed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models.notices import Notice
from oversight_db.notice_kinds import NOTICE_KINDS, phi_keys_in

_SESSION_KEY = "oversight_new_notice_ids"
# A handed-off job that has not finished by then is presumed lost (worker killed, Redis restarted empty):
# the relay enqueues the attempt again. Longer than the job timeout, so a running job is never doubled.
JOB_LEASE = timedelta(minutes=2)


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
    if kind not in NOTICE_KINDS:
        # A programming error: an undeclared kind has no template and no webhook event type partners can
        # subscribe to (capacity reminders were written as one, and no partner could ever receive them).
        raise ValueError(f"undeclared notice kind {kind!r}: declare it in oversight_db.notice_kinds")
    leaked = phi_keys_in(data or {})
    if leaked:
        # A programming error, caught before member data reaches Redis, e-mail or a partner's webhook.
        raise ValueError(f"notice data must not carry member data (keys: {sorted(leaked)})")
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


def hand_over_again(session: AsyncSession, notice_id: uuid.UUID) -> None:
    """Queue an existing notice for hand-off after this session commits (used when re-driving one)."""
    session.info.setdefault(_SESSION_KEY, []).append(notice_id)


async def mark_enqueued(session: AsyncSession, notice_ids: Iterable[uuid.UUID], now: datetime) -> None:
    """Record that first-attempt jobs reached the queue, with a lease after which the relay re-sends them.

    Rows a delivery job holds locked are skipped rather than waited for (the request that handed them off
    must not wait on a webhook); that job records ``enqueued_at`` itself.
    """
    ids = list(notice_ids)
    if not ids:
        return
    claimable = (
        select(Notice.id)
        .where(Notice.id.in_(ids), Notice.enqueued_at.is_(None), Notice.delivery_status == "pending")
        .with_for_update(skip_locked=True)
    )
    await session.execute(
        update(Notice)
        .where(Notice.id.in_(claimable.scalar_subquery()))
        .values(enqueued_at=now, next_attempt_at=now + JOB_LEASE)
        .execution_options(synchronize_session=False)
    )
