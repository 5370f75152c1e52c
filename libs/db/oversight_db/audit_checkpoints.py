"""Signed audit checkpoints: each chain's latest seq and hash, HMAC-signed, kept in blob storage.

A checkpoint lives outside the database, so a database superuser can neither delete the tail of a chain
(the checkpoint names a seq that is gone: truncation) nor recompute a chain (the checkpoint's hash differs:
rewrite) without ``oversight audit verify`` reporting it. The worker writes one daily; ``oversight audit
checkpoint`` writes one at once. Only chain ids (organization ids), seqs and hashes are stored: no member data.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.audit import ChainBreak, CheckpointEntry, canonical, chain_key
from oversight_db.audit_keys import Keyring, current_keyring
from oversight_db.blobs import BlobStore
from oversight_db.models.audit import AuditEvent

PREFIX = "audit/checkpoints/"
FORMAT = "oversight-audit-checkpoint/1"


@dataclass(frozen=True)
class Checkpoint:
    name: str  # the blob key
    chains: dict[str, CheckpointEntry]


def _signed_body(doc: dict[str, Any]) -> bytes:
    return canonical({k: v for k, v in doc.items() if k != "signature"}).encode()


async def write_checkpoint(
    session: AsyncSession, blobs: BlobStore, keyring: Keyring | None = None, now: datetime | None = None
) -> Checkpoint:
    keyring = keyring or current_keyring()
    now = now or datetime.now(UTC)
    rows = (
        await session.execute(
            select(AuditEvent.organization_id, AuditEvent.seq, AuditEvent.hash)
            .distinct(AuditEvent.organization_id)
            .order_by(AuditEvent.organization_id, AuditEvent.seq.desc())
        )
    ).all()
    name = f"{PREFIX}{now:%Y%m%dT%H%M%S%fZ}.json"
    chains = {chain_key(r.organization_id): {"seq": r.seq, "hash": r.hash} for r in rows}
    doc: dict[str, Any] = {
        "format": FORMAT,
        "created_at": now.isoformat(),
        "key_id": keyring.current_id,
        "chains": chains,
    }
    doc["signature"] = keyring.sign(_signed_body(doc))
    await blobs.put(name, json.dumps(doc, sort_keys=True, indent=1).encode(), "application/json")
    return Checkpoint(name, {c: CheckpointEntry(name, c, v["seq"], v["hash"]) for c, v in chains.items()})


def _parse(name: str, data: bytes, keyring: Keyring) -> Checkpoint | str:
    """The checkpoint, or why it cannot be trusted."""
    try:
        doc = json.loads(data)
        signature, key_id, chains = doc["signature"], doc["key_id"], doc["chains"]
        if doc["format"] != FORMAT:
            return "unknown format"
        valid = keyring.check(_signed_body(doc), key_id, signature)
        entries = {c: CheckpointEntry(name, c, int(v["seq"]), str(v["hash"])) for c, v in chains.items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return "unreadable"
    if valid is None:
        return "signed with a key id that is not configured"
    if not valid:
        return "signature does not verify (forged or altered)"
    return Checkpoint(name, entries)


async def load_checkpoints(
    blobs: BlobStore, keyring: Keyring | None = None
) -> tuple[list[Checkpoint], list[ChainBreak]]:
    """Every stored checkpoint whose signature verifies, and a break for each one that does not."""
    keyring = keyring or current_keyring()
    good: list[Checkpoint] = []
    bad: list[ChainBreak] = []
    for name in await blobs.keys(PREFIX):
        parsed = _parse(name, await blobs.get(name), keyring)
        if isinstance(parsed, Checkpoint):
            good.append(parsed)
        else:
            bad.append(ChainBreak("checkpoint", 0, None, f"checkpoint {name}: {parsed}"))
    return good, bad


def entries(checkpoints: list[Checkpoint]) -> list[CheckpointEntry]:
    return [e for cp in checkpoints for e in cp.chains.values()]
