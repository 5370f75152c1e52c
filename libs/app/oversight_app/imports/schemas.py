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
    model_config = ConfigDict(from_attributes=True)

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
