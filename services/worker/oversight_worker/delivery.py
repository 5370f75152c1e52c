"""Delivering one notice: resolve its destinations once, send what is still pending, record each result.

The notice row is locked (``FOR UPDATE``) for the attempt, so two copies of a job never send at once; a
job whose ``attempt`` is not the notice's current one is stale and does nothing. What a destination accepted
is recorded per destination, so a retry re-sends only what has not succeeded. A crash between a receiver's
2xx and the commit re-sends that one notice: receivers de-duplicate on ``Idempotency-Key`` (the notice id).
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.db import unit_of_work
from oversight_db.models.notices import Notice, NoticeDelivery, WebhookEndpoint
from oversight_db.models.organizations import Organization
from oversight_worker import metrics
from oversight_worker.channels import (
    Outcome,
    build_email,
    email_recipients,
    send_email,
    send_webhook,
)
from oversight_worker.context import WorkerResources
from oversight_worker.render import NoticeDataError, render_email, webhook_body, webhook_payload
from oversight_worker.retry import backoff

log = structlog.get_logger("oversight.worker.delivery")

DEFAULT_CHANNELS = ("inbox", "email", "webhook")


@dataclass(frozen=True)
class DeliveryResult:
    status: str  # skipped | missing | delivered | failed | pending
    sent: int = 0


def _channels(org_settings: dict[str, Any]) -> set[str]:
    configured = org_settings.get("notice_channels")
    return set(configured) if isinstance(configured, list) else set(DEFAULT_CHANNELS)


async def _org_settings(session: AsyncSession, organization_id: uuid.UUID) -> dict[str, Any]:
    value = await session.scalar(select(Organization.settings).where(Organization.id == organization_id))
    return value or {}


async def _resolve_destinations(
    session: AsyncSession, res: WorkerResources, notice: Notice, org_settings: dict[str, Any]
) -> list[NoticeDelivery]:
    """Fix the destinations at the first attempt: later retries go where the first one went."""
    channels = _channels(org_settings)
    rows: list[dict[str, Any]] = []
    if "email" in channels and email_recipients(org_settings, notice.recipient_role):
        if res.settings.smtp_host:
            rows.append({"channel": "email", "target": "email", "webhook_endpoint_id": None})
        else:
            log.warning("email_channel_skipped", reason="smtp_not_configured")
    if "webhook" in channels:
        endpoints = await session.execute(
            select(WebhookEndpoint.id, WebhookEndpoint.event_types).where(
                WebhookEndpoint.organization_id == notice.recipient_organization_id,
                WebhookEndpoint.deleted_at.is_(None),
            )
        )
        for endpoint_id, event_types in endpoints:
            if not event_types or notice.kind in event_types:
                rows.append(
                    {
                        "channel": "webhook",
                        "target": f"webhook:{endpoint_id}",
                        "webhook_endpoint_id": endpoint_id,
                    }
                )
    if not rows:
        return []
    await session.execute(
        insert(NoticeDelivery)
        .values([{"id": uuid.uuid4(), "notice_id": notice.id, **row} for row in rows])
        .on_conflict_do_nothing(index_elements=["notice_id", "target"])
    )
    return list(
        await session.scalars(
            select(NoticeDelivery).where(
                NoticeDelivery.notice_id == notice.id, NoticeDelivery.status == "pending"
            )
        )
    )


async def _send(
    res: WorkerResources,
    notice: Notice,
    delivery: NoticeDelivery,
    endpoints: dict[uuid.UUID, WebhookEndpoint],
    org_settings: dict[str, Any] | None,
    now: datetime,
) -> Outcome:
    settings = res.settings
    notice_id = str(notice.id)
    if delivery.channel == "webhook":
        endpoint = endpoints.get(delivery.webhook_endpoint_id) if delivery.webhook_endpoint_id else None
        if endpoint is None:
            return Outcome("cancelled", error="endpoint deleted")
        body = webhook_body(
            webhook_payload(notice.id, notice.kind, notice.created_at, notice.data, settings.public_base_url)
        )
        return await send_webhook(
            res.http, endpoint, body, notice_id, notice.kind, now, settings.webhook_timeout_seconds
        )
    recipients = email_recipients(org_settings or {}, notice.recipient_role)
    if not recipients:
        return Outcome("cancelled", error="no e-mail addresses")
    try:
        rendered = render_email(notice.kind, notice.id, notice.data, settings.public_base_url)
    except NoticeDataError as exc:
        return Outcome("failed", error=str(exc))
    return await send_email(settings, build_email(settings, recipients, rendered, notice_id))


def _apply(
    delivery: NoticeDelivery, outcome: Outcome, now: datetime, window: timedelta, created_at: datetime
) -> None:
    delivery.attempts += 1
    delivery.first_attempt_at = delivery.first_attempt_at or now
    delivery.last_attempt_at = now
    delivery.last_status_code = outcome.status_code
    delivery.last_error = outcome.error
    result = outcome.result
    if result == "retry" and now - delivery.first_attempt_at >= window:
        result = "failed"
        delivery.last_error = f"gave up after {delivery.attempts} attempts; last: {outcome.error}"
    metrics.DELIVERIES.labels(delivery.channel, result).inc()
    if result == "delivered":
        delivery.status = "delivered"
        delivery.delivered_at = now
        metrics.DELIVERY_LATENCY.labels(delivery.channel).observe(max((now - created_at).total_seconds(), 0))
    elif result in ("failed", "cancelled"):
        delivery.status = result


async def deliver(res: WorkerResources, notice_id: uuid.UUID, attempt: int) -> DeliveryResult:
    window = timedelta(hours=res.settings.notice_retry_hours)
    async with unit_of_work(res.sessions) as session:
        # Blocking, not SKIP LOCKED: the relay holds rows only for milliseconds while it enqueues them.
        notice = await session.scalar(select(Notice).where(Notice.id == notice_id).with_for_update())
        if notice is None:
            log.warning("notice_missing")
            return DeliveryResult("missing")
        if notice.delivery_status != "pending" or notice.attempts != attempt:
            return DeliveryResult("skipped")
        existing = list(
            await session.scalars(select(NoticeDelivery).where(NoticeDelivery.notice_id == notice.id))
        )
        org_settings: dict[str, Any] | None = None
        if not existing and notice.attempts == 0:
            org_settings = await _org_settings(session, notice.recipient_organization_id)
            pending = await _resolve_destinations(session, res, notice, org_settings)
        else:
            pending = [d for d in existing if d.status == "pending"]
        endpoint_ids = [d.webhook_endpoint_id for d in pending if d.webhook_endpoint_id is not None]
        endpoints: dict[uuid.UUID, WebhookEndpoint] = {}
        if endpoint_ids:
            endpoints = {
                e.id: e
                for e in await session.scalars(
                    select(WebhookEndpoint).where(WebhookEndpoint.id.in_(endpoint_ids))
                )
            }
        if org_settings is None and any(d.channel == "email" for d in pending):
            org_settings = await _org_settings(session, notice.recipient_organization_id)
        now = datetime.now(UTC)
        outcomes = await asyncio.gather(
            *(_send(res, notice, d, endpoints, org_settings, now) for d in pending)
        )
        done_at = datetime.now(UTC)
        for delivery, outcome in zip(pending, outcomes, strict=True):
            _apply(delivery, outcome, done_at, window, notice.created_at)
        all_rows = existing if existing else pending
        notice.attempts += 1
        notice.enqueued_at = notice.enqueued_at or now
        errors = [f"{d.target}: {d.last_error}" for d in all_rows if d.status != "delivered" and d.last_error]
        notice.last_error = "; ".join(errors)[:2000] or None
        if any(d.status == "pending" for d in all_rows):
            notice.next_attempt_at = done_at + backoff(notice.attempts)
            log.info(
                "notice_retry_scheduled",
                attempts=notice.attempts,
                next_attempt_at=notice.next_attempt_at.isoformat(),
            )
            return DeliveryResult("pending", sent=len(pending))
        notice.next_attempt_at = None
        if any(d.status == "failed" for d in all_rows):
            notice.delivery_status = "failed"
            log.warning("notice_failed", attempts=notice.attempts)
        else:
            notice.delivery_status = "delivered"
            notice.delivered_at = done_at
        metrics.NOTICES_COMPLETED.labels(notice.delivery_status).inc()
        return DeliveryResult(notice.delivery_status, sent=len(pending))
