"""Tool version resources (output only: tools are imported as YAML or JSON documents)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class ToolVersionSummary(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "key": "ecm-partnership",
                    "version": "2025.1",
                    "title": "ECM Review Tool",
                    "program": "ecm",
                    "jurisdiction": "US-CA",
                    "shipped": False,
                    "organization_id": "7b2d75dd-21ca-5da8-8fbe-adc7e57e5905",
                    "content_hash": "sha256:4f2a9c1e8b7d6a5f3e2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e",
                    "in_use": False,
                    "created_at": "2025-03-04T15:30:00Z",
                }
            ]
        }
    )

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
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "key": "ecm-partnership",
                    "version": "2025.1",
                    "title": "ECM Review Tool",
                    "program": "ecm",
                    "jurisdiction": "US-CA",
                    "shipped": False,
                    "organization_id": "7b2d75dd-21ca-5da8-8fbe-adc7e57e5905",
                    "content_hash": "sha256:4f2a9c1e8b7d6a5f3e2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e",
                    "in_use": False,
                    "created_at": "2025-03-04T15:30:00Z",
                    "document": {"key": "ecm-partnership", "sections": []},
                }
            ]
        }
    )

    document: dict[str, Any]
