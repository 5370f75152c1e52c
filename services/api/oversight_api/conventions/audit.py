"""Recording who did what from a request, in the request's transaction."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_api.auth.caller import Caller
from oversight_db import audit


async def audit_event(
    session: AsyncSession,
    request: Request,
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
        request_id=request.scope.get("state", {}).get("request_id"),
        changes=changes,
    )
