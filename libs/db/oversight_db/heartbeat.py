"""Worker heartbeats: every worker writes one every 30 s with its pool (``info.pool``: ``main`` or
``long``); ``/readyz`` reads the main pool's youngest."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.models.ops import WorkerHeartbeat


async def beat(
    session: AsyncSession, worker_id: str, at: datetime, info: dict[str, Any] | None = None
) -> None:
    stmt = insert(WorkerHeartbeat).values(worker_id=worker_id, beat_at=at, info=info or {})
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[WorkerHeartbeat.worker_id],
            set_={"beat_at": stmt.excluded.beat_at, "info": stmt.excluded.info},
        )
    )


async def latest_beat(session: AsyncSession, pool: str = "main") -> datetime | None:
    # Beats written before pools existed carry no pool: they were the main pool's.
    beat_pool = func.coalesce(WorkerHeartbeat.info["pool"].astext, "main")
    newest: datetime | None = await session.scalar(
        select(func.max(WorkerHeartbeat.beat_at)).where(beat_pool == pool)
    )
    return newest


async def latest_beats(session: AsyncSession) -> dict[str, datetime]:
    """Each pool's newest beat (for the API's metrics: operations alert on a pool gone quiet)."""
    beat_pool = func.coalesce(WorkerHeartbeat.info["pool"].astext, "main")
    rows = await session.execute(select(beat_pool, func.max(WorkerHeartbeat.beat_at)).group_by(beat_pool))
    return {str(pool): at for pool, at in rows.tuples()}
