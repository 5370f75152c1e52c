"""Activity imports as the API shows them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from oversight_app.documents.schemas import Sha256, UploadTarget

ImportKind = Literal["interactions", "tars", "care_documents", "program_spans", "claims", "members"]
ImportFormat = Literal["csv", "ndjson"]
ImportStatus = Literal["uploading", "pending", "loading", "succeeded", "failed"]

# The largest file sent straight to storage: S3's limit for one POST upload (5 GB).
MAX_IMPORT_BYTES = 5 * 1024**3


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
    status: ImportStatus
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


def _example(model: type[BaseModel]) -> Any:
    """A model's documented example, reused inside the examples of the models that nest it."""
    return model.model_config["json_schema_extra"]["examples"][0]  # type: ignore[index]


class ImportUploadIn(BaseModel):
    """The file the plan is about to send straight to storage; completion checks that what arrived has
    exactly this size and sha256."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "file_format": "csv",
                    "size": 68_400_000,
                    "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                }
            ]
        },
    )

    file_format: ImportFormat
    size: int = Field(ge=1, le=MAX_IMPORT_BYTES)
    sha256: str = Sha256


class ImportUploadOut(BaseModel):
    """The import (``uploading`` until completed) and where to send the bytes; ``upload`` is null when
    this file (same kind and sha256) was sent before: nothing needs sending again."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    # A file declared before and loaded since (examples carry no nulls: a new
                    # import is "uploading" with no counts yet, and ``upload`` says where to send it).
                    "activity_import": _example(ImportOut),
                }
            ]
        }
    )

    activity_import: ImportOut
    upload: UploadTarget | None = None
