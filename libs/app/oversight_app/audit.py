"""Recording who did what, in the caller's transaction."""

from __future__ import annotations

import uuid
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.caller import Caller
from oversight_db import audit


def current_request_id() -> str | None:
    """The id the API's middleware (or a worker job) bound to the logging context, if any."""
    value = structlog.contextvars.get_contextvars().get("request_id")
    return value if isinstance(value, str) else None


async def audit_event(
    session: AsyncSession,
    caller: Caller,
    action: str,
    entity_type: str,
    entity_id: uuid.UUID | str | None,
    changes: dict[str, Any] | None = None,
    organization_id: uuid.UUID | None = None,
) -> None:
    """``changes``: names of changed fields and non-PHI facts; never member names, birth dates or ids."""
    await audit.record(
        session,
        organization_id=organization_id or caller.organization_id,
        actor=caller.actor,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        request_id=current_request_id(),
        changes=changes,
    )
