"""``/v1/notices``: the recipient organization's inbox."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Query

from oversight_api.conventions.pagination import Pagination
from oversight_api.deps import Session
from oversight_api.notices.auth import NoticesRead, NoticesRedeliver
from oversight_app.notices import service
from oversight_app.notices.schemas import NoticeOut
from oversight_app.pagination import Page
from oversight_app.text import Text
from oversight_domain.statuses import NoticeDeliveryStatus

router = APIRouter(tags=["notices"])


@router.get("/notices", response_model=Page[NoticeOut], operation_id="notices_list")
async def list_notices(
    session: Session,
    page: Pagination,
    caller: NoticesRead,
    kind: Text | None = Query(None, max_length=64, description="Only this kind, e.g. review_scheduled"),
    delivery_status: NoticeDeliveryStatus | None = Query(None),
    unread: bool | None = Query(None, description="true: only unread; false: only read"),
) -> Page[NoticeOut]:
    rows, cursor = await service.list_notices(
        session, caller, page, kind=kind, delivery_status=delivery_status, unread=unread
    )
    return Page(items=[NoticeOut.model_validate(r) for r in rows], next_cursor=cursor)


@router.get("/notices/{notice_id}", response_model=NoticeOut, operation_id="notices_get")
async def get_notice(notice_id: uuid.UUID, session: Session, caller: NoticesRead) -> NoticeOut:
    return NoticeOut.model_validate(await service.get_notice(session, caller, notice_id))


@router.post("/notices/{notice_id}/read", response_model=NoticeOut, operation_id="notices_mark_read")
async def mark_read(notice_id: uuid.UUID, session: Session, caller: NoticesRead) -> NoticeOut:
    return NoticeOut.model_validate(await service.mark_read(session, caller, notice_id))


@router.post(
    "/notices/{notice_id}/redeliver",
    status_code=202,
    response_model=NoticeOut,
    operation_id="notices_redeliver",
)
async def redeliver(notice_id: uuid.UUID, session: Session, caller: NoticesRedeliver) -> NoticeOut:
    return NoticeOut.model_validate(await service.redeliver(session, caller, notice_id))
