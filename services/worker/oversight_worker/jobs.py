"""Jobs and cron tasks. Jobs take ids only (no member data goes into Redis) and are idempotent."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import structlog

from oversight_db.db import unit_of_work
from oversight_db.heartbeat import beat
from oversight_worker.context import resources

log = structlog.get_logger("oversight.worker")


async def heartbeat(ctx: dict[str, Any]) -> None:
    """Record that this worker is alive; ``/readyz`` requires a beat younger than two minutes."""
    res = resources(ctx)
    async with unit_of_work(res.sessions) as session:
        await beat(session, res.worker_id, datetime.now(UTC), {"pid": __import__("os").getpid()})
