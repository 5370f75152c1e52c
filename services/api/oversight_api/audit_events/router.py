"""``GET /v1/audit-events``: newest first, filtered, cursor-paginated; only the caller's organization's chain."""

from __future__ import annotations

from fastapi import APIRouter, Query

from oversight_api.audit_events.auth import AuditRead
from oversight_api.conventions.pagination import Pagination
from oversight_api.deps import Session
from oversight_app.audit_events import service
from oversight_app.audit_events.schemas import AuditEventFilter, AuditEventOut
from oversight_app.bounds import Instant
from oversight_app.pagination import Page
from oversight_app.text import Text

router = APIRouter(tags=["audit"])


@router.get("/audit-events", response_model=Page[AuditEventOut], operation_id="audit_events_list")
async def list_audit_events(
    session: Session,
    page: Pagination,
    caller: AuditRead,
    entity_type: Text | None = Query(None, max_length=64),
    entity_id: Text | None = Query(None, max_length=64),
    action: Text | None = Query(None, max_length=64),
    since: Instant | None = Query(None, description="Events at or after this time"),
    until: Instant | None = Query(None, description="Events before this time"),
) -> Page[AuditEventOut]:
    only = AuditEventFilter(entity_type, entity_id, action, since, until)
    items, cursor = await service.list_events(session, caller, page, only)
    return Page(items=items, next_cursor=cursor)
