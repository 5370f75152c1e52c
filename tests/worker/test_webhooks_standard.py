"""Webhooks to the Standard Webhooks spec, checked with the spec's own verifier (the ``standardwebhooks``
library, ``Webhook(secret).verify(body, headers)``) over what the worker delivered to a local sink."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks import Webhook, WebhookVerificationError

from oversight_app.webhooks.service import new_secret
from oversight_db.outbox import add_notice
from oversight_worker.context import WorkerResources
from oversight_worker.delivery import deliver
from tests.conftest import MakeOrg
from tests.sinks import Received, WebhookSink
from tests.worker.conftest import add_endpoint

REVIEW_ID = uuid.UUID("5f0c3c1e-8a4e-4d8e-9a3e-2b1f6f0e7a11")
DATA = {"review_id": str(REVIEW_ID), "scheduled_for": "2027-01-11"}


async def _delivered(
    session: AsyncSession,
    make_org: MakeOrg,
    res: WorkerResources,
    sink: WebhookSink,
    path: str,
    **endpoint: object,
) -> tuple[str, Received]:
    org = await make_org("provider", settings={"notice_channels": ["webhook"]})
    await add_endpoint(session, org, sink.url(path), **endpoint)  # type: ignore[arg-type]
    notice_id = await add_notice(
        session, kind="review_reminder", recipient_organization_id=org.id, subject_type="review",
        subject_id=REVIEW_ID, data=DATA,
    )  # fmt: skip
    assert notice_id
    assert (await deliver(res, notice_id, 0)).status == "delivered"
    [got] = sink.for_path(path)
    return str(notice_id), got


def _verifies(secret: str, body: bytes, headers: dict[str, str]) -> bool:
    try:
        Webhook(secret).verify(body, headers)
    except WebhookVerificationError:
        return False
    return True


async def test_a_delivered_webhook_verifies_with_the_library_and_a_tampered_body_does_not(
    session: AsyncSession, make_org: MakeOrg, hooks: WebhookSink, worker_res: WorkerResources
) -> None:
    secret = new_secret()
    notice_id, got = await _delivered(session, make_org, worker_res, hooks, "/std", secret=secret)

    assert got.headers["webhook-id"] == notice_id == got.headers["idempotency-key"]
    assert abs(int(got.headers["webhook-timestamp"]) - datetime.now(UTC).timestamp()) < 60
    assert got.headers["webhook-signature"].startswith("v1,") and " " not in got.headers["webhook-signature"]
    assert "oversight-signature" not in got.headers  # replaced, not sent beside
    payload = Webhook(secret).verify(got.body, got.headers)
    assert payload["id"] == notice_id and payload["type"] == "review_reminder"

    assert not _verifies(secret, got.body.replace(b"review_reminder", b"review_cancelled"), got.headers)
    assert not _verifies(secret, got.body + b" ", got.headers)
    assert not _verifies(new_secret(), got.body, got.headers)
    # The id is signed too: a receiver de-duplicating on it can trust it.
    assert not _verifies(secret, got.body, {**got.headers, "webhook-id": "another"})


async def test_during_the_grace_window_both_secrets_verify_and_after_it_only_the_new_one(
    session: AsyncSession, make_org: MakeOrg, hooks: WebhookSink, worker_res: WorkerResources
) -> None:
    old, new = new_secret(), new_secret()
    grace = datetime.now(UTC) + timedelta(hours=23)
    _, got = await _delivered(
        session, make_org, worker_res, hooks, "/grace",
        secret=new, previous_secret=old, previous_secret_expires_at=grace,
    )  # fmt: skip
    assert len(got.headers["webhook-signature"].split(" ")) == 2
    assert _verifies(new, got.body, got.headers) and _verifies(old, got.body, got.headers)
    assert not _verifies(old, got.body + b" ", got.headers)

    expired = datetime.now(UTC) - timedelta(minutes=1)
    _, later = await _delivered(
        session, make_org, worker_res, hooks, "/expired",
        secret=new, previous_secret=old, previous_secret_expires_at=expired,
    )  # fmt: skip
    assert len(later.headers["webhook-signature"].split(" ")) == 1
    assert _verifies(new, later.body, later.headers) and not _verifies(old, later.body, later.headers)


async def test_the_webhook_id_is_the_same_on_every_retry_and_each_attempt_is_signed_anew(
    session: AsyncSession, make_org: MakeOrg, hooks: WebhookSink, worker_res: WorkerResources
) -> None:
    secret = new_secret()
    org = await make_org("provider", settings={"notice_channels": ["webhook"]})
    await add_endpoint(session, org, hooks.url("/flaky"), secret=secret)
    hooks.responses["/flaky"] = [503, 200]
    notice_id = await add_notice(
        session, kind="review_reminder", recipient_organization_id=org.id, subject_type="review",
        subject_id=REVIEW_ID, data=DATA,
    )  # fmt: skip
    assert notice_id
    assert (await deliver(worker_res, notice_id, 0)).status == "pending"
    assert (await deliver(worker_res, notice_id, 1)).status == "delivered"
    first, second = hooks.for_path("/flaky")
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == str(notice_id)
    assert _verifies(secret, first.body, first.headers) and _verifies(secret, second.body, second.headers)


@pytest.mark.parametrize("secret", ["whsec_alpha", "whsec_"])
async def test_an_endpoint_secret_the_spec_cannot_use_fails_that_destination_without_quoting_it(
    session: AsyncSession, make_org: MakeOrg, hooks: WebhookSink, worker_res: WorkerResources, secret: str
) -> None:
    org = await make_org("provider", settings={"notice_channels": ["webhook"]})
    await add_endpoint(session, org, hooks.url("/bad-secret"), secret=secret)
    notice_id = await add_notice(
        session, kind="review_reminder", recipient_organization_id=org.id, subject_type="review",
        subject_id=REVIEW_ID, data=DATA,
    )  # fmt: skip
    assert notice_id
    result = await deliver(worker_res, notice_id, 0)
    assert result.status == "failed" and hooks.for_path("/bad-secret") == []


def test_new_secrets_are_whsec_and_standard_base64_of_32_random_bytes() -> None:
    secrets = {new_secret() for _ in range(200)}
    assert len(secrets) == 200
    for secret in secrets:
        assert secret.startswith("whsec_")
        assert len(base64.b64decode(secret.removeprefix("whsec_"), validate=True)) == 32
