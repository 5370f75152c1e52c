"""The daily audit checkpoint (oversight_db.audit_checkpoints), run by the worker's cron."""

from __future__ import annotations

from typing import Any

import structlog

from oversight_db.audit_checkpoints import write_checkpoint
from oversight_db.db import unit_of_work
from oversight_worker.context import WorkerResources

log = structlog.get_logger("oversight.worker")


async def audit_checkpoint(ctx: dict[str, Any]) -> None:
    res: WorkerResources = ctx["resources"]
    async with unit_of_work(res.sessions) as session:
        checkpoint = await write_checkpoint(session, res.blobs)
    log.info("audit_checkpoint_written", blob=checkpoint.name, chains=len(checkpoint.chains))
