"""What every job receives in ``ctx``: built once per worker process in ``startup``."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from oversight_db.blobs import BlobStore
from oversight_db.settings import Settings
from oversight_worker.sweep import TIME_BUDGET_SECONDS
from oversight_worker.webhooks import DEFAULT_TRANSPORT, Transport, WebhookClient


def calendar_today(timezone: str) -> Callable[[], date]:
    """Today's date where the deadlines are kept (a deadline due on the 5th falls due at local midnight)."""
    zone = ZoneInfo(timezone)
    return lambda: datetime.now(zone).date()


def webhook_client(
    max_connections_per_receiver: int = 20, transport: Transport = DEFAULT_TRANSPORT
) -> WebhookClient:
    """Keep-alive connections to webhook receivers, at most ``max_connections_per_receiver`` to each (the
    worker passes ``worker_max_jobs``: a receiver sees no more connections than when a job delivered one
    notice; a send waiting longer than its timeout for one is a timeout, retried later), over ``transport``
    (``OVERSIGHT_WEBHOOK_TRANSPORT``)."""
    return WebhookClient(
        max_connections_per_receiver=max_connections_per_receiver, keepalive_seconds=30.0, transport=transport
    )


@dataclass
class WorkerResources:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    blobs: BlobStore
    worker_id: str
    # The sweep's clock; tests replace it to move time.
    today: Callable[[], date] = field(default=lambda: date.today())
    # How long one sweep job runs batches before it hands the rest to a follow-up sweep.
    sweep_budget_seconds: float = TIME_BUDGET_SECONDS
    webhooks: WebhookClient = field(default_factory=webhook_client)
    # SMTP sessions at once (``worker_max_jobs``): the worker runs more jobs than that, most of them waiting
    # on a receiver.
    smtp_slots: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(20))
    # Delivery steps talking to the database at once (``worker_max_jobs``, what the pool holds): a claim or
    # a record waits here for a turn instead of failing at the pool's checkout timeout.
    db_slots: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(20))
    # Which worker pool this process is ("main" or "long"; oversight_worker.settings), in its heartbeats.
    pool: str = "main"


def resources(ctx: dict[str, Any]) -> WorkerResources:
    res: WorkerResources = ctx["resources"]
    return res
