"""Delivering notices in three steps, with no lock or transaction held over network I/O.

1. **Claim**, in a short transaction: lease each notice (the job's ``lease_token`` and a ``lease_expires_at``)
   if it is pending at the attempt the job names and not leased by a live job; read what the sends need
   (destinations, the recipients' settings and webhook endpoints); commit.
2. **Send** each notice's pending destinations, all at once, with no database connection checked out: a
   receiver that hangs until the timeout holds nothing but its own coroutine.
3. **Record**, in a second short transaction: each destination's result and each notice's new state, applied
   only to the notices whose lease is still this job's. A lost lease records nothing. Notices whose sends
   finish together are recorded together; one waiting on a slow receiver is recorded when it is done, so it
   never holds the others' results back.

A job carries one notice (the API's hand-off) or a few (the relay's and the sweeps' hand-offs: one claim
and one record for them all, bench_worker P7); each notice is decided as if it were alone. What a destination
accepted is recorded per destination, so a retry re-sends only what has not succeeded; retries, backoff and
giving up are decided per destination. A crash between a receiver's 2xx and the record re-sends that notice
once the lease has run out: receivers de-duplicate on ``Idempotency-Key`` (the notice id).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import DateTime, bindparam, exists, func, or_, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

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


@asynccontextmanager
async def _transaction(res: WorkerResources) -> AsyncIterator[AsyncConnection]:
    """A short transaction, waiting for a database turn first (``db_slots``)."""
    async with res.db_slots, unit_of_work(res.sessions) as session:
        yield await session.connection()


def _db_now() -> Any:
    # The database's clock, per statement: workers on several hosts agree on it, and it moves inside a
    # transaction (the tests run each in one).
    return func.statement_timestamp(type_=DateTime(timezone=True))


def _ids(name: str) -> Any:
    return bindparam(name, expanding=True)


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


# The statements are built once: building one and deriving its cache key on every call cost more CPU
# than running it (bench_worker, P7).
_LEASE = (
    update(Notice)
    .where(
        tuple_(Notice.id, Notice.attempts).in_(_ids("pairs")),
        Notice.delivery_status == "pending",
        or_(Notice.lease_expires_at.is_(None), Notice.lease_expires_at <= _db_now()),
    )
    .values(
        lease_token=bindparam("token"),
        lease_expires_at=_db_now() + LEASE,
        enqueued_at=func.coalesce(Notice.enqueued_at, _db_now()),
        # If this job vanishes (worker killed, Redis emptied), the relay hands the notice over again.
        next_attempt_at=_db_now() + JOB_LEASE,
    )
    .returning(
        Notice.id,
        Notice.kind,
        Notice.recipient_organization_id,
        Notice.recipient_role,
        Notice.data,
        Notice.created_at,
        select(Organization.settings)
        .where(Organization.id == Notice.recipient_organization_id)
        .scalar_subquery(),
        # Whether it has destinations already (a retry, a re-drive); a first attempt has none to read.
        exists().where(NoticeDelivery.notice_id == Notice.id),
    )
)
_STATE_OF = select(
    Notice.id,
    Notice.delivery_status,
    Notice.attempts,
    func.coalesce(Notice.lease_expires_at > _db_now(), False),
).where(Notice.id.in_(_ids("ids")))
_DESTINATIONS = (
    select(
        NoticeDelivery.notice_id,
        NoticeDelivery.id,
        NoticeDelivery.channel,
        NoticeDelivery.target,
        NoticeDelivery.webhook_endpoint_id,
        NoticeDelivery.status,
        NoticeDelivery.attempts,
        NoticeDelivery.first_attempt_at,
        NoticeDelivery.last_error,
    )
    .where(NoticeDelivery.notice_id.in_(_ids("ids")))
    .order_by(NoticeDelivery.notice_id, NoticeDelivery.target)
)
# The recipients' active endpoints (for first attempts), and any deleted one a pending destination still
# names (it gets cancelled).
_ENDPOINTS = (
    select(
        WebhookEndpoint.organization_id,
        WebhookEndpoint.id,
        WebhookEndpoint.url,
        WebhookEndpoint.event_types,
        WebhookEndpoint.secret,
        WebhookEndpoint.previous_secret,
        WebhookEndpoint.previous_secret_expires_at,
        WebhookEndpoint.deleted_at,
    )
    .where(
        WebhookEndpoint.organization_id.in_(_ids("org_ids")),
        or_(
            WebhookEndpoint.deleted_at.is_(None),
            WebhookEndpoint.id.in_(
                select(NoticeDelivery.webhook_endpoint_id).where(
                    NoticeDelivery.notice_id.in_(_ids("ids")), NoticeDelivery.status == "pending"
                )
            ),
        ),
    )
    .order_by(WebhookEndpoint.created_at, WebhookEndpoint.id)
)


async def _lease(
    db: AsyncConnection, attempts: dict[uuid.UUID, int], token: uuid.UUID
) -> tuple[dict[uuid.UUID, tuple[NoticeRow, dict[str, Any]]], list[uuid.UUID]]:
    """Lease the notices that are pending at the named attempt and free; each with its recipient's settings,
    and the ids of those that have destinations already."""
    leased: dict[uuid.UUID, tuple[NoticeRow, dict[str, Any]]] = {}
    with_rows: list[uuid.UUID] = []
    rows = await db.execute(_LEASE, {"pairs": list(attempts.items()), "token": token})
    for notice_id, kind, org_id, role, data, created_at, org_settings, has_rows in rows:
        leased[notice_id] = (
            NoticeRow(notice_id, kind, org_id, role, data or {}, created_at),
            org_settings or {},
        )
        if has_rows:
            with_rows.append(notice_id)
    return leased, with_rows


async def _why_not_leased(db: AsyncConnection, attempts: dict[uuid.UUID, int]) -> dict[uuid.UUID, str]:
    """``busy`` (another job holds a live lease at this attempt), ``skipped`` (done, or moved on) or
    ``missing``."""
    why = dict.fromkeys(attempts, "missing")
    for notice_id, status, attempt, leased in await db.execute(_STATE_OF, {"ids": list(attempts)}):
        busy = status == "pending" and attempt == attempts[notice_id] and leased
        why[notice_id] = "busy" if busy else "skipped"
    return why


async def _destinations(
    db: AsyncConnection, notice_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[Destination]]:
    found: dict[uuid.UUID, list[Destination]] = {notice_id: [] for notice_id in notice_ids}
    for row in (await db.execute(_DESTINATIONS, {"ids": notice_ids})).mappings():
        fields = dict(row)
        found[fields.pop("notice_id")].append(Destination(**fields))
    return found


async def _endpoints(
    db: AsyncConnection, notices: list[NoticeRow]
) -> tuple[dict[uuid.UUID, Endpoint], dict[uuid.UUID, list[Endpoint]]]:
    """Endpoints by id, and the active ones by organization."""
    params = {"org_ids": list({n.recipient_organization_id for n in notices}), "ids": [n.id for n in notices]}
    by_id: dict[uuid.UUID, Endpoint] = {}
    active: dict[uuid.UUID, list[Endpoint]] = {}
    for row in (await db.execute(_ENDPOINTS, params)).mappings():
        fields = dict(row)
        org_id = fields.pop("organization_id")
        endpoint = Endpoint(**{**fields, "event_types": list(fields["event_types"] or [])})
        by_id[endpoint.id] = endpoint
        if endpoint.deleted_at is None:
            active.setdefault(org_id, []).append(endpoint)
    return by_id, active


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


@dataclass
class Claims:
    """What one claim leased (``items``) and why the other notices were not (``statuses``)."""

    token: uuid.UUID
    items: list[Claim]
    statuses: dict[uuid.UUID, str]


def _prepare(
    res: WorkerResources,
    token: uuid.UUID,
    attempt: int,
    leased: tuple[NoticeRow, dict[str, Any]],
    existing: list[Destination],
    endpoints: tuple[dict[uuid.UUID, Endpoint], dict[uuid.UUID, list[Endpoint]]],
) -> Claim:
    notice, org_settings = leased
    by_id, active = endpoints
    if not existing and attempt == 0:
        pending = _resolve_destinations(
            res, notice, org_settings, active.get(notice.recipient_organization_id, [])
        )
        return Claim(notice, attempt, token, org_settings, by_id, pending, pending)
    pending = [d for d in existing if d.status == "pending"]
    return Claim(notice, attempt, token, org_settings, by_id, existing, pending)


async def claim(res: WorkerResources, attempts: dict[uuid.UUID, int]) -> Claims:
    """Step 1: lease the notices (each ``notice_id: attempt``) and read what their sends need."""
    token = uuid.uuid4()
    async with _transaction(res) as db:
        leased, with_rows = await _lease(db, attempts, token)
        unleased = {i: a for i, a in attempts.items() if i not in leased}
        statuses = await _why_not_leased(db, unleased) if unleased else {}
        if not leased:
            return Claims(token, [], statuses)
        existing = await _destinations(db, with_rows) if with_rows else {}
        endpoints = await _endpoints(db, [notice for notice, _ in leased.values()])
    items = [
        _prepare(res, token, attempts[notice_id], leased[notice_id], existing.get(notice_id, []), endpoints)
        for notice_id in attempts
        if notice_id in leased
    ]
    return Claims(token, items, statuses)


_RELEASE = (
    update(Notice)
    .where(Notice.id.in_(_ids("ids")), Notice.lease_token == bindparam("token"))
    .values(lease_token=None, lease_expires_at=None)
)


async def release(res: WorkerResources, items: list[Claim]) -> None:
    """Give leases up without recording anything (a send raised): the relay hands those notices over
    again when their job lease runs out, as if the job had died."""
    async with _transaction(res) as db:
        await db.execute(_RELEASE, {"ids": [c.notice.id for c in items], "token": items[0].token})


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


_NOTICE_STATE = (
    update(Notice)
    .where(Notice.id == bindparam("b_id"))
    .values(
        attempts=bindparam("b_attempts"),
        last_error=bindparam("b_last_error"),
        next_attempt_at=bindparam("b_next_attempt_at"),
        delivery_status=bindparam("b_delivery_status"),
        delivered_at=func.coalesce(
            bindparam("b_delivered_at", type_=DateTime(timezone=True)), Notice.delivered_at
        ),
        lease_token=None,
        lease_expires_at=None,
        updated_at=func.now(),
    )
)


_STILL_OURS = (
    select(Notice.id)
    .where(Notice.id.in_(_ids("ids")), Notice.lease_token == bindparam("token"))
    .with_for_update()
)
_INSERT = insert(NoticeDelivery)
_UPSERT = _INSERT.on_conflict_do_update(
    index_elements=[NoticeDelivery.notice_id, NoticeDelivery.target],
    set_={**{name: _INSERT.excluded[name] for name in _UPSERTED}, "updated_at": func.now()},
)


async def _write(
    db: AsyncConnection, token: uuid.UUID, done: list[tuple[Claim, dict[str, Any]]]
) -> set[uuid.UUID]:
    """The notices' states and their attempted destinations' rows, for those whose lease is still ours
    (locked for this short transaction, so no claim takes one over in between); their ids."""
    ids = [item.notice.id for item, _ in done]
    ours = set((await db.execute(_STILL_OURS, {"ids": ids, "token": token})).scalars())
    kept = [(item, state) for item, state in done if item.notice.id in ours]
    if not kept:
        return ours
    await db.execute(
        _NOTICE_STATE,
        [{f"b_{k}": v for k, v in {"id": item.notice.id, **state}.items()} for item, state in kept],
    )
    rows = [_row(item.notice.id, d) for item, _ in kept for d in item.pending]
    if rows:
        await db.execute(_UPSERT, rows)
    return ours


def _result(item: Claim, state: dict[str, Any], written: bool) -> DeliveryResult:
    notice_id = str(item.notice.id)
    if not written:
        log.warning("notice_lease_lost", notice_id=notice_id)
        return DeliveryResult("lost", sent=len(item.pending))
    status: str = state["delivery_status"]
    if status == "pending":
        log.info("notice_retry_scheduled", notice_id=notice_id, attempts=state["attempts"],
                 next_attempt_at=state["next_attempt_at"].isoformat())  # fmt: skip
    else:
        if status == "failed":
            log.warning("notice_failed", notice_id=notice_id, attempts=state["attempts"])
        metrics.NOTICES_COMPLETED.labels(status).inc()
    return DeliveryResult(status, sent=len(item.pending))


async def record(
    res: WorkerResources, sent: list[tuple[Claim, list[Outcome]]]
) -> dict[uuid.UUID, DeliveryResult]:
    """Step 3: apply each notice's outcomes per destination and write them all in one short transaction,
    for the notices whose lease is still ours."""
    done_at = datetime.now(UTC)
    window = timedelta(hours=res.settings.notice_retry_hours)
    done: list[tuple[Claim, dict[str, Any]]] = []
    for item, outcomes in sent:
        for delivery, outcome in zip(item.pending, outcomes, strict=True):
            _apply(delivery, outcome, done_at, window, item.notice.created_at)
        done.append((item, _state(item, done_at)))
    async with _transaction(res) as db:
        ours = await _write(db, sent[0][0].token, done)
    return {item.notice.id: _result(item, state, item.notice.id in ours) for item, state in done}


# -- the three steps -----------------------------------------------------------------------------------------

# Notices whose sends finish within this of each other are recorded in one transaction; a notice still
# waiting on a receiver after it is recorded on its own when done.
RECORD_WAVE_SECONDS = 0.25


class SendFailed(Exception):
    """A notice's send raised (the first such error is the cause); its lease was given up and nothing
    was recorded for it, while the job's other notices were recorded."""


async def _send_and_record(
    res: WorkerResources, items: list[Claim], results: dict[uuid.UUID, DeliveryResult]
) -> list[BaseException]:
    tasks = {asyncio.create_task(send(res, item)): item for item in items}
    errors: list[BaseException] = []
    waiting: set[asyncio.Task[list[Outcome]]] = set(tasks)
    try:
        while waiting:
            finished, waiting = await asyncio.wait(waiting, timeout=RECORD_WAVE_SECONDS)
            failed = [t for t in finished if t.exception() is not None]
            errors.extend(e for t in failed if (e := t.exception()) is not None)
            if failed:
                await release(res, [tasks[t] for t in failed])
            ok = [(tasks[t], t.result()) for t in finished if t.exception() is None]
            if ok:
                results.update(await record(res, ok))
    finally:
        for task in waiting:  # the job was cancelled, or a record failed: no send outlives its job
            task.cancel()
    return errors


async def deliver_many(
    res: WorkerResources, attempts: dict[uuid.UUID, int]
) -> dict[uuid.UUID, DeliveryResult]:
    """Attempts of a few notices (``notice_id: attempt``): claim, send, record; a result per notice.
    Raises ``SendFailed`` after the others were recorded if a notice's send raised."""
    claims = await claim(res, attempts)
    results = {notice_id: DeliveryResult(status) for notice_id, status in claims.statuses.items()}
    for notice_id, status in claims.statuses.items():
        if status == "missing":
            log.warning("notice_missing", notice_id=str(notice_id))
    errors = await _send_and_record(res, claims.items, results) if claims.items else []
    if errors:
        raise SendFailed(f"{len(errors)} notice(s) raised") from errors[0]
    return results


async def deliver(res: WorkerResources, notice_id: uuid.UUID, attempt: int) -> DeliveryResult:
    """Attempt ``attempt`` of one notice. Raises what its send raised (nothing is recorded for it then,
    and its lease is given up)."""
    try:
        return (await deliver_many(res, {notice_id: attempt}))[notice_id]
    except SendFailed as exc:
        raise exc.__cause__ or exc from None
