"""``GET /v1/audit-events``: newest first, filtered, cursor-paginated; only the caller's organization's chain."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from oversight_api.auth.caller import require
from oversight_api.conventions.pagination import Pagination
from oversight_api.deps import Session
from oversight_app.caller import Caller
from oversight_app.pagination import Page, keyset_page
from oversight_app.permissions import Permission
from oversight_db.models.audit import AuditEvent

router = APIRouter(tags=["audit"])


class AuditEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    seq: int
    organization_id: uuid.UUID | None
    actor: str
    action: str
    entity_type: str
    entity_id: str | None
    request_id: str | None
    occurred_at: datetime
    changes: dict[str, Any]
    prev_hash: str | None
    hash: str


@router.get("/audit-events", response_model=Page[AuditEventOut], operation_id="audit_events_list")
async def list_audit_events(
    session: Session,
    page: Pagination,
    entity_type: str | None = Query(None, max_length=64),
    entity_id: str | None = Query(None, max_length=64),
    action: str | None = Query(None, max_length=64),
    since: datetime | None = Query(None, description="Events at or after this time"),
    until: datetime | None = Query(None, description="Events before this time"),
    caller: Caller = Depends(require(Permission.AUDIT_READ)),
) -> Page[AuditEventOut]:
    stmt = select(AuditEvent).where(AuditEvent.organization_id == caller.organization_id)
    if entity_type is not None:
        stmt = stmt.where(AuditEvent.entity_type == entity_type)
    if entity_id is not None:
        stmt = stmt.where(AuditEvent.entity_id == entity_id)
    if action is not None:
        stmt = stmt.where(AuditEvent.action == action)
    if since is not None:
        stmt = stmt.where(AuditEvent.occurred_at >= since)
    if until is not None:
        stmt = stmt.where(AuditEvent.occurred_at < until)
    rows, cursor = await keyset_page(session, stmt, [AuditEvent.seq], page, descending=True)
    return Page(items=[AuditEventOut.model_validate(r) for r in rows], next_cursor=cursor)
