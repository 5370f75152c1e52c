"""Delivering a notice in three steps, with no lock or transaction held over network I/O.

1. **Claim**, in a short transaction: lease the notice (a fresh ``lease_token`` and ``lease_expires_at``) if it
   is pending, at the attempt the job names and not leased by a live job; read what the send needs (its
   destinations, the recipient's settings and webhook endpoints); commit.
2. **Send** each pending destination at once, with no database connection checked out: a receiver that
   hangs until the timeout holds nothing but its own coroutine.
3. **Record**, in a second short transaction: each destination's result and the notice's new state, applied
   only if the lease is still ours (a conditional UPDATE on the token). A lost lease records nothing.

What a destination accepted is recorded per destination, so a retry re-sends only what has not succeeded;
retries, backoff and giving up are decided per destination. A crash between a receiver's 2xx and the record
re-sends that notice once the lease has expired: receivers de-duplicate on ``Idempotency-Key`` (the notice id).
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import DateTime, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.db import unit_of_work
from oversight_db.models import Notice, NoticeDelivery, Organization, WebhookEndpoint
from oversight_db.outbox import JOB_LEASE
from oversight_worker import metrics
from oversight_worker.channels import Outcome, build_email, email_recipients, send_email, send_webhook
from oversight_worker.context import WorkerResources
from oversight_worker.render import NoticeDataError, render_email, webhook_body, webhook_payload
from oversight_worker.retry import backoff

log = structlog.get_logger("oversight.worker.delivery")

DEFAULT_CHANNELS = ("inbox", "email", "webhook")

# arq cancels a delivery job after this long (the worker's function timeout). The lease outlives it, so a
# live job never loses its lease; and it runs out before arq re-runs a dead worker's job (its timeout + 10 s),
# so that re-run finds the notice free.
DELIVER_TIMEOUT_SECONDS = 30
LEASE = timedelta(seconds=DELIVER_TIMEOUT_SECONDS + 5)


def _db_now() -> Any:
    # The database's clock, per statement: workers on several hosts agree on it, and it moves inside a
    # transaction (the tests run each in one).
    return func.statement_timestamp(type_=DateTime(timezone=True))


@dataclass(frozen=True)
class DeliveryResult:
    status: str  # skipped | missing | busy | lost | delivered | failed | pending
    sent: int = 0


@dataclass(frozen=True)
class Endpoint:
    """What a webhook send needs of a ``webhook_endpoint`` row, read at the claim."""

    id: uuid.UUID
    url: str
    event_types: list[str]
    secret: str
    previous_secret: str | None
    previous_secret_expires_at: datetime | None
    deleted_at: datetime | None


@dataclass
class Destination:
    """One ``notice_delivery`` row: loaded, or resolved at the first attempt and inserted with its result."""

    id: uuid.UUID
    channel: str
    target: str
    webhook_endpoint_id: uuid.UUID | None
    status: str = "pending"
    attempts: int = 0
    first_attempt_at: datetime | None = None
    last_attempt_at: datetime | None = None
    delivered_at: datetime | None = None
    last_status_code: int | None = None
    last_error: str | None = None


@dataclass(frozen=True)
class NoticeRow:
    id: uuid.UUID
    kind: str
    recipient_organization_id: uuid.UUID
    recipient_role: str | None
    data: dict[str, Any]
    created_at: datetime


@dataclass
class Claim:
    """A leased notice and what its send needs; nothing in it refers to a database connection."""

    notice: NoticeRow
    attempt: int
    token: uuid.UUID
    org_settings: dict[str, Any]
    endpoints: dict[uuid.UUID, Endpoint]
    all_rows: list[Destination]
    pending: list[Destination] = field(default_factory=list)


# -- 1. claim ------------------------------------------------------------------------------------------------


async def _lease(
    session: AsyncSession, notice_id: uuid.UUID, attempt: int, token: uuid.UUID
) -> tuple[NoticeRow, dict[str, Any]] | None:
    """Lease the notice if it is pending at ``attempt`` and free; the notice and its recipient's settings."""
    now = _db_now()
    settings = select(Organization.settings).where(Organization.id == Notice.recipient_organization_id)
    row = (
        await session.execute(
            update(Notice)
            .where(
                Notice.id == notice_id,
                Notice.delivery_status == "pending",
                Notice.attempts == attempt,
                or_(Notice.lease_expires_at.is_(None), Notice.lease_expires_at <= now),
            )
            .values(
                lease_token=token,
                lease_expires_at=now + LEASE,
                enqueued_at=func.coalesce(Notice.enqueued_at, now),
                # If this job vanishes (worker killed, Redis emptied), the relay hands the notice over again.
                next_attempt_at=now + JOB_LEASE,
            )
            .returning(
                Notice.kind,
                Notice.recipient_organization_id,
                Notice.recipient_role,
                Notice.data,
                Notice.created_at,
                settings.scalar_subquery(),
            )
            .execution_options(synchronize_session=False)
        )
    ).first()
    if row is None:
        return None
    kind, org_id, role, data, created_at, org_settings = row
    return NoticeRow(notice_id, kind, org_id, role, data or {}, created_at), org_settings or {}


async def _why_not_leased(session: AsyncSession, notice_id: uuid.UUID, attempt: int) -> str:
    row = (
        await session.execute(
            select(
                Notice.delivery_status,
                Notice.attempts,
                func.coalesce(Notice.lease_expires_at > _db_now(), False),
            ).where(Notice.id == notice_id)
        )
    ).first()
    if row is None:
        return "missing"
    status, attempts, leased = row
    return "busy" if status == "pending" and attempts == attempt and leased else "skipped"


async def _destinations(session: AsyncSession, notice_id: uuid.UUID) -> list[Destination]:
    rows = await session.execute(
        select(
            NoticeDelivery.id,
            NoticeDelivery.channel,
            NoticeDelivery.target,
            NoticeDelivery.webhook_endpoint_id,
            NoticeDelivery.status,
            NoticeDelivery.attempts,
            NoticeDelivery.first_attempt_at,
            NoticeDelivery.last_error,
        )
        .where(NoticeDelivery.notice_id == notice_id)
        .order_by(NoticeDelivery.target)
    )
    return [Destination(**row) for row in rows.mappings()]


async def _endpoints(session: AsyncSession, notice: NoticeRow) -> list[Endpoint]:
    """The recipient's active endpoints (for a first attempt), and any deleted one a pending destination
    still names (it gets cancelled)."""
    still_named = select(NoticeDelivery.webhook_endpoint_id).where(
        NoticeDelivery.notice_id == notice.id, NoticeDelivery.status == "pending"
    )
    rows = await session.execute(
        select(
            WebhookEndpoint.id,
            WebhookEndpoint.url,
            WebhookEndpoint.event_types,
            WebhookEndpoint.secret,
            WebhookEndpoint.previous_secret,
            WebhookEndpoint.previous_secret_expires_at,
            WebhookEndpoint.deleted_at,
        )
        .where(
            WebhookEndpoint.organization_id == notice.recipient_organization_id,
            or_(WebhookEndpoint.deleted_at.is_(None), WebhookEndpoint.id.in_(still_named)),
        )
        .order_by(WebhookEndpoint.created_at, WebhookEndpoint.id)
    )
    return [Endpoint(**{**row, "event_types": list(row["event_types"] or [])}) for row in rows.mappings()]


def _channels(org_settings: dict[str, Any]) -> set[str]:
    configured = org_settings.get("notice_channels")
    return set(configured) if isinstance(configured, list) else set(DEFAULT_CHANNELS)


def _resolve_destinations(
    res: WorkerResources, notice: NoticeRow, org_settings: dict[str, Any], endpoints: list[Endpoint]
) -> list[Destination]:
    """Fix the destinations at the first attempt: later retries go where the first one went."""
    channels = _channels(org_settings)
    rows: list[Destination] = []
    if "email" in channels and email_recipients(org_settings, notice.recipient_role):
        if res.settings.smtp_host:
            rows.append(Destination(uuid.uuid4(), "email", "email", None))
        else:
            log.warning("email_channel_skipped", notice_id=str(notice.id), reason="smtp_not_configured")
    if "webhook" in channels:
        rows.extend(
            Destination(uuid.uuid4(), "webhook", f"webhook:{e.id}", e.id)
            for e in endpoints
            if e.deleted_at is None and (not e.event_types or notice.kind in e.event_types)
        )
    return rows


async def claim(res: WorkerResources, notice_id: uuid.UUID, attempt: int) -> Claim | str:
    """Step 1: the leased notice with what its send needs, or why there is nothing to send (a status)."""
    token = uuid.uuid4()
    async with res.db_slots, unit_of_work(res.sessions) as session:
        leased = await _lease(session, notice_id, attempt, token)
        if leased is None:
            return await _why_not_leased(session, notice_id, attempt)
        notice, org_settings = leased
        existing = await _destinations(session, notice_id)
        endpoints = await _endpoints(session, notice)
    if not existing and attempt == 0:
        pending = _resolve_destinations(res, notice, org_settings, endpoints)
        all_rows = pending
    else:
        pending = [d for d in existing if d.status == "pending"]
        all_rows = existing
    return Claim(notice, attempt, token, org_settings, {e.id: e for e in endpoints}, all_rows, pending)


async def release(res: WorkerResources, item: Claim) -> None:
    """Give the lease up without recording anything (the send raised): the relay hands the notice over
    again when its job lease runs out, as if the job had died."""
    async with res.db_slots, unit_of_work(res.sessions) as session:
        await session.execute(
            update(Notice)
            .where(Notice.id == item.notice.id, Notice.lease_token == item.token)
            .values(lease_token=None, lease_expires_at=None)
            .execution_options(synchronize_session=False)
        )


# -- 2. send -------------------------------------------------------------------------------------------------


async def _send(res: WorkerResources, item: Claim, delivery: Destination, now: datetime) -> Outcome:
    settings = res.settings
    notice = item.notice
    if delivery.channel == "webhook":
        endpoint = item.endpoints.get(delivery.webhook_endpoint_id) if delivery.webhook_endpoint_id else None
        if endpoint is None:
            return Outcome("cancelled", error="endpoint deleted")
        body = webhook_body(
            webhook_payload(notice.id, notice.kind, notice.created_at, notice.data, settings.public_base_url)
        )
        return await send_webhook(
            res.webhooks, endpoint, body, str(notice.id), notice.kind, now, settings.webhook_timeout_seconds
        )
    recipients = email_recipients(item.org_settings, notice.recipient_role)
    if not recipients:
        return Outcome("cancelled", error="no e-mail addresses")
    try:
        rendered = render_email(notice.kind, notice.id, notice.data, settings.public_base_url)
    except NoticeDataError as exc:
        return Outcome("failed", error=str(exc))
    message = build_email(settings, recipients, rendered, str(notice.id))
    return await send_email(settings, message, res.smtp_slots)


async def send(res: WorkerResources, item: Claim) -> list[Outcome]:
    """Step 2: every pending destination at once. Raises the first exception a send raised, after all of
    them finished (one destination's exception must not abandon the others' sends midway)."""
    now = datetime.now(UTC)
    outcomes = await asyncio.gather(*(_send(res, item, d, now) for d in item.pending), return_exceptions=True)
    error = next((o for o in outcomes if isinstance(o, BaseException)), None)
    if error is not None:
        raise error
    return [o for o in outcomes if isinstance(o, Outcome)]


# -- 3. record -----------------------------------------------------------------------------------------------


def _apply(
    delivery: Destination, outcome: Outcome, now: datetime, window: timedelta, created_at: datetime
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


def _state(item: Claim, done_at: datetime) -> dict[str, Any]:
    """The notice's new columns once its destinations' outcomes are applied."""
    attempts = item.attempt + 1
    errors = [
        f"{d.target}: {d.last_error}" for d in item.all_rows if d.status != "delivered" and d.last_error
    ]
    state: dict[str, Any] = {
        "attempts": attempts,
        "last_error": "; ".join(errors)[:2000] or None,
        "next_attempt_at": None,
        "delivery_status": "delivered",
        "delivered_at": done_at,
    }
    if any(d.status == "pending" for d in item.all_rows):
        state.update(
            next_attempt_at=done_at + backoff(attempts), delivery_status="pending", delivered_at=None
        )
    elif any(d.status == "failed" for d in item.all_rows):
        state.update(delivery_status="failed", delivered_at=None)
    return state


def _row(notice_id: uuid.UUID, d: Destination) -> dict[str, Any]:
    return {
        "id": d.id,
        "notice_id": notice_id,
        "channel": d.channel,
        "target": d.target,
        "webhook_endpoint_id": d.webhook_endpoint_id,
        "status": d.status,
        "attempts": d.attempts,
        "first_attempt_at": d.first_attempt_at,
        "last_attempt_at": d.last_attempt_at,
        "delivered_at": d.delivered_at,
        "last_status_code": d.last_status_code,
        "last_error": d.last_error,
    }


_UPSERTED = ("status", "attempts", "first_attempt_at", "last_attempt_at", "delivered_at", "last_status_code",
             "last_error")  # fmt: skip


async def _write(session: AsyncSession, item: Claim, state: dict[str, Any]) -> bool:
    """The notice's state and its attempted destinations' rows, if the lease is still ours."""
    written = await session.scalar(
        update(Notice)
        .where(Notice.id == item.notice.id, Notice.lease_token == item.token)
        .values(
            {
                **state,
                "delivered_at": func.coalesce(state["delivered_at"], Notice.delivered_at),
                "lease_token": None,
                "lease_expires_at": None,
            }
        )
        .returning(Notice.id)
        .execution_options(synchronize_session=False)
    )
    if written is None:
        return False
    if item.pending:
        stmt = insert(NoticeDelivery).values([_row(item.notice.id, d) for d in item.pending])
        await session.execute(
            stmt.on_conflict_do_update(
                index_elements=[NoticeDelivery.notice_id, NoticeDelivery.target],
                set_={**{name: stmt.excluded[name] for name in _UPSERTED}, "updated_at": func.now()},
            )
        )
    return True


async def record(res: WorkerResources, item: Claim, outcomes: list[Outcome]) -> DeliveryResult:
    """Step 3: apply the outcomes per destination and write them, if the lease is still ours."""
    done_at = datetime.now(UTC)
    window = timedelta(hours=res.settings.notice_retry_hours)
    for delivery, outcome in zip(item.pending, outcomes, strict=True):
        _apply(delivery, outcome, done_at, window, item.notice.created_at)
    state = _state(item, done_at)
    async with res.db_slots, unit_of_work(res.sessions) as session:
        written = await _write(session, item, state)
    notice_id = str(item.notice.id)
    if not written:
        log.warning("notice_lease_lost", notice_id=notice_id)
        return DeliveryResult("lost", sent=len(item.pending))
    status = state["delivery_status"]
    if status == "pending":
        log.info("notice_retry_scheduled", notice_id=notice_id, attempts=state["attempts"],
                 next_attempt_at=state["next_attempt_at"].isoformat())  # fmt: skip
    else:
        if status == "failed":
            log.warning("notice_failed", notice_id=notice_id, attempts=state["attempts"])
        metrics.NOTICES_COMPLETED.labels(status).inc()
    return DeliveryResult(status, sent=len(item.pending))


# -- the three steps -----------------------------------------------------------------------------------------


async def deliver(res: WorkerResources, notice_id: uuid.UUID, attempt: int) -> DeliveryResult:
    """Attempt ``attempt`` of one notice: claim, send, record. Raises what a send raised (nothing is
    recorded for the notice then, and its lease is given up)."""
    item = await claim(res, notice_id, attempt)
    if isinstance(item, str):
        if item == "missing":
            log.warning("notice_missing", notice_id=str(notice_id))
        return DeliveryResult(item)
    try:
        outcomes = await send(res, item)
    except Exception:
        await release(res, item)
        raise
    return await record(res, item, outcomes)
