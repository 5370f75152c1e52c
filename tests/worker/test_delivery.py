"""deliver_notice: signed webhooks, e-mail, per-destination tracking, retries and giving up."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models import Notice, NoticeDelivery, Organization
from oversight_db.outbox import add_notice
from oversight_worker.context import WorkerResources
from oversight_worker.delivery import deliver
from tests.conftest import MakeOrg
from tests.sinks import MailSink, WebhookSink
from tests.worker.conftest import add_endpoint

REVIEW_DATA = {
    "review_id": str(uuid.uuid4()),
    "scheduled_for": "2026-12-01",
    "period_start": "2026-06-01",
    "period_end": "2026-08-31",
    "plan_name": "Partners Health Management",
}


async def _notice(
    session: AsyncSession, org: Organization, kind: str = "review_scheduled", **kw: Any
) -> Notice:
    notice_id = await add_notice(
        session,
        kind=kind,
        recipient_organization_id=org.id,
        subject_type="review",
        subject_id=uuid.UUID(REVIEW_DATA["review_id"]),
        data=kw.pop("data", REVIEW_DATA),
        **kw,
    )
    assert notice_id
    notice = await session.get(Notice, notice_id)
    assert notice
    return notice


async def _reload(session: AsyncSession, notice_id: uuid.UUID) -> tuple[Notice, list[NoticeDelivery]]:
    fresh = {"populate_existing": True}
    notice = await session.scalar(select(Notice).where(Notice.id == notice_id).execution_options(**fresh))
    assert notice
    rows = list(
        await session.scalars(
            select(NoticeDelivery)
            .where(NoticeDelivery.notice_id == notice_id)
            .order_by(NoticeDelivery.target)
            .execution_options(**fresh)
        )
    )
    return notice, rows


def _verify(header: str, secret: str, body: bytes) -> bool:
    parts = [p.split("=", 1) for p in header.split(",")]
    timestamp = next(v for k, v in parts if k == "t")
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return any(k == "v1" and hmac.compare_digest(v, expected) for k, v in parts)


async def test_webhook_is_signed_keyed_by_notice_id_and_carries_ids_and_links(
    session: AsyncSession, make_org: MakeOrg, hooks: WebhookSink, worker_res: WorkerResources
) -> None:
    org = await make_org("provider", settings={"notice_channels": ["inbox", "webhook"]})
    await add_endpoint(session, org, hooks.url("/a"), secret="whsec_alpha")
    notice = await _notice(session, org)

    result = await deliver(worker_res, notice.id, 0)

    assert result.status == "delivered"
    [got] = hooks.for_path("/a")
    assert got.headers["idempotency-key"] == str(notice.id)
    assert _verify(got.headers["oversight-signature"], "whsec_alpha", got.body)
    assert not _verify(got.headers["oversight-signature"], "whsec_other", got.body)
    payload = json.loads(got.body)
    assert set(payload) == {"id", "type", "created_at", "data"}
    assert payload["id"] == str(notice.id) and payload["type"] == "review_scheduled"
    assert payload["data"]["scheduled_for"] == "2026-12-01"
    assert payload["data"]["links"]["review"] == f"http://test/v1/reviews/{REVIEW_DATA['review_id']}"
    fresh, rows = await _reload(session, notice.id)
    assert fresh.delivery_status == "delivered" and fresh.delivered_at is not None and fresh.attempts == 1
    assert [(r.channel, r.status, r.last_status_code) for r in rows] == [("webhook", "delivered", 200)]


async def test_a_retry_resends_only_the_endpoint_that_failed(
    session: AsyncSession, make_org: MakeOrg, hooks: WebhookSink, worker_res: WorkerResources
) -> None:
    org = await make_org("provider")
    await add_endpoint(session, org, hooks.url("/ok"))
    await add_endpoint(session, org, hooks.url("/flaky"))
    hooks.responses["/flaky"] = [503, 200]
    notice = await _notice(session, org)

    first = await deliver(worker_res, notice.id, 0)

    assert first.status == "pending"
    fresh, rows = await _reload(session, notice.id)
    assert fresh.delivery_status == "pending" and fresh.attempts == 1
    assert fresh.next_attempt_at is not None
    # Backoff: about 30 s (+/- 25 %) after the first attempt.
    delay = (fresh.next_attempt_at - datetime.now(UTC)).total_seconds()
    assert 15 < delay <= 38
    assert "HTTP 503" in (fresh.last_error or "")
    by_path = {r.target: r.status for r in rows}
    assert sorted(by_path.values()) == ["delivered", "pending"]

    # A stale copy of attempt 0 does nothing; attempt 1 sends only to /flaky.
    assert (await deliver(worker_res, notice.id, 0)).status == "skipped"
    second = await deliver(worker_res, notice.id, 1)

    assert second.status == "delivered"
    assert len(hooks.for_path("/ok")) == 1
    assert [r.status for r in hooks.for_path("/flaky")] == [503, 200]
    fresh, rows = await _reload(session, notice.id)
    assert fresh.delivery_status == "delivered" and fresh.next_attempt_at is None
    assert all(r.status == "delivered" for r in rows)


async def test_client_errors_fail_at_once_but_429_and_timeouts_are_retried(
    session: AsyncSession, make_org: MakeOrg, hooks: WebhookSink, worker_res: WorkerResources
) -> None:
    org = await make_org("provider")
    await add_endpoint(session, org, hooks.url("/gone"))
    hooks.responses["/gone"] = [410]
    failing = await _notice(session, org)
    assert (await deliver(worker_res, failing.id, 0)).status == "failed"
    fresh, rows = await _reload(session, failing.id)
    assert fresh.delivery_status == "failed" and fresh.next_attempt_at is None
    assert rows[0].status == "failed" and rows[0].last_error == "HTTP 410"

    other = await make_org("provider")
    await add_endpoint(session, other, hooks.url("/slow-down"))
    await add_endpoint(session, other, "http://127.0.0.1:9/refused")  # nothing listens on port 9
    hooks.responses["/slow-down"] = [429]
    throttled = await _notice(session, other)
    assert (await deliver(worker_res, throttled.id, 0)).status == "pending"
    _, rows = await _reload(session, throttled.id)
    assert [r.status for r in rows] == ["pending", "pending"]
    errors = sorted(r.last_error or "" for r in rows)
    assert errors[0] == "HTTP 429" and errors[1].startswith("connection error")


async def test_after_the_retry_window_a_delivery_is_failed_and_can_be_seen(
    session: AsyncSession, make_org: MakeOrg, hooks: WebhookSink, worker_res: WorkerResources
) -> None:
    org = await make_org("provider")
    await add_endpoint(session, org, hooks.url("/down"))
    hooks.responses["/down"] = [500]
    notice = await _notice(session, org)
    assert (await deliver(worker_res, notice.id, 0)).status == "pending"
    # The first attempt was 25 hours ago: the next failure is the last.
    await session.execute(
        update(NoticeDelivery)
        .where(NoticeDelivery.notice_id == notice.id)
        .values(first_attempt_at=datetime.now(UTC) - timedelta(hours=25))
    )
    assert (await deliver(worker_res, notice.id, 1)).status == "failed"
    fresh, rows = await _reload(session, notice.id)
    assert fresh.delivery_status == "failed" and fresh.attempts == 2
    assert rows[0].status == "failed" and "gave up after 2 attempts" in (rows[0].last_error or "")
    # Failed is final: another job for it does nothing.
    assert (await deliver(worker_res, notice.id, 2)).status == "skipped"


async def test_inbox_only_notice_is_delivered_without_sending_anything(
    session: AsyncSession, make_org: MakeOrg, hooks: WebhookSink, worker_res: WorkerResources
) -> None:
    org = await make_org("provider", settings={"notice_channels": ["inbox"], "emails": ["qm@example.org"]})
    await add_endpoint(session, org, hooks.url("/unused"))
    notice = await _notice(session, org)
    assert (await deliver(worker_res, notice.id, 0)).status == "delivered"
    assert hooks.received == []
    assert (await deliver(worker_res, uuid.uuid4(), 0)).status == "missing"


async def test_endpoints_filter_by_event_type_and_deleted_ones_are_cancelled(
    session: AsyncSession, make_org: MakeOrg, hooks: WebhookSink, worker_res: WorkerResources
) -> None:
    org = await make_org("provider")
    await add_endpoint(session, org, hooks.url("/plans-only"), event_types=["action_plan_opened"])
    doomed = await add_endpoint(session, org, hooks.url("/doomed"))
    hooks.responses["/doomed"] = [500]
    notice = await _notice(session, org)
    assert (await deliver(worker_res, notice.id, 0)).status == "pending"
    assert hooks.for_path("/plans-only") == []

    doomed.deleted_at = datetime.now(UTC)
    await session.flush()
    assert (await deliver(worker_res, notice.id, 1)).status == "delivered"
    _, rows = await _reload(session, notice.id)
    assert [(r.status, r.last_error) for r in rows] == [("cancelled", "endpoint deleted")]
    assert len(hooks.for_path("/doomed")) == 1


async def test_rotated_secret_signs_with_new_and_old_during_grace(
    session: AsyncSession, make_org: MakeOrg, hooks: WebhookSink, worker_res: WorkerResources
) -> None:
    org = await make_org("provider")
    await add_endpoint(
        session,
        org,
        hooks.url("/rotating"),
        secret="whsec_new",
        previous_secret="whsec_old",
        previous_secret_expires_at=datetime.now(UTC) + timedelta(hours=1),
    )
    notice = await _notice(session, org)
    await deliver(worker_res, notice.id, 0)
    [got] = hooks.for_path("/rotating")
    header = got.headers["oversight-signature"]
    assert header.count("v1=") == 2
    assert _verify(header, "whsec_new", got.body) and _verify(header, "whsec_old", got.body)
    first_v1 = header.split(",")[1].removeprefix("v1=")
    assert _verify(f"t={header.split(',')[0][2:]},v1={first_v1}", "whsec_new", got.body)


async def test_email_has_text_and_html_with_links_and_no_member_data(
    session: AsyncSession, make_org: MakeOrg, mail: MailSink, worker_res: WorkerResources
) -> None:
    org = await make_org(
        "provider",
        settings={
            "notice_channels": ["inbox", "email"],
            "emails": ["qm@provider.example"],
            "role_emails": {"plan_admin": ["admins@provider.example"]},
        },
    )
    before = len(mail.messages)
    notice = await _notice(session, org)
    assert (await deliver(worker_res, notice.id, 0)).status == "delivered"
    [message] = mail.messages[before:]
    assert message["To"] == "qm@provider.example"
    assert message["Subject"] == "Monitoring review scheduled for December 1, 2026"
    assert message["X-Oversight-Notice-Id"] == str(notice.id)
    parts = {
        part.get_content_type(): bytes(part.get_payload(decode=True)).decode()
        for part in message.walk()
        if not part.is_multipart()
    }
    assert set(parts) == {"text/plain", "text/html"}
    review_link = f"http://test/v1/reviews/{REVIEW_DATA['review_id']}"
    for body in parts.values():
        assert review_link in body
        assert "June 1, 2026" in body and "August 31, 2026" in body  # the period under review (seed 000)
        assert "login access" in body
    _, rows = await _reload(session, notice.id)
    assert [(r.channel, r.status) for r in rows] == [("email", "delivered")]

    admin_notice = await _notice(session, org, kind="review_result", recipient_role="plan_admin",
                                 data={"review_id": REVIEW_DATA["review_id"], "outcome": "pass"})  # fmt: skip
    await deliver(worker_res, admin_notice.id, 0)
    assert mail.messages[-1]["To"] == "admins@provider.example"


async def test_email_with_missing_facts_fails_rather_than_sending_holes(
    session: AsyncSession, make_org: MakeOrg, mail: MailSink, worker_res: WorkerResources
) -> None:
    org = await make_org("provider", settings={"emails": ["qm@provider.example"]})
    before = len(mail.messages)
    notice = await _notice(session, org, data={"review_id": REVIEW_DATA["review_id"]})
    assert (await deliver(worker_res, notice.id, 0)).status == "failed"
    assert len(mail.messages) == before
    fresh, _ = await _reload(session, notice.id)
    assert "lacks scheduled_for" in (fresh.last_error or "")
