"""Writing and verifying the audit trail.

Events chain per organization: each hash covers the previous hash and the event's fields, so an edit or a
deletion anywhere breaks every later link. Writers take a transaction-scoped advisory lock per organization so
two concurrent transactions cannot both link to the same predecessor.

Hashes are HMAC-SHA256 under a key the database never sees (``audit_keys``), computed here in Python: a database
superuser who rewrites an event cannot produce a hash that verifies. Events written before keyed hashes carry
``hash_alg = "sha256"`` and still verify; a plain hash after the first keyed one is reported (a downgrade), and
signed checkpoints in blob storage (``audit_checkpoints``) catch a truncated tail or a recomputed chain.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.audit_keys import Keyring, current_keyring
from oversight_db.models.audit import AuditEvent

GLOBAL_CHAIN = "global"
HMAC_SHA256 = "hmac-sha256"
LEGACY_SHA256 = "sha256"


def chain_key(organization_id: uuid.UUID | None) -> str:
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


def canonical(fields: dict[str, Any]) -> str:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)


def _message(prev_hash: str | None, fields: dict[str, Any]) -> bytes:
    return f"{prev_hash or ''}|{canonical(fields)}".encode()


def event_hash(prev_hash: str | None, fields: dict[str, Any]) -> str:
    """The unkeyed SHA-256 of events written before keyed hashes (``hash_alg = "sha256"``)."""
    return hashlib.sha256(_message(prev_hash, fields)).hexdigest()


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

    Three statements: the chain's advisory lock, the previous hash, then the insert with the HMAC computed here
    (the key never reaches the database). The read is a new statement after the lock, so under READ COMMITTED
    it sees the event the previous lock holder committed.
    """
    keyring = current_keyring()
    chain = (
        AuditEvent.organization_id == organization_id
        if organization_id
        else AuditEvent.organization_id.is_(None)
    )
    await session.execute(
        select(func.pg_advisory_xact_lock(func.hashtextextended(f"audit:{chain_key(organization_id)}", 0)))
    )
    prev_hash = await session.scalar(
        select(AuditEvent.hash).where(chain).order_by(AuditEvent.seq.desc()).limit(1)
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
    values = {
        "id": event_id,
        "organization_id": organization_id,
        "actor": actor,
        "action": action,
        "entity_type": entity_type,
        "entity_id": entity,
        "request_id": request_id,
        "occurred_at": occurred_at,
        "changes": changes or {},
        "prev_hash": prev_hash,
        "hash": keyring.sign(_message(prev_hash, fields)),
        "hash_alg": HMAC_SHA256,
        "key_id": keyring.current_id,
    }
    event = await session.scalar(insert(AuditEvent).values(**values).returning(AuditEvent))
    assert event is not None
    return event


@dataclass(frozen=True)
class ChainBreak:
    chain: str
    seq: int
    event_id: uuid.UUID | None  # None when the event is gone (a checkpoint names a deleted one)
    reason: str


@dataclass(frozen=True)
class CheckpointEntry:
    """A chain's last event as a signed checkpoint recorded it (see ``audit_checkpoints``)."""

    checkpoint: str
    chain: str
    seq: int
    hash: str


def _hash_problem(event: AuditEvent, keyring: Keyring, keyed_seen: bool) -> str | None:
    message = _message(event.prev_hash, _hashed_fields(event))
    if event.hash_alg == LEGACY_SHA256:
        if keyed_seen:
            return "unkeyed hash after keyed hashes began (rewritten without the key)"
        matches: bool | None = hmac.compare_digest(event.hash, hashlib.sha256(message).hexdigest())
    elif event.hash_alg == HMAC_SHA256:
        matches = keyring.check(message, event.key_id, event.hash)
        if matches is None:
            return "hash key id is not configured (OVERSIGHT_AUDIT_KEY / OVERSIGHT_AUDIT_PREVIOUS_KEYS)"
    else:
        return "unknown hash algorithm"
    return None if matches else "hash does not match the event's contents"


@dataclass
class _Verifier:
    keyring: Keyring
    expected: dict[int, CheckpointEntry]
    last_hash: dict[str, str | None] = field(default_factory=dict)
    last_seq: dict[str, int] = field(default_factory=dict)
    keyed_seen: bool = False
    found: set[int] = field(default_factory=set)

    def check(self, event: AuditEvent) -> Iterable[ChainBreak]:
        key = chain_key(event.organization_id)
        if event.prev_hash != self.last_hash.get(key):
            yield ChainBreak(key, event.seq, event.id, "prev_hash does not match the previous event")
        problem = _hash_problem(event, self.keyring, self.keyed_seen)
        if problem:
            yield ChainBreak(key, event.seq, event.id, problem)
        self.keyed_seen = self.keyed_seen or event.hash_alg == HMAC_SHA256
        entry = self.expected.get(event.seq)
        if entry is not None:
            self.found.add(event.seq)
            if entry.chain != key or entry.hash != event.hash:
                reason = f"differs from checkpoint {entry.checkpoint} (rewritten)"
                yield ChainBreak(entry.chain, event.seq, event.id, reason)
        self.last_hash[key] = event.hash
        self.last_seq[key] = event.seq

    def missing(self) -> Iterable[ChainBreak]:
        for seq, entry in sorted(self.expected.items()):
            if seq in self.found:
                continue
            end = self.last_seq.get(entry.chain, 0)
            if end < seq:
                reason = f"chain ends at seq {end}, before checkpoint {entry.checkpoint} (truncated)"
            else:
                reason = f"event recorded by checkpoint {entry.checkpoint} is missing (deleted)"
            yield ChainBreak(entry.chain, seq, None, reason)


async def verify(
    session: AsyncSession,
    batch_size: int = 5000,
    *,
    keyring: Keyring | None = None,
    checkpoints: Iterable[CheckpointEntry] = (),
) -> AsyncIterator[ChainBreak]:
    """Yield every break in every organization's chain, streaming rows in ``seq`` order, and every event a
    checkpoint recorded that is now different or gone."""
    verifier = _Verifier(keyring or current_keyring(), {e.seq: e for e in checkpoints})
    stream = await session.stream_scalars(
        select(AuditEvent).order_by(AuditEvent.seq).execution_options(yield_per=batch_size)
    )
    async for event in stream:
        for problem in verifier.check(event):
            yield problem
    for problem in verifier.missing():
        yield problem
