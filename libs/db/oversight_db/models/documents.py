"""Evidence documents: what a reviewer asked a provider for, the files sent (each upload a new version, never
overwritten), citations from findings, retention per organization and legal holds on reviews.

The bytes live in blob storage under opaque keys (``documents/<plan id>/<document id>``); a member document's
``stored_name`` (``Last NameCIN``, seed 003) is member data: it goes only into API bodies for callers who may
read the review's documents and into Content-Disposition, never into keys, URLs, logs or notices.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from oversight_db.models.base import Base, IdMixin, TimestampMixin, VersionedMixin

DOCUMENT_STATUSES = ("pending", "available", "rejected", "deleting", "deleted")


class DocumentRequest(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A reviewer's request for a document: about one sampled record, one element, or the provider."""

    __tablename__ = "document_request"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'fulfilled', 'cancelled')", name="status"),
        CheckConstraint("day_type IN ('calendar', 'business')", name="day_type"),
        # A reviewer's request is about a review; a provider's evidence for its dispute is about the dispute
        # (and its review when it has one: a dispute of an action plan recorded before Oversight has none).
        CheckConstraint("review_id IS NOT NULL OR dispute_id IS NOT NULL", name="subject"),
        Index("ix_document_request_review", "review_id", "created_at", "id"),
    )

    review_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"))
    dispute_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("dispute.id", ondelete="CASCADE"), index=True
    )
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    record_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("review_record.id", ondelete="CASCADE"))
    element_key: Mapped[str | None] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    due_on: Mapped[date]
    day_type: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="open", server_default="open")
    requested_by: Mapped[str] = mapped_column(String(200))
    fulfilled_at: Mapped[datetime | None]


class Document(IdMixin, TimestampMixin, Base):
    """One uploaded file: version ``version_number`` of what a request asked for."""

    __tablename__ = "document"
    __table_args__ = (
        UniqueConstraint("request_id", "version_number"),
        UniqueConstraint("object_key"),
        CheckConstraint(
            "status IN ('pending', 'available', 'rejected', 'deleting', 'deleted')", name="status"
        ),
        CheckConstraint("declared_size > 0", name="declared_size"),
        Index("ix_document_review_status", "review_id", "status"),
    )

    request_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("document_request.id", ondelete="CASCADE"))
    review_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"))
    dispute_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("dispute.id", ondelete="CASCADE"), index=True
    )
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    record_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("review_record.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    version_number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    object_key: Mapped[str] = mapped_column(String(200))
    # The name reviewers see (seed 003's Last NameCIN for member documents) and the provider's own.
    stored_name: Mapped[str] = mapped_column(String(300))
    original_name: Mapped[str] = mapped_column(String(300))
    declared_size: Mapped[int] = mapped_column(BigInteger)
    declared_sha256: Mapped[str] = mapped_column(String(64))
    declared_type: Mapped[str] = mapped_column(String(120))
    content_type: Mapped[str | None] = mapped_column(String(120))  # the sniffed type, once verified
    rejected_reason: Mapped[str | None] = mapped_column(String(200))
    uploaded_by: Mapped[str] = mapped_column(String(200))
    available_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    # A release of information (kind "roi"): whom it authorizes and when it is in effect.
    roi_authorizes: Mapped[str | None] = mapped_column(Text)
    roi_effective_on: Mapped[date | None]
    roi_expires_on: Mapped[date | None]


class DocumentCitation(IdMixin, Base):
    """A finding (review, record or provider level, element) cites a document, optionally pages of it."""

    __tablename__ = "document_citation"
    __table_args__ = (
        UniqueConstraint(
            "review_id", "record_id", "element_key", "document_id", postgresql_nulls_not_distinct=True
        ),
    )

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"))
    record_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("review_record.id", ondelete="CASCADE"))
    element_key: Mapped[str] = mapped_column(String(80))
    document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    pages: Mapped[str | None] = mapped_column(String(100))
    cited_by: Mapped[str] = mapped_column(String(200))
    cited_at: Mapped[datetime] = mapped_column(server_default=text("now()"))


class DocumentRetention(TimestampMixin, Base):
    """An organization's retention of evidence documents: years after its reviews close (finalized or
    cancelled). No row: the policy's default (``oversight_domain.documents``)."""

    __tablename__ = "document_retention"
    __table_args__ = (CheckConstraint("years BETWEEN 1 AND 100", name="years"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), primary_key=True)
    years: Mapped[int] = mapped_column(Integer)
    updated_by: Mapped[str] = mapped_column(String(200))


class ReviewLegalHold(Base):
    """While a review is on legal hold, none of its documents is deleted, whatever the retention says."""

    __tablename__ = "review_legal_hold"

    review_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("review.id", ondelete="CASCADE"), primary_key=True
    )
    reason: Mapped[str] = mapped_column(Text)
    placed_by: Mapped[str] = mapped_column(String(200))
    placed_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
