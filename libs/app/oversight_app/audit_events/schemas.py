"""The audit trail as readers see it: one event, and the filters a list takes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class AuditEventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    seq: int
    organization_id: uuid.UUID | None
    actor: str
    action: str
    entity_type: str
    entity_id: str | None
    request_id: str | None
    occurred_at: datetime
    changes: dict[str, Any]
    prev_hash: str | None
    hash: str


@dataclass(frozen=True)
class AuditEventFilter:
    """Each set field narrows the list; ``since`` is inclusive, ``until`` exclusive."""

    entity_type: str | None = None
    entity_id: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None
