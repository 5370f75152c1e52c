"""Delivering notices: resolve each one's destinations once, send what is still pending, record each result.

A job delivers a few notices at once (``deliver_many``), in one transaction: the notice rows are locked
(``FOR UPDATE``, in id order so two jobs never deadlock) for the attempt, so two copies of a job never send
at once; a notice whose ``attempt`` is not the one the job names is stale and left alone. What a
destination accepted is recorded per destination, so a retry re-sends only what has not succeeded. A crash
between a receiver's 2xx and the commit re-sends those notices: receivers de-duplicate on
``Idempotency-Key`` (the notice id). Retries, backoff and giving up are decided per notice, as if each were
alone.

However many notices it carries, an attempt is three statements besides BEGIN and COMMIT: lock the
notices; load their destinations, endpoints and recipients' settings (a separate statement, so it reads
after the locks are granted and sees a re-drive committed while we waited); then one statement writes
every destination's result and every notice's state.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import structlog

from oversight_db.db import unit_of_work
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

# Each id is looked up through the primary key and locked in the array's order (sorted: two jobs never
# deadlock), whatever the planner thinks of the table; ``ctid`` addresses the locked row for the write.
_LOCK = """
    SELECT n.ctid AS tid, n.id, n.kind, n.recipient_organization_id, n.recipient_role, n.data, n.created_at,
      n.delivery_status, n.attempts, n.enqueued_at
    FROM unnest(CAST($1 AS uuid[])) AS k(id),
      LATERAL (SELECT *, ctid FROM notice WHERE notice.id = k.id FOR UPDATE) AS n
    """
# Read after the locks are granted (a fresh snapshot in READ COMMITTED). Endpoints: the organization's active
# ones (for a first attempt) and any deleted one a pending destination still names (it gets cancelled).
_LOAD = """
    SELECT
      n.id,
      (SELECT settings FROM organization WHERE id = n.org) AS settings,
      coalesce((
        SELECT jsonb_agg(jsonb_build_object(
          'id', d.id, 'channel', d.channel, 'target', d.target,
          'webhook_endpoint_id', d.webhook_endpoint_id, 'status', d.status, 'attempts', d.attempts,
          'first_attempt_at', d.first_attempt_at, 'last_error', d.last_error) ORDER BY d.target)
        FROM notice_delivery d WHERE d.notice_id = n.id), '[]'::jsonb) AS deliveries,
      coalesce((
        SELECT jsonb_agg(jsonb_build_object(
          'id', e.id, 'url', e.url, 'event_types', e.event_types, 'secret', e.secret,
          'previous_secret', e.previous_secret,
          'previous_secret_expires_at', e.previous_secret_expires_at, 'deleted_at', e.deleted_at)
          ORDER BY e.created_at, e.id)
        FROM webhook_endpoint e
        WHERE e.organization_id = n.org
          AND (e.deleted_at IS NULL OR e.id IN (
            SELECT d.webhook_endpoint_id FROM notice_delivery d
            WHERE d.notice_id = n.id AND d.status = 'pending'))), '[]'::jsonb) AS endpoints
    FROM unnest(CAST($1 AS uuid[]), CAST($2 AS uuid[])) AS n(id, org)
    """


def _ts(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


@dataclass(frozen=True)
class DeliveryResult:
    status: str  # skipped | missing | delivered | failed | pending | broken
    sent: int = 0


class NoticesBroken(Exception):
    """Raised after the job's transaction committed the other notices' results: preparing or sending
    these notices raised. Nothing was recorded for them, as if each had been alone in a job that raised;
    they stay pending until the relay's lease hands them over again."""

    def __init__(self, errors: dict[uuid.UUID, BaseException]) -> None:
        super().__init__(f"{len(errors)} notice(s) raised")
        self.errors = errors


@dataclass(frozen=True)
class Endpoint:
    """What a webhook send needs of an endpoint (the ``webhook_endpoint`` row, read with the attempt)."""

    id: uuid.UUID
    url: str
    event_types: list[str]
    secret: str
    previous_secret: str | None
    previous_secret_expires_at: datetime | None
    deleted_at: datetime | None

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> Endpoint:
        return cls(
            id=uuid.UUID(row["id"]),
            url=row["url"],
            event_types=list(row.get("event_types") or []),
            secret=row["secret"],
            previous_secret=row.get("previous_secret"),
            previous_secret_expires_at=_ts(row.get("previous_secret_expires_at")),
            deleted_at=_ts(row.get("deleted_at")),
        )


@dataclass
class Destination:
    """One ``notice_delivery`` row: loaded, or resolved now (``new``) and inserted with its first result."""

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
    new: bool = field(default=False)

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> Destination:
        endpoint_id = row.get("webhook_endpoint_id")
        return cls(
            id=uuid.UUID(row["id"]),
            channel=row["channel"],
            target=row["target"],
            webhook_endpoint_id=uuid.UUID(endpoint_id) if endpoint_id else None,
            status=row["status"],
            attempts=int(row["attempts"]),
            first_attempt_at=_ts(row.get("first_attempt_at")),
            last_error=row.get("last_error"),
        )


@dataclass(frozen=True)
class NoticeRow:
    id: uuid.UUID
    kind: str
    recipient_organization_id: uuid.UUID
    recipient_role: str | None
    data: dict[str, Any]
    created_at: datetime


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
            rows.append(Destination(uuid.uuid4(), "email", "email", None, new=True))
        else:
            log.warning("email_channel_skipped", notice_id=str(notice.id), reason="smtp_not_configured")
    if "webhook" in channels:
        for endpoint in endpoints:
            if endpoint.deleted_at is None and (
                not endpoint.event_types or notice.kind in endpoint.event_types
            ):
                rows.append(
                    Destination(uuid.uuid4(), "webhook", f"webhook:{endpoint.id}", endpoint.id, new=True)
                )
    return rows


async def _send(
    res: WorkerResources,
    notice: NoticeRow,
    delivery: Destination,
    endpoints: dict[uuid.UUID, Endpoint],
    org_settings: dict[str, Any],
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
            res.webhooks, endpoint, body, notice_id, notice.kind, now, settings.webhook_timeout_seconds
        )
    recipients = email_recipients(org_settings, notice.recipient_role)
    if not recipients:
        return Outcome("cancelled", error="no e-mail addresses")
    try:
        rendered = render_email(notice.kind, notice.id, notice.data, settings.public_base_url)
    except NoticeDataError as exc:
        return Outcome("failed", error=str(exc))
    return await send_email(settings, build_email(settings, recipients, rendered, notice_id), res.smtp_slots)


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


# Every attempted destination's result (new rows inserted, known ones updated) and every notice's state, in
# one statement of fixed text, so asyncpg prepares it once per connection. The notices are found by the
# ``ctid`` their lock returned (a TID scan; our lock keeps the row where it is): joined by id to a function
# scan, the planner would read the whole table.
_WRITE = """
    WITH written AS (
      INSERT INTO notice_delivery (id, notice_id, channel, target, webhook_endpoint_id, status, attempts,
        first_attempt_at, last_attempt_at, delivered_at, last_status_code, last_error)
      SELECT r.id, r.notice_id, r.channel, r.target, r.webhook_endpoint_id, r.status, r.attempts,
        r.first_attempt_at, r.last_attempt_at, r.delivered_at, r.last_status_code, r.last_error
      FROM jsonb_to_recordset(CAST($1 AS jsonb)) AS r(id uuid, notice_id uuid, channel text, target text,
        webhook_endpoint_id uuid, status text, attempts int, first_attempt_at timestamptz,
        last_attempt_at timestamptz, delivered_at timestamptz, last_status_code int, last_error text)
      ON CONFLICT (notice_id, target) DO UPDATE SET
        status = excluded.status, attempts = excluded.attempts, first_attempt_at = excluded.first_attempt_at,
        last_attempt_at = excluded.last_attempt_at, delivered_at = excluded.delivered_at,
        last_status_code = excluded.last_status_code, last_error = excluded.last_error, updated_at = now()
      RETURNING 1
    )
    UPDATE notice SET
      attempts = u.attempts, enqueued_at = u.enqueued_at, last_error = u.last_error,
      next_attempt_at = u.next_attempt_at, delivery_status = u.delivery_status,
      delivered_at = coalesce(u.delivered_at, notice.delivered_at), updated_at = now()
    FROM jsonb_to_recordset(CAST($2 AS jsonb)) AS u(id uuid, attempts int, enqueued_at timestamptz,
      last_error text, next_attempt_at timestamptz, delivery_status text, delivered_at timestamptz)
    WHERE notice.ctid = ANY(CAST($3 AS tid[])) AND notice.id = u.id
    """


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


@dataclass
class _Attempt:
    """One notice's attempt inside a job: what was loaded for it and what it sends now."""

    notice: NoticeRow
    attempt: int
    enqueued_at: datetime | None
    org_settings: dict[str, Any]
    endpoints: dict[uuid.UUID, Endpoint]
    all_rows: list[Destination]
    pending: list[Destination]


def _prepare(res: WorkerResources, locked: Any, attempt: int, loaded: Any) -> _Attempt:
    notice = NoticeRow(
        locked["id"],
        locked["kind"],
        locked["recipient_organization_id"],
        locked["recipient_role"],
        locked["data"] or {},
        locked["created_at"],
    )
    org_settings: dict[str, Any] = loaded["settings"] or {}
    endpoint_list = [Endpoint.from_json(e) for e in loaded["endpoints"]]
    existing = [Destination.from_json(d) for d in loaded["deliveries"]]
    if not existing and attempt == 0:
        pending = _resolve_destinations(res, notice, org_settings, endpoint_list)
        all_rows = pending
    else:
        pending = [d for d in existing if d.status == "pending"]
        all_rows = existing
    return _Attempt(notice, attempt, locked["enqueued_at"], org_settings, {e.id: e for e in endpoint_list},
                    all_rows, pending)  # fmt: skip


def _conclude(
    item: _Attempt, now: datetime, done_at: datetime, rows: list[dict[str, Any]]
) -> tuple[dict[str, Any], DeliveryResult]:
    """The notice's new state after its destinations' outcomes were applied (``rows`` gets their rows)."""
    notice_id = item.notice.id
    rows.extend(_row(notice_id, d) for d in item.pending)
    attempts = item.attempt + 1
    errors = [
        f"{d.target}: {d.last_error}" for d in item.all_rows if d.status != "delivered" and d.last_error
    ]
    state: dict[str, Any] = {
        "id": notice_id,
        "attempts": attempts,
        "enqueued_at": item.enqueued_at or now,
        "last_error": "; ".join(errors)[:2000] or None,
        "next_attempt_at": None,
        "delivery_status": "delivered",
        "delivered_at": None,
    }
    sent = len(item.pending)
    if any(d.status == "pending" for d in item.all_rows):
        next_attempt_at = done_at + backoff(attempts)
        state.update(next_attempt_at=next_attempt_at, delivery_status="pending")
        log.info("notice_retry_scheduled", notice_id=str(notice_id), attempts=attempts,
                 next_attempt_at=next_attempt_at.isoformat())  # fmt: skip
        return state, DeliveryResult("pending", sent=sent)
    if any(d.status == "failed" for d in item.all_rows):
        state["delivery_status"] = "failed"
        log.warning("notice_failed", notice_id=str(notice_id), attempts=attempts)
    else:
        state["delivered_at"] = done_at
    metrics.NOTICES_COMPLETED.labels(state["delivery_status"]).inc()
    return state, DeliveryResult(state["delivery_status"], sent=sent)


async def deliver(res: WorkerResources, notice_id: uuid.UUID, attempt: int) -> DeliveryResult:
    """Attempt ``attempt`` of one notice; raises what preparing or sending it raised."""
    try:
        return (await deliver_many(res, [(notice_id, attempt)]))[notice_id]
    except NoticesBroken as exc:
        raise exc.errors[notice_id] from None


async def deliver_many(
    res: WorkerResources, items: Iterable[tuple[uuid.UUID, int]]
) -> dict[uuid.UUID, DeliveryResult]:
    """Attempts of a few notices (each ``(notice_id, attempt)``) in one transaction; a result per notice.

    A notice whose preparation or send raises is left out of the write (the others are recorded) and
    ``NoticesBroken`` is raised after the commit.
    """
    window = timedelta(hours=res.settings.notice_retry_hours)
    wanted: dict[uuid.UUID, set[int]] = {}
    for notice_id, attempt in items:
        wanted.setdefault(notice_id, set()).add(attempt)
    results = {notice_id: DeliveryResult("missing") for notice_id in wanted}
    broken: dict[uuid.UUID, BaseException] = {}
    async with unit_of_work(res.sessions) as session:
        connection = await session.connection()
        db: Any = (await connection.get_raw_connection()).driver_connection  # asyncpg.Connection
        try:
            # The statements go to asyncpg directly (it prepares each once per connection): through
            # SQLAlchemy's text() each cost about as much CPU as the webhook POST (bench_worker, P7).
            # SQLAlchemy's transaction on this connection begins only with its own first statement, so
            # asyncpg's is the transaction here (a savepoint inside the tests' outer transaction).
            async with db.transaction():
                await _attempt(res, db, wanted, results, broken, window)
        except Exception as exc:
            if not db.is_closed():
                raise
            # SQLAlchemy did not see it break: drop it rather than hand it to the next job. Whatever
            # asyncpg raised on the way, the database went away.
            await connection.invalidate()
            raise ConnectionError("database connection lost") from exc
    if broken:
        raise NoticesBroken(broken)
    return results


async def _attempt(
    res: WorkerResources,
    db: Any,
    wanted: dict[uuid.UUID, set[int]],
    results: dict[uuid.UUID, DeliveryResult],
    broken: dict[uuid.UUID, BaseException],
    window: timedelta,
) -> None:
    # Blocking, not SKIP LOCKED: the relay holds rows only for milliseconds while it enqueues them.
    locked = await db.fetch(_LOCK, sorted(wanted))
    live = []
    for row in locked:
        if row["delivery_status"] == "pending" and row["attempts"] in wanted[row["id"]]:
            live.append(row)
        else:
            results[row["id"]] = DeliveryResult("skipped")
    for notice_id in wanted.keys() - {row["id"] for row in locked}:
        log.warning("notice_missing", notice_id=str(notice_id))
    if not live:
        return
    loaded = {
        row["id"]: row
        for row in await db.fetch(
            _LOAD, [r["id"] for r in live], [r["recipient_organization_id"] for r in live]
        )
    }
    batch: list[_Attempt] = []
    tids = {}
    for row in live:
        try:
            batch.append(_prepare(res, row, row["attempts"], loaded[row["id"]]))
            tids[row["id"]] = row["tid"]
        except Exception as exc:
            broken[row["id"]] = exc
            results[row["id"]] = DeliveryResult("broken")
    now = datetime.now(UTC)
    outcomes = await asyncio.gather(
        *(
            _send(res, item.notice, d, item.endpoints, item.org_settings, now)
            for item in batch
            for d in item.pending
        ),
        return_exceptions=True,  # one notice's exception must not abandon the others' sends midway
    )
    done_at = datetime.now(UTC)
    rows: list[dict[str, Any]] = []
    states: list[dict[str, Any]] = []
    sent = iter(outcomes)
    for item in batch:
        mine = [next(sent) for _ in item.pending]
        error = next((o for o in mine if isinstance(o, BaseException)), None)
        if error is not None:
            broken[item.notice.id] = error
            results[item.notice.id] = DeliveryResult("broken")
            continue
        for delivery, outcome in zip(item.pending, mine, strict=True):
            assert isinstance(outcome, Outcome)
            _apply(delivery, outcome, done_at, window, item.notice.created_at)
        state, results[item.notice.id] = _conclude(item, now, done_at, rows)
        states.append(state)
    if not states:
        return
    status = await db.execute(_WRITE, _json(rows), _json(states), [tids[s["id"]] for s in states])
    if status != f"UPDATE {len(states)}":
        raise RuntimeError("a locked notice was not written")  # roll back: record nothing


def _json(value: Any) -> str:
    # orjson writes datetimes as RFC 3339 (with the offset) and UUIDs as strings, as Postgres reads them;
    # asyncpg's own UUID type goes through ``str``.
    return orjson.dumps(value, default=str).decode()
