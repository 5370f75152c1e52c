"""The audit trail: written with each change, hash-chained, append-only at the database, readable by admins."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.admin import verify_audit
from oversight_db import audit
from oversight_db.models import AuditEvent
from tests.conftest import MakeKey, MakeOrg, _make_org


async def test_chain_links_each_event_to_the_previous_and_verifies(
    session: AsyncSession, make_org: MakeOrg
) -> None:
    org = await make_org("plan")
    events = [
        await audit.record(
            session, organization_id=org.id, actor="t", action=f"a{i}", entity_type="x", entity_id=str(i)
        )
        for i in range(3)
    ]
    assert events[0].prev_hash is None
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    assert await verify_audit(session) == []


async def test_tampering_is_detected(superuser_session: AsyncSession) -> None:
    # The application role can do none of this (tests/db/test_roles.py): the attacker here is a superuser.
    session = superuser_session
    org = await _make_org(session, "plan")
    for i in range(3):
        await audit.record(
            session, organization_id=org.id, actor="t", action="a", entity_type="x", entity_id=str(i)
        )
    middle = (
        await session.scalars(
            select(AuditEvent).where(AuditEvent.organization_id == org.id).order_by(AuditEvent.seq)
        )
    ).all()[1]
    # Only a superuser who first disables the trigger can edit; the rolled-back test transaction undoes it.
    await session.execute(text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only"))
    await session.execute(
        text("UPDATE audit_event SET actor = 'someone else' WHERE seq = :seq"), {"seq": middle.seq}
    )
    await session.execute(text("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only"))
    session.expire_all()
    breaks = await verify_audit(session)
    assert [(b.seq, b.reason) for b in breaks] == [(middle.seq, "hash does not match the event's contents")]


@pytest.mark.parametrize("statement", ["UPDATE audit_event SET action = 'x'", "DELETE FROM audit_event"])
async def test_the_database_refuses_to_change_audit_events(
    owner_session: AsyncSession, statement: str
) -> None:
    # The owner holds UPDATE and DELETE on its own table; the trigger refuses anyway. The application role
    # has neither privilege (tests/db/test_roles.py).
    session = owner_session
    org = await _make_org(session, "plan")
    await audit.record(session, organization_id=org.id, actor="t", action="a", entity_type="x", entity_id="1")
    with pytest.raises(DBAPIError, match="append-only"):
        async with session.begin_nested():
            await session.execute(text(statement))


async def test_admins_list_their_own_events_with_filters_and_cursor(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan, other = await make_org("plan"), await make_org("plan")
    h = await auth_headers(plan, "plan_admin")
    for npi in ("1234567893", "1003000126"):
        body = {"npi": npi, "name": "P", "program": "ecm", "effective_from": "2026-01-01"}
        assert (await client.post("/v1/providers", json=body, headers=h)).status_code == 201
    await client.post(
        "/v1/api-keys", json={"name": "x", "role": "viewer"}, headers=await auth_headers(other, "plan_admin")
    )
    first = (
        await client.get("/v1/audit-events", params={"action": "network_link.created", "limit": 1}, headers=h)
    ).json()
    assert len(first["items"]) == 1 and first["next_cursor"]
    second = (
        await client.get(
            "/v1/audit-events",
            params={"action": "network_link.created", "limit": 1, "cursor": first["next_cursor"]},
            headers=h,
        )
    ).json()
    assert second["items"][0]["seq"] < first["items"][0]["seq"] and second["next_cursor"] is None
    event = first["items"][0]
    assert event["actor"].startswith("api_key:") and event["request_id"]
    assert event["changes"]["program"] == "ecm" and "effective_from" in event["changes"]["fields"]
    everything = (await client.get("/v1/audit-events", headers=h)).json()["items"]
    assert {e["organization_id"] for e in everything} == {str(plan.id)}
    since = (await client.get("/v1/audit-events", params={"since": "2999-01-01T00:00:00Z"}, headers=h)).json()
    assert since["items"] == []
    by_entity = (
        await client.get(
            "/v1/audit-events",
            params={"entity_type": "network_link", "entity_id": event["entity_id"]},
            headers=h,
        )
    ).json()["items"]
    assert [e["id"] for e in by_entity] == [event["id"]]
    assert (
        await client.get("/v1/audit-events", headers=await auth_headers(plan, "reviewer"))
    ).status_code == 403
