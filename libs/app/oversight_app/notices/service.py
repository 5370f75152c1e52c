"""Reading, marking and re-driving the caller's notices. Services only flush."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Select, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.errors import conflict
from oversight_app.lookup import one_or_404
from oversight_app.pagination import PageParams, keyset_page
from oversight_db.models.notices import Notice, NoticeDelivery
from oversight_db.outbox import hand_over_again


def _visible(caller: Caller) -> list[ColumnElement[bool]]:
    """A notice is for its recipient organization; one addressed to a role only for that role."""
    return [
        Notice.recipient_organization_id == caller.organization_id,
        or_(Notice.recipient_role.is_(None), Notice.recipient_role.in_(["organization", caller.role.value])),
    ]


def _query(caller: Caller) -> Select[tuple[Notice]]:
    return select(Notice).where(*_visible(caller)).options(selectinload(Notice.deliveries))


async def list_notices(
    session: AsyncSession,
    caller: Caller,
    page: PageParams,
    *,
    kind: str | None,
    delivery_status: str | None,
    unread: bool | None,
) -> tuple[list[Notice], str | None]:
    stmt = _query(caller)
    if kind is not None:
        stmt = stmt.where(Notice.kind == kind)
    if delivery_status is not None:
        stmt = stmt.where(Notice.delivery_status == delivery_status)
    if unread is True:
        stmt = stmt.where(Notice.read_at.is_(None))
    elif unread is False:
        stmt = stmt.where(Notice.read_at.is_not(None))
    rows, cursor = await keyset_page(session, stmt, [Notice.created_at, Notice.id], page, descending=True)
    return rows, cursor


async def get_notice(
    session: AsyncSession, caller: Caller, notice_id: uuid.UUID, *, lock: bool = False
) -> Notice:
    stmt = _query(caller).where(Notice.id == notice_id).execution_options(populate_existing=True)
    return await one_or_404(session, stmt, "notice", lock=Notice if lock else None)


async def mark_read(session: AsyncSession, caller: Caller, notice_id: uuid.UUID) -> Notice:
    notice = await get_notice(session, caller, notice_id)
    if notice.read_at is None:  # reading again keeps the first time
        notice.read_at = datetime.now(UTC)
        await session.flush()
    return notice


async def redeliver(session: AsyncSession, caller: Caller, notice_id: uuid.UUID) -> Notice:
    """Re-drive a failed notice: its failed destinations start a fresh retry window; delivered ones stay."""
    notice = await get_notice(session, caller, notice_id, lock=True)
    if notice.delivery_status != "failed":
        raise conflict(f"only a failed notice can be redelivered; this one is {notice.delivery_status}")
    await session.execute(
        update(NoticeDelivery)
        .where(NoticeDelivery.notice_id == notice.id, NoticeDelivery.status == "failed")
        .values(status="pending", first_attempt_at=None)
    )
    notice.delivery_status = "pending"
    notice.attempts = 0  # the first-attempt job id (notice:<id>:0) drives it again
    notice.next_attempt_at = None
    notice.enqueued_at = None
    notice.last_error = None
    await session.flush()
    await audit_event(session, caller, "notice.redeliver", "notice", notice.id, {"kind": notice.kind})
    hand_over_again(session, notice.id)
    return await get_notice(session, caller, notice.id)
