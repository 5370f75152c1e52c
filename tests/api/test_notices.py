"""The notice inbox and webhook endpoint management over HTTP."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import httpx
from arq.connections import ArqRedis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models import Notice, NoticeDelivery, WebhookEndpoint
from oversight_db.outbox import add_notice
from tests.conftest import MakeKey, MakeOrg


async def _notices(session: AsyncSession, org_id: uuid.UUID, n: int, **kw: object) -> list[uuid.UUID]:
    ids = []
    for i in range(n):
        notice_id = await add_notice(
            session,
            kind=str(kw.get("kind", "review_scheduled")),
            recipient_organization_id=org_id,
            subject_type="review",
            subject_id=uuid.uuid4(),
            data={"review_id": str(uuid.uuid4()), "scheduled_for": "2026-12-01", "seq": i},
            recipient_role=kw.get("recipient_role"),  # type: ignore[arg-type]
        )
        assert notice_id
        ids.append(notice_id)
    return ids


async def test_inbox_lists_the_callers_notices_newest_first_with_filters_and_cursor(
    client: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    provider = await make_org("provider")
    other = await make_org("provider")
    mine = await _notices(session, provider.id, 5)
    await _notices(session, provider.id, 1, kind="action_plan_opened")
    await _notices(session, provider.id, 1, recipient_role="plan_admin")  # not for the provider role
    await _notices(session, other.id, 3)
    headers = await auth_headers(provider, "provider")

    first = await client.get("/v1/notices", params={"limit": 3, "kind": "review_scheduled"}, headers=headers)
    assert first.status_code == 200, first.text
    page1 = first.json()
    assert len(page1["items"]) == 3 and page1["next_cursor"]
    second = await client.get(
        "/v1/notices",
        params={"limit": 3, "kind": "review_scheduled", "cursor": page1["next_cursor"]},
        headers=headers,
    )
    page2 = second.json()
    seen = [item["id"] for item in page1["items"] + page2["items"]]
    assert sorted(seen) == sorted(str(i) for i in mine) and page2["next_cursor"] is None
    created = [item["created_at"] for item in page1["items"] + page2["items"]]
    assert created == sorted(created, reverse=True)

    everything = (await client.get("/v1/notices", headers=headers)).json()["items"]
    assert len(everything) == 6  # the plan_admin one is not the provider role's
    assert {item["kind"] for item in everything} == {"review_scheduled", "action_plan_opened"}

    # Another tenant's notice is a 404, not a 403.
    theirs = (
        await session.scalars(select(Notice.id).where(Notice.recipient_organization_id == other.id))
    ).first()
    assert (await client.get(f"/v1/notices/{theirs}", headers=headers)).status_code == 404
    assert (await client.post(f"/v1/notices/{theirs}/read", headers=headers)).status_code == 404


async def test_marking_read_is_idempotent_and_unread_filter_follows(
    client: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    provider = await make_org("provider")
    ids = await _notices(session, provider.id, 2)
    headers = await auth_headers(provider, "viewer")

    first = await client.post(f"/v1/notices/{ids[0]}/read", headers=headers)
    assert first.status_code == 200 and first.json()["read_at"]
    again = await client.post(f"/v1/notices/{ids[0]}/read", headers=headers)
    assert again.json()["read_at"] == first.json()["read_at"]

    unread = (await client.get("/v1/notices", params={"unread": "true"}, headers=headers)).json()["items"]
    assert [item["id"] for item in unread] == [str(ids[1])]
    read = (await client.get("/v1/notices", params={"unread": "false"}, headers=headers)).json()["items"]
    assert [item["id"] for item in read] == [str(ids[0])]


async def test_redeliver_re_drives_only_failed_notices_and_their_failed_destinations(
    client: httpx.AsyncClient,
    session: AsyncSession,
    make_org: MakeOrg,
    auth_headers: MakeKey,
    redis: ArqRedis,
) -> None:
    provider = await make_org("provider")
    [failed_id, pending_id] = await _notices(session, provider.id, 2)
    endpoint = WebhookEndpoint(organization_id=provider.id, url="http://127.0.0.1:9/x", secret="s")
    session.add(endpoint)
    await session.flush()
    failed = await session.get(Notice, failed_id)
    assert failed
    failed.delivery_status, failed.attempts, failed.enqueued_at = "failed", 30, datetime.now(UTC)
    session.add_all(
        [
            NoticeDelivery(notice_id=failed_id, channel="webhook", target=f"webhook:{endpoint.id}",
                           webhook_endpoint_id=endpoint.id, status="failed", attempts=30, last_error="HTTP 500",
                           first_attempt_at=datetime.now(UTC)),
            NoticeDelivery(notice_id=failed_id, channel="email", target="email", status="delivered", attempts=1),
        ]
    )  # fmt: skip
    await session.flush()
    admin = await auth_headers(provider, "provider")
    viewer = await auth_headers(provider, "viewer")

    assert (await client.post(f"/v1/notices/{failed_id}/redeliver", headers=viewer)).status_code == 403
    listed = await client.get("/v1/notices", params={"delivery_status": "failed"}, headers=admin)
    assert [item["id"] for item in listed.json()["items"]] == [str(failed_id)]

    response = await client.post(f"/v1/notices/{failed_id}/redeliver", headers=admin)

    assert response.status_code == 202, response.text
    body = response.json()
    assert body["delivery_status"] == "pending" and body["attempts"] == 0
    statuses = {d["channel"]: (d["status"], d["first_attempt_at"]) for d in body["deliveries"]}
    assert statuses["webhook"] == ("pending", None) and statuses["email"][0] == "delivered"
    # Handed to the queue after the commit, as a first attempt.
    assert await redis.exists(f"arq:job:notice:{failed_id}:0")
    conflict = await client.post(f"/v1/notices/{pending_id}/redeliver", headers=admin)
    assert conflict.status_code == 409
    assert conflict.headers["content-type"] == "application/problem+json"


async def test_webhook_endpoints_create_list_rotate_delete(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    provider = await make_org("provider")
    other = await make_org("provider")
    headers = await auth_headers(provider, "provider")
    body = {"url": "https://hooks.example.org/oversight", "event_types": ["review_scheduled"]}

    created = await client.post(
        "/v1/webhook-endpoints", json=body, headers={**headers, "Idempotency-Key": "k1"}
    )
    assert created.status_code == 201, created.text
    endpoint = created.json()
    assert endpoint["secret"].startswith("whsec_") and endpoint["event_types"] == ["review_scheduled"]
    replay = await client.post(
        "/v1/webhook-endpoints", json=body, headers={**headers, "Idempotency-Key": "k1"}
    )
    assert replay.json()["id"] == endpoint["id"]

    listed = (await client.get("/v1/webhook-endpoints", headers=headers)).json()["items"]
    assert [e["id"] for e in listed] == [endpoint["id"]] and "secret" not in listed[0]
    single = await client.get(f"/v1/webhook-endpoints/{endpoint['id']}", headers=headers)
    assert single.status_code == 200 and "secret" not in single.json()

    rotated = await client.post(f"/v1/webhook-endpoints/{endpoint['id']}/rotate-secret", headers=headers)
    assert rotated.status_code == 200
    assert rotated.json()["secret"] != endpoint["secret"] and rotated.json()["previous_secret_expires_at"]

    theirs = await auth_headers(other, "provider")
    assert (await client.delete(f"/v1/webhook-endpoints/{endpoint['id']}", headers=theirs)).status_code == 404
    assert (
        await client.delete(f"/v1/webhook-endpoints/{endpoint['id']}", headers=headers)
    ).status_code == 204
    assert (await client.get("/v1/webhook-endpoints", headers=headers)).json()["items"] == []
    assert (
        await client.delete(f"/v1/webhook-endpoints/{endpoint['id']}", headers=headers)
    ).status_code == 404


async def test_webhook_endpoint_input_is_validated_and_reviewers_cannot_manage(
    client: httpx.AsyncClient, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    plan = await make_org("plan")
    headers = await auth_headers(plan, "plan_admin")
    bad_kind = await client.post(
        "/v1/webhook-endpoints", json={"url": "https://x.example", "event_types": ["nope"]}, headers=headers
    )
    assert bad_kind.status_code == 422
    assert bad_kind.json()["errors"][0]["path"] == "body.event_types[0]"
    bad_url = await client.post("/v1/webhook-endpoints", json={"url": "ftp://x"}, headers=headers)
    assert bad_url.status_code == 422
    extra = await client.post(
        "/v1/webhook-endpoints", json={"url": "https://x.example", "x": 1}, headers=headers
    )
    assert extra.status_code == 422
    reviewer = await auth_headers(plan, "reviewer")
    assert (await client.get("/v1/webhook-endpoints", headers=reviewer)).status_code == 403
