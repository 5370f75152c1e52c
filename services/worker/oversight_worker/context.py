"""What every job receives in ``ctx``: built once per worker process in ``startup``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from oversight_db.blobs import BlobStore
from oversight_db.settings import Settings


def calendar_today(timezone: str) -> Callable[[], date]:
    """Today's date where the deadlines are kept (a deadline due on the 5th falls due at local midnight)."""
    zone = ZoneInfo(timezone)
    return lambda: datetime.now(zone).date()


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


def resources(ctx: dict[str, Any]) -> WorkerResources:
    res: WorkerResources = ctx["resources"]
    return res
