"""Tamper evidence that survives a database superuser: keyed hashes, signed checkpoints in blob storage.

The attacker here holds every database power (``superuser_session``: trigger bypassed with
``session_replication_role``) but not the audit key, which only the application processes hold.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import boto3
import pytest
from pydantic import ValidationError
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from oversight_db import audit
from oversight_db.audit_checkpoints import entries, load_checkpoints, write_checkpoint
from oversight_db.audit_keys import current_keyring, load_keyring
from oversight_db.blobs import LocalBlobStore, S3BlobStore
from oversight_db.migrate import upgrade
from oversight_db.models import AuditEvent
from oversight_db.settings import Settings
from tests.conftest import _make_org
from tests.servers import TestServers, in_thread


async def _chain(session: AsyncSession, n: int = 3) -> tuple[uuid.UUID, list[AuditEvent]]:
    org = await _make_org(session, "plan")
    events = [
        await audit.record(
            session, organization_id=org.id, actor="t", action=f"a{i}", entity_type="x", entity_id=str(i)
        )
        for i in range(n)
    ]
    return org.id, events


async def _breaks(session: AsyncSession, org_id: uuid.UUID, **kwargs: Any) -> list[tuple[int, str]]:
    session.expire_all()
    return [
        (b.seq, b.reason)
        async for b in audit.verify(session, **kwargs)
        if b.chain in (str(org_id), "checkpoint")
    ]


async def _rewrite(session: AsyncSession, seq: int, **values: Any) -> None:
    """What a superuser can do: switch the append-only trigger off for this transaction and UPDATE."""
    await session.execute(text("SET LOCAL session_replication_role = replica"))
    sets = ", ".join(f"{column} = :{column}" for column in values)
    await session.execute(text(f"UPDATE audit_event SET {sets} WHERE seq = :seq"), {**values, "seq": seq})
    await session.execute(text("SET LOCAL session_replication_role = origin"))


def _tampered_message(event: AuditEvent, actor: str) -> bytes:
    fields = {**audit._hashed_fields(event), "actor": actor}
    return f"{event.prev_hash or ''}|{audit.canonical(fields)}".encode()


WRONG_KEY = b"not-the-key-" * 4


@pytest.mark.parametrize(
    ("forgery", "reason"),
    [
        ("plain sha256", "hash does not match the event's contents"),
        ("plain sha256 labelled legacy", "unkeyed hash after keyed hashes began (rewritten without the key)"),
        ("hmac, wrong key, same key id", "hash does not match the event's contents"),
        ("hmac, wrong key, new key id", "hash key id is not configured"),
    ],
)
async def test_a_superuser_rewrite_with_a_recomputed_hash_is_reported(
    superuser_session: AsyncSession, forgery: str, reason: str
) -> None:
    session = superuser_session
    org_id, events = await _chain(session)
    assert await _breaks(session, org_id) == []
    # The tail: no later event's prev_hash gives it away, only the hash itself can.
    tail = events[-1]
    message = _tampered_message(tail, "mallory")
    values: dict[str, Any] = {"actor": "mallory", "hash": hashlib.sha256(message).hexdigest()}
    if forgery == "plain sha256 labelled legacy":
        values.update(hash_alg="sha256", key_id=None)
    elif forgery.startswith("hmac"):
        values["hash"] = hmac.new(WRONG_KEY, message, hashlib.sha256).hexdigest()
        if forgery.endswith("new key id"):
            values["key_id"] = "mallory-1"
    await _rewrite(session, tail.seq, **values)
    breaks = await _breaks(session, org_id)
    assert len(breaks) == 1 and breaks[0][0] == tail.seq and breaks[0][1].startswith(reason)


async def test_a_rechained_rewrite_is_reported_at_every_forged_event(superuser_session: AsyncSession) -> None:
    session = superuser_session
    org_id, events = await _chain(session, 4)
    # Rewrite the second event and recompute every later link with plain SHA-256, as today's chain allowed.
    prev = events[0].hash
    for i, event in enumerate(events[1:], start=1):
        fields = {**audit._hashed_fields(event), "actor": "mallory" if i == 1 else event.actor}
        forged = audit.event_hash(prev, fields)
        await _rewrite(session, event.seq, actor=fields["actor"], prev_hash=prev, hash=forged)
        prev = forged
    breaks = await _breaks(session, org_id)
    assert [seq for seq, _ in breaks] == [e.seq for e in events[1:]]
    assert {r for _, r in breaks} == {"hash does not match the event's contents"}


async def test_a_checkpoint_reports_a_deleted_tail_and_a_recomputed_chain(
    superuser_session: AsyncSession, tmp_path: Path
) -> None:
    session = superuser_session
    blobs = LocalBlobStore(tmp_path)
    org_id, events = await _chain(session)
    await write_checkpoint(session, blobs)
    checkpoints, bad = await load_checkpoints(blobs)
    assert bad == [] and len(checkpoints) == 1
    cp = entries(checkpoints)
    seqs = [e.seq for e in events]
    assert await _breaks(session, org_id, checkpoints=cp) == []
    # Deleting the tail leaves a chain whose every link verifies; only the checkpoint knows it was longer.
    await session.execute(text("SET LOCAL session_replication_role = replica"))
    await session.execute(text("DELETE FROM audit_event WHERE seq = :s"), {"s": seqs[-1]})
    await session.execute(text("SET LOCAL session_replication_role = origin"))
    assert await _breaks(session, org_id) == []
    [(seq, reason)] = await _breaks(session, org_id, checkpoints=cp)
    assert seq == seqs[-1]
    assert reason == f"chain ends at seq {seqs[-2]}, before checkpoint {checkpoints[0].name} (truncated)"


async def test_a_checkpoint_reports_a_tail_rewritten_with_the_key_id_of_a_stolen_old_key(
    superuser_session: AsyncSession, tmp_path: Path
) -> None:
    # Even an event re-signed with a valid key (say a leaked, rotated one) differs from the checkpoint.
    session = superuser_session
    blobs = LocalBlobStore(tmp_path)
    org_id, events = await _chain(session)
    checkpoint = await write_checkpoint(session, blobs)
    tail = events[-1]
    keyring = current_keyring()
    forged = keyring.sign(_tampered_message(tail, "mallory"))
    await _rewrite(session, tail.seq, actor="mallory", hash=forged)
    assert await _breaks(session, org_id) == []  # the key itself was stolen: the chain alone cannot tell
    breaks = await _breaks(session, org_id, checkpoints=entries([checkpoint]))
    assert breaks == [(tail.seq, f"differs from checkpoint {checkpoint.name} (rewritten)")]


async def test_a_forged_checkpoint_is_reported(session: AsyncSession, tmp_path: Path) -> None:
    blobs = LocalBlobStore(tmp_path)
    await _chain(session)
    checkpoint = await write_checkpoint(session, blobs)
    path = tmp_path / checkpoint.name
    doc = json.loads(path.read_bytes())
    chain = next(iter(doc["chains"]))
    doc["chains"][chain]["seq"] = 1
    path.write_text(json.dumps(doc))
    good, bad = await load_checkpoints(blobs)
    assert good == [] and [b.reason for b in bad] == [
        f"checkpoint {checkpoint.name}: signature does not verify (forged or altered)"
    ]


async def test_checkpoints_round_trip_through_s3(session: AsyncSession, s3_endpoint: str) -> None:
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    bucket = f"audit-{uuid.uuid4().hex[:8]}"
    client.create_bucket(Bucket=bucket)
    blobs = S3BlobStore(client, bucket)
    org_id, events = await _chain(session)
    first = await write_checkpoint(session, blobs)
    await audit.record(session, organization_id=org_id, actor="t", action="b", entity_type="x", entity_id="9")
    second = await write_checkpoint(session, blobs)
    checkpoints, bad = await load_checkpoints(blobs)
    assert bad == [] and [c.name for c in checkpoints] == [first.name, second.name]
    assert [c.chains for c in checkpoints] == [first.chains, second.chains]
    assert first.chains[str(org_id)].seq == events[-1].seq < second.chains[str(org_id)].seq
    assert await _breaks(session, org_id, checkpoints=entries(checkpoints)) == []


async def test_events_hashed_before_keys_still_verify(servers: TestServers) -> None:
    """A database at 0007 with plain SHA-256 events, upgraded: the old events verify, new ones are keyed."""
    name = f"oversight_legacy_{uuid.uuid4().hex[:10]}"
    owner = make_url(servers.migration_url)
    su = create_async_engine(servers.superuser_url, isolation_level="AUTOCOMMIT")
    async with su.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}" OWNER "{owner.username}"'))
    await su.dispose()
    owner_url = owner.set(database=name).render_as_string(hide_password=False)
    try:
        in_thread(upgrade, owner_url, "0007")
        engine = create_async_engine(owner_url)
        async with engine.begin() as conn:
            prev = None
            for i in range(2):
                event_id, at = uuid.uuid4(), datetime(2026, 1, i + 1, tzinfo=UTC)
                fields: dict[str, Any] = {
                    "id": str(event_id), "organization_id": None, "actor": "old", "action": f"a{i}",
                    "entity_type": "x", "entity_id": None, "request_id": None,
                    "occurred_at": at.isoformat(), "changes": {},
                }  # fmt: skip
                digest = audit.event_hash(prev, fields)  # what 0001..0007's INSERT ... sha256 stored
                await conn.execute(
                    text(
                        "INSERT INTO audit_event (id, actor, action, entity_type, occurred_at, changes, "
                        "prev_hash, hash) VALUES (:id, 'old', :action, 'x', :at, '{}', :prev, :hash)"
                    ),
                    {"id": event_id, "action": f"a{i}", "at": at, "prev": prev, "hash": digest},
                )
                prev = digest
        await engine.dispose()
        in_thread(upgrade, owner_url, "head")
        engine = create_async_engine(owner_url)
        async with AsyncSession(engine) as session, session.begin():
            await audit.record(
                session, organization_id=None, actor="new", action="c", entity_type="x", entity_id="1"
            )
            rows = await session.execute(
                select(AuditEvent.hash_alg, AuditEvent.key_id).order_by(AuditEvent.seq)
            )
            keyed = ("hmac-sha256", current_keyring().current_id)
            assert [tuple(r) for r in rows] == [("sha256", None), ("sha256", None), keyed]
            assert [b async for b in audit.verify(session)] == []
        await engine.dispose()
    finally:
        su = create_async_engine(servers.superuser_url, isolation_level="AUTOCOMMIT")
        async with su.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await su.dispose()


def test_production_refuses_to_start_without_an_audit_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OVERSIGHT_AUDIT_KEY", raising=False)
    with pytest.raises(ValidationError, match="OVERSIGHT_AUDIT_KEY must be set in production"):
        Settings(environment="production", _env_file=None)
    with pytest.raises(ValidationError, match="at least 32 characters") as refused:
        Settings(environment="production", audit_key="k1:short-secret", _env_file=None)
    assert "short-secret" not in str(refused.value)


def test_outside_production_a_key_is_generated_once_under_the_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("OVERSIGHT_AUDIT_KEY", raising=False)
    settings = Settings(environment="development", data_dir=tmp_path, _env_file=None)
    first, again = load_keyring(settings), load_keyring(settings)
    assert first == again and first.current_id.startswith("dev-")
    assert stat.S_IMODE(os.stat(tmp_path / "audit.key").st_mode) == 0o600


def test_previous_keys_verify_and_the_current_key_signs(monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = "k1:" + "a" * 32, "k2:" + "b" * 32
    keyring = load_keyring(Settings(audit_key=new, audit_previous_keys=old, _env_file=None))
    signed_old = hmac.new(b"a" * 32, b"m", hashlib.sha256).hexdigest()
    assert keyring.current_id == "k2" and keyring.check(b"m", "k1", signed_old) is True
    assert keyring.sign(b"m") == hmac.new(b"b" * 32, b"m", hashlib.sha256).hexdigest()
