"""Delivering notices: signed webhooks, e-mail, per-destination tracking, retries and giving up, one notice
to a job, the lease that keeps two copies of a job from both recording."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import pytest
from arq import Retry
from arq.connections import ArqRedis
from arq.jobs import Job
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks import Webhook, WebhookVerificationError

from oversight_db.models import Notice, NoticeDelivery, Organization
from oversight_db.outbox import add_notice
from oversight_db.queue import (
    DELIVER_NOTICE,
    DELIVER_NOTICES,
    enqueue_notice_attempts,
    enqueue_notices,
    notice_job_id,
    notices_job_id,
)
from oversight_db.settings import Settings
from oversight_worker import jobs
from oversight_worker.channels import build_email, send_email
from oversight_worker.context import WorkerResources
from oversight_worker.delivery import claim, deliver, deliver_many, record, send
from oversight_worker.jobs import deliver_notice, deliver_notices
from oversight_worker.render import render_email
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


# Standard Webhooks secrets (whsec_ + base64), as the API issues them.
ALPHA, OTHER = "whsec_YWxwaGEtc2VjcmV0LWtleS0wMDAx", "whsec_b3RoZXItc2VjcmV0LWtleS0wMDAy"
NEW, OLD = "whsec_bmV3LXNlY3JldC1rZXktMDAwMDAz", "whsec_b2xkLXNlY3JldC1rZXktMDAwMDA0"


def _verify(headers: dict[str, str], secret: str, body: bytes) -> bool:
    """As a receiver verifies: the standardwebhooks library over the raw body and the headers."""
    try:
        Webhook(secret).verify(body, headers)
    except WebhookVerificationError:
        return False
    return True


async def test_webhook_is_signed_keyed_by_notice_id_and_carries_ids_and_links(
    session: AsyncSession, make_org: MakeOrg, hooks: WebhookSink, worker_res: WorkerResources
) -> None:
    org = await make_org("provider", settings={"notice_channels": ["inbox", "webhook"]})
    await add_endpoint(session, org, hooks.url("/a"), secret=ALPHA)
    notice = await _notice(session, org)

    result = await deliver(worker_res, notice.id, 0)

    assert result.status == "delivered"
    [got] = hooks.for_path("/a")
    assert got.headers["webhook-id"] == got.headers["idempotency-key"] == str(notice.id)
    assert _verify(got.headers, ALPHA, got.body)
    assert not _verify(got.headers, OTHER, got.body)
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
        secret=NEW,
        previous_secret=OLD,
        previous_secret_expires_at=datetime.now(UTC) + timedelta(hours=1),
    )
    notice = await _notice(session, org)
    await deliver(worker_res, notice.id, 0)
    [got] = hooks.for_path("/rotating")
    header = got.headers["webhook-signature"]
    assert header.count("v1,") == 2
    assert _verify(got.headers, NEW, got.body) and _verify(got.headers, OLD, got.body)
    first, _ = header.split(" ")  # the new secret's comes first
    assert _verify({**got.headers, "webhook-signature": first}, NEW, got.body)


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


async def test_a_notice_whose_send_raises_does_not_hold_back_the_others(
    session: AsyncSession, make_org: MakeOrg, hooks: WebhookSink, worker_res: WorkerResources
) -> None:
    """A header-injecting address makes building the e-mail raise: that notice's job fails (arq logs it)
    and records nothing, its lease is given up, and the notices handed over with it are delivered."""
    good_org = await make_org("provider", settings={"notice_channels": ["webhook"]})
    await add_endpoint(session, good_org, hooks.url("/beside-poison"))
    bad_org = await make_org(
        "provider", settings={"notice_channels": ["email"], "emails": ["a@b.example\nBcc: x@y.example"]}
    )
    good = [await _notice(session, good_org) for _ in range(3)]
    bad = await _notice(session, bad_org)

    async def run_jobs() -> None:
        for notice in [*good, bad]:
            ctx: dict[str, Any] = {"resources": worker_res, "job_id": f"notice:{notice.id}:0", "job_try": 1}
            await deliver_notice(ctx, str(notice.id), 0)

    with pytest.raises(ValueError):
        await run_jobs()

    assert sorted(r.headers["idempotency-key"] for r in hooks.for_path("/beside-poison")) == sorted(
        str(n.id) for n in good
    )
    for notice in good:
        fresh, _ = await _reload(session, notice.id)
        assert fresh.delivery_status == "delivered" and fresh.attempts == 1
    fresh_bad, bad_rows = await _reload(session, bad.id)
    assert fresh_bad.delivery_status == "pending" and fresh_bad.attempts == 0 and bad_rows == []
    assert fresh_bad.lease_token is None  # given up: the relay's re-drive finds it free
    # Run again (the relay's re-drive after the lease): the good ones are skipped, the bad one fails again.
    with pytest.raises(ValueError):
        await run_jobs()
    assert len(hooks.for_path("/beside-poison")) == 3


async def test_notices_handed_over_together_share_jobs_of_five(redis: ArqRedis) -> None:
    ids = sorted(uuid.uuid4() for _ in range(7))
    reached = await enqueue_notices(redis, ids)
    assert reached == ids
    assert await redis.zcard("arq:queue") == 2
    first, rest = [(i, 0) for i in ids[:5]], [(i, 0) for i in ids[5:]]
    for chunk in (first, rest):
        job = await Job(notices_job_id(chunk), redis).info()
        assert job is not None and job.function == DELIVER_NOTICES
        assert job.args == ([[str(i), 0] for i, _ in chunk],)  # ids and attempts only
    # The same hand-off again makes the same jobs (refused as duplicates, still counted as reached).
    assert await enqueue_notices(redis, ids) == ids
    assert await redis.zcard("arq:queue") == 2
    # A lone notice is a ``deliver_notice`` job, as before.
    lone = uuid.uuid4()
    await enqueue_notice_attempts(redis, [(lone, 3)])
    job = await Job(notice_job_id(lone, 3), redis).info()
    assert job is not None and (job.function, job.args) == (DELIVER_NOTICE, (str(lone), 3))


async def test_a_job_meeting_an_unavailable_database_is_retried_and_sends_nothing(
    session: AsyncSession,
    make_org: MakeOrg,
    hooks: WebhookSink,
    worker_res: WorkerResources,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    org = await make_org("provider", settings={"notice_channels": ["webhook"]})
    await add_endpoint(session, org, hooks.url("/db-down"))
    notice = await _notice(session, org)
    ctx: dict[str, Any] = {"resources": worker_res, "job_id": f"notice:{notice.id}:0", "job_try": 2}

    async def unavailable(res: WorkerResources, attempts: dict[uuid.UUID, int]) -> None:
        raise asyncpg.exceptions.AdminShutdownError("terminating connection")

    monkeypatch.setattr(jobs, "deliver_many", unavailable)
    with pytest.raises(Retry):  # the database's fault: the same job again, a little later
        await deliver_notice(ctx, str(notice.id), 0)
    assert hooks.for_path("/db-down") == []
    monkeypatch.undo()
    assert await deliver_notice(ctx, str(notice.id), 0) == "delivered"
    assert len(hooks.for_path("/db-down")) == 1


async def test_a_leased_notice_is_left_to_its_holder_and_a_lost_lease_records_nothing(
    session: AsyncSession, make_org: MakeOrg, hooks: WebhookSink, worker_res: WorkerResources
) -> None:
    org = await make_org("provider", settings={"notice_channels": ["webhook"]})
    await add_endpoint(session, org, hooks.url("/leased"))
    notice = await _notice(session, org)
    [first] = (await claim(worker_res, {notice.id: 0})).items
    fresh, _ = await _reload(session, notice.id)
    assert fresh.lease_token == first.token and fresh.enqueued_at is not None
    assert fresh.next_attempt_at is not None  # the relay re-drives it if this job vanishes

    # Another copy of the job while the lease is live: nothing sent, the job tried again later.
    ctx: dict[str, Any] = {"resources": worker_res, "job_id": f"notice:{notice.id}:0", "job_try": 1}
    with pytest.raises(Retry):
        await deliver_notice(ctx, str(notice.id), 0)
    assert hooks.for_path("/leased") == []

    # The holder stalls past its lease; a later copy claims the notice, delivers and records it.
    await session.execute(
        update(Notice).where(Notice.id == notice.id).values(lease_expires_at=datetime.now(UTC) - timedelta(1))
    )
    assert (await deliver(worker_res, notice.id, 0)).status == "delivered"
    # The stalled holder's send and record come late: its record finds the lease gone and writes nothing.
    late = await record(worker_res, [(first, await send(worker_res, first))])
    assert late[notice.id].status == "lost"
    fresh, rows = await _reload(session, notice.id)
    assert fresh.delivery_status == "delivered" and fresh.attempts == 1 and fresh.lease_token is None
    assert [(r.status, r.attempts) for r in rows] == [("delivered", 1)]
    # Two POSTs with one Idempotency-Key: the receiver de-duplicates the stalled job's.
    assert {r.headers["idempotency-key"] for r in hooks.for_path("/leased")} == {str(notice.id)}


async def test_a_job_of_several_notices_decides_each_as_if_it_were_alone(
    session: AsyncSession, make_org: MakeOrg, hooks: WebhookSink, worker_res: WorkerResources
) -> None:
    org = await make_org("provider", settings={"notice_channels": ["inbox", "webhook"]})
    await add_endpoint(session, org, hooks.url("/batch-ok"))
    flaky_org = await make_org("provider", settings={"notice_channels": ["webhook"]})
    await add_endpoint(session, flaky_org, hooks.url("/batch-flaky"))
    hooks.responses["/batch-flaky"] = [503, 200]
    inbox_org = await make_org("provider", settings={"notice_channels": ["inbox"]})
    ok = await _notice(session, org)
    flaky = await _notice(session, flaky_org)
    inbox = await _notice(session, inbox_org)
    done = await _notice(session, org)
    await session.execute(
        update(Notice).where(Notice.id == done.id).values(attempts=1, delivery_status="delivered")
    )
    nowhere = uuid.uuid4()

    results = await deliver_many(worker_res, {ok.id: 0, flaky.id: 0, inbox.id: 0, done.id: 0, nowhere: 0})

    assert {k: v.status for k, v in results.items()} == {
        ok.id: "delivered",
        flaky.id: "pending",
        inbox.id: "delivered",
        done.id: "skipped",
        nowhere: "missing",
    }
    assert [r.headers["idempotency-key"] for r in hooks.for_path("/batch-ok")] == [str(ok.id)]
    fresh_ok, ok_rows = await _reload(session, ok.id)
    assert (
        fresh_ok.delivery_status == "delivered"
        and fresh_ok.attempts == 1
        and fresh_ok.next_attempt_at is None
    )
    assert [(r.status, r.last_status_code) for r in ok_rows] == [("delivered", 200)]
    fresh_flaky, flaky_rows = await _reload(session, flaky.id)
    assert fresh_flaky.delivery_status == "pending" and fresh_flaky.attempts == 1
    assert fresh_flaky.next_attempt_at is not None
    assert 15 < (fresh_flaky.next_attempt_at - datetime.now(UTC)).total_seconds() <= 38  # its own backoff
    assert [(r.status, r.last_error) for r in flaky_rows] == [("pending", "HTTP 503")]
    fresh_inbox, inbox_rows = await _reload(session, inbox.id)
    assert fresh_inbox.delivery_status == "delivered" and inbox_rows == []
    fresh_done, _ = await _reload(session, done.id)
    assert fresh_done.attempts == 1  # untouched

    # The retry of one of them, alone, resends only that one.
    again = await deliver_many(worker_res, {flaky.id: 1, ok.id: 0})
    assert {k: v.status for k, v in again.items()} == {flaky.id: "delivered", ok.id: "skipped"}
    assert len(hooks.for_path("/batch-ok")) == 1 and len(hooks.for_path("/batch-flaky")) == 2


async def test_a_notice_that_breaks_its_job_does_not_hold_back_the_others(
    session: AsyncSession, make_org: MakeOrg, hooks: WebhookSink, worker_res: WorkerResources
) -> None:
    """A header-injecting address makes building the e-mail raise: the job's other notices are recorded,
    the broken one records nothing and gives its lease up (pending for the relay), and the job fails."""
    good_org = await make_org("provider", settings={"notice_channels": ["webhook"]})
    await add_endpoint(session, good_org, hooks.url("/beside-poison"))
    bad_org = await make_org(
        "provider", settings={"notice_channels": ["email"], "emails": ["a@b.example\nBcc: x@y.example"]}
    )
    good = [await _notice(session, good_org) for _ in range(3)]
    bad = await _notice(session, bad_org)
    ctx: dict[str, Any] = {"resources": worker_res, "job_id": "notices:test", "job_try": 1}

    with pytest.raises(ValueError):
        await deliver_notices(ctx, [[str(n.id), 0] for n in [*good, bad]])

    assert sorted(r.headers["idempotency-key"] for r in hooks.for_path("/beside-poison")) == sorted(
        str(n.id) for n in good
    )
    for notice in good:
        fresh, _ = await _reload(session, notice.id)
        assert fresh.delivery_status == "delivered" and fresh.attempts == 1
    fresh_bad, bad_rows = await _reload(session, bad.id)
    assert fresh_bad.delivery_status == "pending" and fresh_bad.attempts == 0 and bad_rows == []
    # Run again (the relay's re-drive after the lease): the good ones are skipped, the bad one fails again.
    with pytest.raises(ValueError):
        await deliver_notices(ctx, [[str(n.id), 0] for n in [*good, bad]])
    assert len(hooks.for_path("/beside-poison")) == 3


async def test_a_job_of_several_notices_sends_each_its_own_email(
    session: AsyncSession, make_org: MakeOrg, mail: MailSink, worker_res: WorkerResources
) -> None:
    org = await make_org(
        "provider", settings={"notice_channels": ["inbox", "email"], "emails": ["qm@p.example"]}
    )
    inbox_only = await make_org(
        "provider", settings={"notice_channels": ["inbox"], "emails": ["x@p.example"]}
    )
    notices = [await _notice(session, org) for _ in range(3)]
    quiet = await _notice(session, inbox_only)
    before = len(mail.messages)

    results = await deliver_many(worker_res, {n.id: 0 for n in [*notices, quiet]})

    assert {r.status for r in results.values()} == {"delivered"}
    sent = mail.messages[before:]
    assert sorted(m["X-Oversight-Notice-Id"] for m in sent) == sorted(str(n.id) for n in notices)
    assert {m["To"] for m in sent} == {"qm@p.example"}


async def test_an_email_waiting_too_long_for_an_smtp_session_is_retried(worker_settings: Settings) -> None:
    settings = worker_settings.model_copy(update={"webhook_timeout_seconds": 0.1})
    rendered = render_email("review_scheduled", uuid.uuid4(), REVIEW_DATA, "http://test")
    message = build_email(settings, ["qm@p.example"], rendered, "n-1")
    outcome = await send_email(settings, message, asyncio.Semaphore(0))  # every session busy
    assert (outcome.result, outcome.error) == ("retry", "SMTP connection error (PoolTimeout)")
