"""Writing and verifying the audit trail.

Events chain per organization: each hash covers the previous hash and the event's fields, so an edit or a
deletion anywhere breaks every later link. Writers take a transaction-scoped advisory lock per organization so
two concurrent transactions cannot both link to the same predecessor.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, String, Uuid, func, insert, literal, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models.audit import AuditEvent

GLOBAL_CHAIN = "global"


def _chain_key(organization_id: uuid.UUID | None) -> str:
    return str(organization_id) if organization_id else GLOBAL_CHAIN


def _hashed_fields(event: AuditEvent) -> dict[str, Any]:
    return {
        "id": str(event.id),
        "organization_id": str(event.organization_id) if event.organization_id else None,
        "actor": event.actor,
        "action": event.action,
        "entity_type": event.entity_type,
        "entity_id": event.entity_id,
        "request_id": event.request_id,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(),
        "changes": event.changes,
    }


def _canonical(fields: dict[str, Any]) -> str:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)


def event_hash(prev_hash: str | None, fields: dict[str, Any]) -> str:
    return hashlib.sha256(f"{prev_hash or ''}|{_canonical(fields)}".encode()).hexdigest()


async def record(
    session: AsyncSession,
    *,
    organization_id: uuid.UUID | None,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID | str | None,
    request_id: str | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event in the caller's transaction. ``changes`` must hold field names and non-PHI facts only.

    Two statements: the chain's advisory lock, then one ``INSERT ... SELECT`` that reads the previous hash
    and computes the new one in Postgres (``sha256`` of the same text ``event_hash`` hashes). The insert is
    a new statement, so under READ COMMITTED it sees the event the previous lock holder committed.
    """
    key = _chain_key(organization_id)
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(f"audit:{key}", 0))))
    chain = (
        AuditEvent.organization_id == organization_id
        if organization_id
        else AuditEvent.organization_id.is_(None)
    )
    event_id = uuid.uuid4()
    occurred_at = datetime.now(UTC)
    entity = str(entity_id) if entity_id is not None else None
    fields: dict[str, Any] = {
        "id": str(event_id),
        "organization_id": str(organization_id) if organization_id else None,
        "actor": actor,
        "action": action,
        "entity_type": entity_type,
        "entity_id": entity,
        "request_id": request_id,
        "occurred_at": occurred_at.isoformat(),
        "changes": changes or {},
    }
    prev = (
        select(
            select(AuditEvent.hash)
            .where(chain)
            .order_by(AuditEvent.seq.desc())
            .limit(1)
            .scalar_subquery()
            .label("h")
        )
    ).subquery("prev")
    hashed_text = func.coalesce(prev.c.h, "") + "|" + _canonical(fields)
    source = select(
        literal(event_id, Uuid()),
        literal(organization_id, Uuid()),
        literal(actor),
        literal(action),
        literal(entity_type),
        literal(entity, String()),
        literal(request_id, String()),
        literal(occurred_at, DateTime(timezone=True)),
        literal(changes or {}, JSONB()),
        prev.c.h,
        func.encode(func.sha256(func.convert_to(hashed_text, "UTF8")), "hex"),
    )
    columns = [
        "id",
        "organization_id",
        "actor",
        "action",
        "entity_type",
        "entity_id",
        "request_id",
        "occurred_at",
        "changes",
        "prev_hash",
        "hash",
    ]
    event = await session.scalar(insert(AuditEvent).from_select(columns, source).returning(AuditEvent))
    assert event is not None
    return event


@dataclass(frozen=True)
class ChainBreak:
    chain: str
    seq: int
    event_id: uuid.UUID
    reason: str


async def verify(session: AsyncSession, batch_size: int = 5000) -> AsyncIterator[ChainBreak]:
    """Yield every break in every organization's chain, streaming rows in ``seq`` order."""
    last: dict[str, str | None] = {}
    stream = await session.stream_scalars(
        select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=batch_size)
    )
    async for event in stream:
        key = _chain_key(event.organization_id)
        expected_prev = last.get(key)
        if event.prev_hash != expected_prev:
            yield ChainBreak(key, event.seq, event.id, "prev_hash does not match the previous event")
        if event.hash != event_hash(event.prev_hash, _hashed_fields(event)):
            yield ChainBreak(key, event.seq, event.id, "hash does not match the event's contents")
        last[key] = event.hash
