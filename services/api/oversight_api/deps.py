"""Request dependencies: resources, the unit of work, the caller.

The session dependency owns the transaction: it commits once after the handler returns and before the
response is sent (``scope="function"``), then hands notices written in that transaction to the queue.
Services only ``flush()``.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Annotated

import structlog
from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.metrics import ENQUEUE_FAILURES, NOTICES_ENQUEUED
from oversight_api.resources import Resources
from oversight_db.outbox import mark_enqueued, pending_export_ids, pending_notice_ids
from oversight_db.queue import enqueue_exports, enqueue_notices

log = structlog.get_logger("oversight.api")


def get_resources(request: Request) -> Resources:
    resources: Resources = request.app.state.resources
    return resources


async def _unit_of_work(request: Request) -> AsyncIterator[AsyncSession]:
    resources = get_resources(request)
    async with resources.sessions() as session:
        try:
            yield session
            # A request that never touched the database (a cached key, no reads) has nothing to commit;
            # skipping the call saves a greenlet round trip on the hottest paths.
            if session.in_transaction():
                await session.commit()
        except BaseException:
            await session.rollback()
            raise
        notice_ids = pending_notice_ids(session)
        export_ids = pending_export_ids(session)
    if notice_ids:
        await hand_off_notices(resources, notice_ids)
    if export_ids:
        await hand_off_exports(resources, export_ids)


async def hand_off_notices(resources: Resources, notice_ids: list[uuid.UUID]) -> None:
    """Best effort: if Redis is down the notices stay in the outbox and the worker's relay sends them."""
    try:
        reached = await enqueue_notices(resources.redis, notice_ids)
    except Exception as exc:
        ENQUEUE_FAILURES.inc(len(notice_ids))
        log.warning("notice_enqueue_failed", count=len(notice_ids), error_type=type(exc).__name__)
        return
    NOTICES_ENQUEUED.inc(len(reached))
    try:
        async with resources.sessions() as session, session.begin():
            await mark_enqueued(session, reached, datetime.now(UTC))
    except (
        Exception
    ) as exc:  # the relay would enqueue again; the job id and the job's check make that harmless
        log.warning("notice_mark_enqueued_failed", count=len(reached), error_type=type(exc).__name__)


async def hand_off_exports(resources: Resources, export_ids: list[uuid.UUID]) -> None:
    """Best effort, like notices: a queued export the queue never got is enqueued by the worker's cron."""
    try:
        await enqueue_exports(resources.redis, [(export_id, 0) for export_id in export_ids])  # unclaimed yet
    except Exception as exc:
        log.warning("export_enqueue_failed", count=len(export_ids), error_type=type(exc).__name__)


async def _read_only(request: Request) -> AsyncIterator[AsyncSession]:
    resources = get_resources(request)
    async with (resources.read_sessions or resources.sessions)() as session:
        yield session


Session = Annotated[AsyncSession, Depends(_unit_of_work, scope="function")]
# For a route that runs ONE select and writes nothing: no transaction, so no BEGIN/COMMIT round trips.
ReadSession = Annotated[AsyncSession, Depends(_read_only)]
AppResources = Annotated[Resources, Depends(get_resources)]
