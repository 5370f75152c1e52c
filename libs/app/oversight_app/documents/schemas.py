"""Input and output models of evidence documents."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from oversight_app.bounds import Day
from oversight_app.text import Text
from oversight_domain.documents import ALLOWED_TYPES, DOCUMENT_POLICY

Sha256 = Field(pattern=r"^[0-9a-f]{64}$", description="lower-case hex sha256 of the file")
DocumentStatus = Literal["pending", "available", "rejected", "deleting", "deleted"]
RequestStatus = Literal["open", "fulfilled", "cancelled"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocumentRequestIn(_In):
    """What to ask the provider for. ``kind`` decides the level (``policy.yaml``): a record-level kind needs
    ``record_id`` (a sampled record of the review), a provider-level kind must not have one. ``element_key``
    ties the request to one element of the tool. ``due_on`` defaults to the policy's days before the review."""

    kind: str = Field(max_length=40)
    record_id: uuid.UUID | None = None
    element_key: Text | None = Field(None, max_length=80)
    note: Text | None = Field(None, max_length=2000)
    due_on: Day | None = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        askable = sorted(k for k, spec in DOCUMENT_POLICY.kinds.items() if spec.level != "dispute")
        if value not in askable:
            raise ValueError(f"must be one of: {', '.join(askable)}")
        return value

    @model_validator(mode="after")
    def _level(self) -> DocumentRequestIn:
        level = DOCUMENT_POLICY.level_of(self.kind)
        if level == "record" and self.record_id is None:
            raise ValueError(f"a {self.kind} is about a member: record_id is required")
        if level == "provider" and self.record_id is not None:
            raise ValueError(f"a {self.kind} is about the provider: leave record_id out")
        return self


class DocumentSummary(BaseModel):
    """One uploaded version. ``stored_name`` is the member-file name (seed 003: Last NameCIN): member data,
    shown only to callers who may read the review's documents."""

    id: uuid.UUID
    version_number: int
    status: DocumentStatus
    stored_name: str
    original_name: str
    size: int
    content_type: str | None
    rejected_reason: str | None
    uploaded_by: str
    created_at: datetime
    available_at: datetime | None
    deleted_at: datetime | None
    roi_authorizes: str | None
    roi_effective_on: date | None
    roi_expires_on: date | None


class DocumentRequestOut(BaseModel):
    id: uuid.UUID
    review_id: uuid.UUID | None = Field(description="null only for a dispute's evidence without a review")
    dispute_id: uuid.UUID | None = Field(description="set for evidence a provider attached to its dispute")
    plan_id: uuid.UUID
    provider_id: uuid.UUID
    record_id: uuid.UUID | None
    element_key: str | None
    kind: str
    level: Literal["record", "provider", "dispute"]
    note: str | None
    due_on: date
    day_type: str
    status: RequestStatus
    outstanding: bool = Field(description="open and no version available yet")
    overdue: bool
    requested_by: str
    created_at: datetime
    version: int
    documents: list[DocumentSummary]


class RoiIn(_In):
    """A release of information (seed 003, "Valid ROI"): whom it authorizes and when it is in effect."""

    authorizes: Text = Field(min_length=1, max_length=1000)
    effective_on: Day
    expires_on: Day | None = None

    @model_validator(mode="after")
    def _order(self) -> RoiIn:
        if self.expires_on is not None and self.expires_on < self.effective_on:
            raise ValueError("expires_on is before effective_on")
        return self


class UploadIn(_In):
    """The file the provider is about to send; the store is told to accept exactly this size and type, and
    completion checks the sha256 and the real type of what arrived."""

    file_name: Text = Field(min_length=1, max_length=300)
    size: int = Field(ge=1, le=DOCUMENT_POLICY.upload.max_bytes)
    content_type: str = Field(max_length=120)
    sha256: str = Sha256
    roi: RoiIn | None = None

    @field_validator("content_type")
    @classmethod
    def _allowed(cls, value: str) -> str:
        if value not in ALLOWED_TYPES:
            raise ValueError("must be an allowed type: PDF, PNG/JPEG/GIF/TIFF, Office documents, CSV or text")
        return value


class DocumentList(BaseModel):
    items: list[DocumentSummary]


class UploadTarget(BaseModel):
    """Where to send the bytes. ``method`` POST: a multipart form with ``fields`` first and the file last
    (S3 presigned POST). ``method`` PUT: the raw bytes as the body with ``headers`` (the local-disk store)."""

    method: Literal["POST", "PUT"]
    url: str
    fields: dict[str, str] = Field(default_factory=dict)
    headers: dict[str, str] = Field(default_factory=dict)
    expires_at: datetime
    max_bytes: int


class UploadOut(BaseModel):
    document: DocumentSummary
    upload: UploadTarget


class DownloadOut(BaseModel):
    """A short-lived URL (the issuance is recorded as a member-data read)."""

    document_id: uuid.UUID
    url: str
    expires_at: datetime
    file_name: str
    content_type: str | None


class RetentionIn(_In):
    years: int = Field(ge=DOCUMENT_POLICY.retention.min_years, le=DOCUMENT_POLICY.retention.max_years)


class RetentionOut(BaseModel):
    organization_id: uuid.UUID
    years: int
    default: bool


class LegalHoldIn(_In):
    reason: Text = Field(min_length=3, max_length=2000)


class LegalHoldOut(BaseModel):
    review_id: uuid.UUID
    on_hold: bool
    reason: str | None
    placed_by: str | None
    placed_at: datetime | None


class RoiCheckItem(BaseModel):
    record_id: uuid.UUID
    element_key: str
    suggested_answer: Literal["yes", "no"] = Field(
        description="What the uploaded ROIs suggest; nothing is recorded until the reviewer answers the element"
    )
    reason: str
    document_id: uuid.UUID | None = Field(description="The ROI version the suggestion rests on, if any")
    current_answer: Literal["yes", "no", "na"] | None = Field(
        description="The reviewer's recorded answer to the element for this record; null: not answered yet"
    )


class RoiCheckOut(BaseModel):
    """Seed 003's "Valid ROI" element per sampled record: a suggestion the reviewer confirms in findings."""

    review_id: uuid.UUID
    period_start: date
    period_end: date
    items: list[RoiCheckItem]


class PurgeResult(BaseModel):
    deleted: int
    held: int
