"""The admin CLI against a real database: orgs, keys (usable by the API), revocation, audit verify."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from oversight_api.app import create_app
from oversight_api.auth.keycache import ApiKeyCache
from oversight_api.resources import Resources
from oversight_db.models import AuditEvent
from tests import servers as test_servers

Servers = test_servers.TestServers


def cli(servers: Servers, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "OVERSIGHT_DATABASE_URL": servers.database_url,
        "OVERSIGHT_LOG_LEVEL": "warning",
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "-m", "oversight_api.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


async def _ping(resources: Resources, key: str) -> httpx.Response:
    # A fresh app and key cache each time, as in a new process (the cache delays revocation by its TTL).
    app = create_app(resources=dataclasses.replace(resources, api_keys=ApiKeyCache()))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
        return await c.get("/v1/ping", headers={"Authorization": f"Bearer {key}"})


async def test_orgs_and_keys_from_the_cli_work_against_the_api(
    servers: Servers, committed_resources: Resources
) -> None:
    made = cli(servers, "orgs", "create", "--kind", "plan", "--name", "CLI Plan", "--jurisdiction", "US-CA")
    assert made.returncode == 0, made.stderr
    org_id = uuid.UUID(made.stdout.strip())
    refused = cli(servers, "keys", "create", "--org", str(org_id), "--role", "provider")
    assert refused.returncode == 1 and "plan organization has the roles" in refused.stderr
    created = cli(servers, "keys", "create", "--org", str(org_id), "--role", "plan_admin")
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip()
    assert key.startswith("ovs_") and "not shown again" in created.stderr
    r = await _ping(committed_resources, key)
    assert r.status_code == 200 and r.json() == {
        "organization_id": str(org_id),
        "organization_kind": "plan",
        "role": "plan_admin",
        "actor": f"api_key:{key.split('_')[1]}",
    }
    revoked = cli(servers, "keys", "revoke", key.split("_")[1])
    assert revoked.returncode == 0, revoked.stderr
    assert (await _ping(committed_resources, key)).status_code == 401


async def test_audit_verify_exits_non_zero_on_a_break(
    servers: Servers, engine: AsyncEngine, superuser_engine: AsyncEngine
) -> None:
    made = cli(servers, "orgs", "create", "--kind", "state", "--name", "CLI State")
    assert made.returncode == 0, made.stderr
    assert cli(servers, "audit", "verify").returncode == 0
    async with engine.begin() as conn:
        event = (
            await conn.execute(
                select(AuditEvent.seq, AuditEvent.action).where(
                    AuditEvent.organization_id == uuid.UUID(made.stdout.strip())
                )
            )
        ).one()

    async def set_action(action: str) -> None:
        # Only a superuser can still do this; the application role the CLI and the API use cannot.
        async with superuser_engine.begin() as conn:
            await conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only"))
            await conn.execute(
                text("UPDATE audit_event SET action = :a WHERE seq = :s"), {"a": action, "s": event.seq}
            )
            await conn.execute(text("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only"))

    await set_action("organization.deleted")
    try:
        broken = cli(servers, "audit", "verify")
        assert broken.returncode == 1
        assert f"seq={event.seq}" in broken.stdout and "hash does not match" in broken.stdout
    finally:
        await set_action(event.action)  # later tests verify the same database
    assert cli(servers, "audit", "verify").returncode == 0


async def test_audit_checkpoint_then_verify_checks_the_stored_checkpoint(
    servers: Servers, tmp_path: Path
) -> None:
    made = cli(servers, "orgs", "create", "--kind", "state", "--name", "Checkpointed State")
    assert made.returncode == 0, made.stderr
    written = cli(servers, "audit", "checkpoint", OVERSIGHT_DATA_DIR=str(tmp_path))
    assert written.returncode == 0, written.stderr
    assert written.stdout.startswith("checkpoint audit/checkpoints/") and "chain(s)" in written.stdout
    [stored] = list((tmp_path / "blobs" / "audit" / "checkpoints").iterdir())
    assert made.stdout.strip() in json.loads(stored.read_bytes())["chains"]
    assert cli(servers, "audit", "verify", OVERSIGHT_DATA_DIR=str(tmp_path)).returncode == 0
    stored.write_text(stored.read_text().replace('"seq": ', '"seq": 1'))
    forged = cli(servers, "audit", "verify", OVERSIGHT_DATA_DIR=str(tmp_path))
    assert forged.returncode == 1 and "signature does not verify" in forged.stdout


async def test_an_unprintable_operating_system_user_name_is_audited_as_the_uid(
    servers: Servers, engine: AsyncEngine
) -> None:
    """``cli:<user>`` takes the name from LOGNAME first: one with a newline is not written to the audit
    trail; the operator is recorded by uid instead."""
    made = cli(servers, "orgs", "create", "--kind", "plan", "--name", "CLI Eve", "--jurisdiction", "US-CA",
               LOGNAME="eve\ncli:root")  # fmt: skip
    assert made.returncode == 0, made.stderr
    org_id = uuid.UUID(made.stdout.strip())
    async with engine.connect() as conn:
        actors = (
            await conn.scalars(select(AuditEvent.actor).where(AuditEvent.organization_id == org_id))
        ).all()
    assert actors and set(actors) == {f"cli:uid-{os.getuid()}"}
