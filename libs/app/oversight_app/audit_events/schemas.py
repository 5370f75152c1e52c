"""The audit trail as readers see it: one event, and the filters a list takes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class AuditEventOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "seq": 1,
                    "organization_id": "7b2d75dd-21ca-5da8-8fbe-adc7e57e5905",
                    "actor": "api_key:ovk_3f9a",
                    "action": "review.created",
                    "entity_type": "review",
                    "entity_id": "0b7c6a52-5f2e-4d4e-9a55-2f8f3c1d9e10",
                    "request_id": "5f0c3a9e2b7d4c1e8a6f9b0d2c4e6a81",
                    "occurred_at": "2025-03-04T15:30:00Z",
                    "changes": {},
                    "prev_hash": "a1b2c3d4",
                    "hash": "e5f6a7b8",
                }
            ]
        },
    )

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
