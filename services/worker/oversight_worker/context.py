"""What every job receives in ``ctx``: built once per worker process in ``startup``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpcore
import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from oversight_db.blobs import BlobStore
from oversight_db.settings import Settings


def calendar_today(timezone: str) -> Callable[[], date]:
    """Today's date where the deadlines are kept (a deadline due on the 5th falls due at local midnight)."""
    zone = ZoneInfo(timezone)
    return lambda: datetime.now(zone).date()


def webhook_pool(max_connections: int = 20) -> httpcore.AsyncConnectionPool:
    """Keep-alive connections to webhook receivers, enough for every concurrent job.

    Webhooks are POSTed through httpcore (the transport under httpx) directly: httpx's request/response
    models, cookie jar and auth/redirect layers cost about half of each send's CPU (bench_worker, P7).
    """
    return httpcore.AsyncConnectionPool(
        max_connections=max_connections, max_keepalive_connections=max_connections, keepalive_expiry=30.0
    )


@dataclass
class WorkerResources:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    http: httpx.AsyncClient
    blobs: BlobStore
    worker_id: str
    # The sweep's clock; tests replace it to move time.
    today: Callable[[], date] = field(default=lambda: date.today())
    webhooks: httpcore.AsyncConnectionPool = field(default_factory=webhook_pool)


def resources(ctx: dict[str, Any]) -> WorkerResources:
    res: WorkerResources = ctx["resources"]
    return res
