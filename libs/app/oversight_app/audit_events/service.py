"""Listing the audit trail: newest first, filtered, cursor-paginated; only the caller's organization's chain."""

from __future__ import annotations

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit_events.schemas import AuditEventFilter, AuditEventOut
from oversight_app.caller import Caller
from oversight_app.pagination import PageParams, keyset_page
from oversight_db.models.audit import AuditEvent


def _conditions(caller: Caller, only: AuditEventFilter) -> list[ColumnElement[bool]]:
    conditions = [AuditEvent.organization_id == caller.organization_id]
    if only.entity_type is not None:
        conditions.append(AuditEvent.entity_type == only.entity_type)
    if only.entity_id is not None:
        conditions.append(AuditEvent.entity_id == only.entity_id)
    if only.action is not None:
        conditions.append(AuditEvent.action == only.action)
    if only.since is not None:
        conditions.append(AuditEvent.occurred_at >= only.since)
    if only.until is not None:
        conditions.append(AuditEvent.occurred_at < only.until)
    return conditions


async def list_events(
    session: AsyncSession, caller: Caller, page: PageParams, only: AuditEventFilter
) -> tuple[list[AuditEventOut], str | None]:
    stmt = select(AuditEvent).where(*_conditions(caller, only))
    rows, cursor = await keyset_page(session, stmt, [AuditEvent.seq], page, descending=True)
    return [AuditEventOut.model_validate(r) for r in rows], cursor
