"""Activity imports and automated checks (issue 17), on the long pool: a cron claims pending imports one by
one (``FOR UPDATE SKIP LOCKED``: several workers never load the same file), loads each, then runs the plan's
checks; a daily cron runs every plan's checks again (results age: a window closes, a document grows stale).
An import a killed or timed-out worker left ``loading`` is claimed again once its load has stopped renewing
its claim for a minute (``oversight_app.claims``). No job arguments at all, so no member data reaches
Redis."""

from __future__ import annotations

import uuid
from typing import Any

import structlog
from sqlalchemy import distinct, select

from oversight_app.business_calendars.service import for_organization
from oversight_app.calendars import Calendars
from oversight_app.checks.run import plan_jurisdiction, run_checks
from oversight_app.imports.loader import claim_next, load_import
from oversight_db.db import unit_of_work
from oversight_db.models.activity import ActivityImport
from oversight_worker.context import WorkerResources, resources
from oversight_worker.metrics import LONG_JOB_OUTCOMES, LONG_JOB_SECONDS

log = structlog.get_logger("oversight.worker")

# Imports loaded per cron tick; the rest wait for the next tick (or another worker).
IMPORTS_PER_TICK = 5


async def _checks_for(res: WorkerResources, plan_id: uuid.UUID) -> None:
    calendars = Calendars.with_closures(res.settings.closure_dates)
    with LONG_JOB_SECONDS.labels(job="checks").time():
        async with unit_of_work(res.sessions) as session:
            # The plan's own business calendar (its state's schedule and its changes) times its TARs.
            own = await for_organization(session, calendars, plan_id)
            calendar = own.of(await plan_jurisdiction(session, plan_id))
            outcome = await run_checks(session, plan_id, res.today(), calendar)
    LONG_JOB_OUTCOMES.labels(job="checks", status="done").inc()
    log.info(
        "checks_run",
        plan_id=str(plan_id),
        providers=len(outcome),
        opened=sum(o.opened for o in outcome.values()),
        closed=sum(o.closed for o in outcome.values()),
    )


async def load_imports(ctx: dict[str, Any]) -> int:
    res = resources(ctx)
    loaded = 0
    for _ in range(IMPORTS_PER_TICK):
        import_id = await claim_next(res.sessions)
        if import_id is None:
            break
        with LONG_JOB_SECONDS.labels(job="load_import").time():
            outcome = await load_import(res.sessions, res.blobs, import_id)
        LONG_JOB_OUTCOMES.labels(job="load_import", status=outcome.status).inc()
        log.info("import_loaded", import_id=str(import_id), status=outcome.status, rows=outcome.rows)
        loaded += 1
        if outcome.status == "succeeded":
            await _checks_for(res, outcome.plan_id)
    return loaded


async def scheduled_checks(ctx: dict[str, Any]) -> int:
    res = resources(ctx)
    async with res.sessions() as session:
        plans = list(
            (
                await session.scalars(
                    select(distinct(ActivityImport.plan_id)).where(ActivityImport.status == "succeeded")
                )
            ).all()
        )
    for plan_id in plans:
        await _checks_for(res, plan_id)
    return len(plans)
