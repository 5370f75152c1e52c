"""Claims that prove they are alive (issue 16): long work on the long-jobs pool (an export build, an import
load) renews its claim every beat, each time in a short transaction of its own, and a claim not renewed
within the lease is a dead worker's, handed over at once instead of after arq's lease on the dead job (the
long pool's timeout, an hour). Taking a live claim for dead (a paused process, a database unreachable for the
whole lease) costs a second run, never a second result: a run records its result only while the row is
still claimed under its own attempt number."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import ColumnElement, Update, func
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

log = structlog.get_logger("oversight.claims")


@dataclass(frozen=True)
class Lease:
    """A run renews its claim every ``beat``; a claim not renewed for ``expires`` is a dead worker's."""

    beat: timedelta
    expires: timedelta


# Four beats may be missed (a slow database, a pause) before a live run is taken for dead. A killed worker's
# work is handed over within the lease plus the period of whatever hands it over (a cron, every 30 s).
CLAIM_LEASE = Lease(beat=timedelta(seconds=15), expires=timedelta(minutes=1))


def last_alive(started_at: Any, heartbeat_at: Any) -> ColumnElement[datetime]:
    """A claim's last sign of life: its renewal, or its start (GREATEST skips NULLs: a claim made before
    runs renewed theirs has only a start)."""
    return func.greatest(started_at, heartbeat_at)


def is_alive(started_at: datetime | None, heartbeat_at: datetime | None, now: datetime, lease: Lease) -> bool:
    """``last_alive`` in Python, for a row already read."""
    alive = max((t for t in (started_at, heartbeat_at) if t is not None), default=None)
    return alive is not None and alive > now - lease.expires


@asynccontextmanager
async def renewing(
    sessions: async_sessionmaker[AsyncSession],
    renewal: Callable[[datetime], Update],
    lease: Lease,
    now: Callable[[], datetime],
    **log_fields: Any,
) -> AsyncIterator[None]:
    """Renew a claim every beat while the block runs. ``renewal(now)`` is the conditional UPDATE (only the
    claim's own attempt, still running) RETURNING a row; when it returns none the claim is no longer ours
    and renewing stops (the run's record will not apply). A failed renewal is tried again a beat later."""

    async def renew() -> None:
        while True:
            await asyncio.sleep(lease.beat.total_seconds())
            try:
                async with sessions() as session, session.begin():
                    renewed = (await session.execute(renewal(now()))).first()
            except Exception as exc:
                log.warning("claim_renewal_failed", error_type=type(exc).__name__, **log_fields)
                continue
            if renewed is None:
                log.warning("claim_lost", **log_fields)
                return

    task = asyncio.create_task(renew())
    try:
        yield
    finally:
        task.cancel()
        await asyncio.wait([task])  # a cancellation of the block itself still reaches it
