"""Cron: delete evidence documents whose retention ended (``oversight_app.documents.retention``)."""

from __future__ import annotations

from typing import Any

import structlog

from oversight_app.documents.retention import purge_expired
from oversight_worker.context import resources

log = structlog.get_logger("oversight.worker.documents")


async def purge_documents(ctx: dict[str, Any]) -> int:
    """Delete the objects of expired documents (legal holds excepted) and record each deletion."""
    res = resources(ctx)
    result = await purge_expired(res.sessions, res.blobs, res.today())
    if result.deleted:
        log.info("documents_purged", deleted=result.deleted, held=result.held)
    return result.deleted
