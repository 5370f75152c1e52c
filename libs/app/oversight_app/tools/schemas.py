"""Tool version resources (output only: tools are imported as YAML or JSON documents)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel


class ToolVersionSummary(BaseModel):
    id: uuid.UUID
    key: str
    version: str
    title: str
    program: str
    jurisdiction: str
    shipped: bool
    organization_id: uuid.UUID | None
    content_hash: str
    in_use: bool
    created_at: datetime


class ToolVersionOut(ToolVersionSummary):
    document: dict[str, Any]
