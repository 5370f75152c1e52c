"""Provider obligations (seed 003): dated occurrences of what a provider owes the plan that oversees it, and
the provider's submissions for them.

One row per occurrence of a series: a series is (network link, kind) for the program narrative and (network
link, kind, site) for peer sharing; ``sequence`` numbers its occurrences and ``due_on`` comes from the domain's
cadence counted from ``anchor_on`` (``oversight_domain.obligations``). Rows are written by the application
(``oversight_app.obligations``): the first occurrence when the anchor appears, each next one when the previous
is submitted or falls due.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from oversight_db.models.base import Base, IdMixin, TimestampMixin, VersionedMixin, values_in
from oversight_domain.obligations import ObligationStatus


class ProviderObligation(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "provider_obligation"
    __table_args__ = (
        CheckConstraint(values_in("status", ObligationStatus), name="status"),
        CheckConstraint("sequence >= 1", name="sequence"),
        # One row per occurrence of a series; a link-level series has no site (two indexes: NULLs differ).
        Index(
            "uq_provider_obligation_link_occurrence",
            "network_link_id",
            "kind",
            "sequence",
            unique=True,
            postgresql_where=text("site_id IS NULL"),
        ),
        Index(
            "uq_provider_obligation_site_occurrence",
            "network_link_id",
            "kind",
            "site_id",
            "sequence",
            unique=True,
            postgresql_where=text("site_id IS NOT NULL"),
        ),
        # The lists: a plan's or a provider's obligations in due-date order.
        Index("ix_provider_obligation_plan_due", "plan_id", "due_on", "id"),
        Index("ix_provider_obligation_provider_due", "provider_id", "due_on", "id"),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    network_link_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("network_link.id"), index=True)
    # A site's entry removed by its owner takes its peer-sharing series with it.
    site_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("provider_site.id", ondelete="CASCADE"), index=True
    )
    program: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(40))
    sequence: Mapped[int]
    anchor_on: Mapped[date]
    due_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default=ObligationStatus.DUE.value)
    # Whether the first submission came after the due date (None until one came).
    late: Mapped[bool | None] = mapped_column(Boolean)
    submissions: Mapped[int] = mapped_column(default=0, server_default="0")
    submitted_on: Mapped[date | None]
    decided_on: Mapped[date | None]
    decision_comment: Mapped[str | None] = mapped_column(Text)


class ObligationSubmission(IdMixin, TimestampMixin, Base):
    """What the provider sent for one occurrence (text now; documents attach here with the evidence issue),
    and the plan's decision on it when the kind is reviewed."""

    __tablename__ = "obligation_submission"
    __table_args__ = (
        UniqueConstraint("obligation_id", "number"),
        CheckConstraint("decision IS NULL OR decision IN ('accept', 'return')", name="decision"),
    )

    obligation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("provider_obligation.id", ondelete="CASCADE"))
    number: Mapped[int]
    summary: Mapped[str] = mapped_column(String(500))
    content: Mapped[str] = mapped_column(Text)
    submitted_on: Mapped[date]
    submitted_at: Mapped[datetime]
    submitted_by: Mapped[str] = mapped_column(String(200))
    late: Mapped[bool] = mapped_column(Boolean)
    decision: Mapped[str | None] = mapped_column(String(8))
    decision_comment: Mapped[str | None] = mapped_column(Text)
    decided_on: Mapped[date | None]
    decided_by: Mapped[str | None] = mapped_column(String(200))
