"""Activity imports as the API shows them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

ImportKind = Literal["interactions", "tars", "care_documents", "program_spans", "claims"]
ImportFormat = Literal["csv", "ndjson"]


class ImportErrorOut(BaseModel):
    line: int
    column: str
    message: str


class ImportOut(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "0b6f1c1e-7d0a-4c1f-9a55-3f1d2a8e9b10",
                    "kind": "interactions",
                    "file_format": "csv",
                    "status": "succeeded",
                    "content_sha256": "9f2c" + "0" * 60,
                    "size_bytes": 18342,
                    "rows": 250,
                    "inserted": 248,
                    "updated": 0,
                    "unchanged": 2,
                    "error_count": 0,
                    "errors": [],
                    "created_at": "2026-01-06T15:04:05Z",
                    "finished_at": "2026-01-06T15:04:09Z",
                }
            ]
        },
    )

    id: uuid.UUID
    kind: ImportKind
    file_format: ImportFormat
    status: Literal["pending", "loading", "succeeded", "failed"]
    content_sha256: str
    size_bytes: int
    rows: int | None
    inserted: int | None
    updated: int | None
    unchanged: int | None
    error_count: int
    errors: list[ImportErrorOut]
    created_at: datetime
    finished_at: datetime | None
