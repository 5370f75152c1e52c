"""Transitional: the request-taking form of :func:`oversight_app.audit.audit_event` (removed once every
service takes plain values)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app import audit
from oversight_app.caller import Caller


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
    await audit.audit_event(session, caller, action, entity_type, entity_id, changes, organization_id)
