"""Organizations (state, plans, providers) and the plan-provider network."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from oversight_db.models.base import Base, IdMixin, TimestampMixin, VersionedMixin

ORGANIZATION_KINDS = ("state", "plan", "provider")
PROGRAMS = ("ecm", "tcm")


class Organization(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "organization"
    __table_args__ = (
        CheckConstraint("kind IN ('state', 'plan', 'provider')", name="kind"),
        Index("uq_organization_npi", "npi", unique=True, postgresql_where=text("npi IS NOT NULL")),
    )

    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(300))
    npi: Mapped[str | None] = mapped_column(String(10))
    jurisdiction: Mapped[str] = mapped_column(String(8), default="US-NC")
    # Notice channels and contacts: {"emails": [...], "notice_channels": ["inbox", "email", "webhook"]}.
    settings: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict, server_default=text("'{}'::jsonb"))
    # A provider's scorecard header fields (seed 003, ECM Review Tool): its Partnership number, the office's
    # phone and fax, and the person the reviewers deal with.
    partnership_no: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(32))
    fax: Mapped[str | None] = mapped_column(String(32))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_title: Mapped[str | None] = mapped_column(String(200))


class NetworkLink(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A plan's contract with a provider for one program; a provider may contract with several plans."""

    __tablename__ = "network_link"
    __table_args__ = (
        UniqueConstraint("plan_id", "provider_id", "program"),
        CheckConstraint("program IN ('ecm', 'tcm')", name="program"),
        CheckConstraint("status IN ('active', 'suspended', 'terminated')", name="status"),
        CheckConstraint("effective_to IS NULL OR effective_to >= effective_from", name="effective_range"),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    program: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default="active")
    effective_from: Mapped[date]
    effective_to: Mapped[date | None]


class ProviderSite(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A place a provider delivers care from (ECM/TCM sites are named in reviews and notices).

    ``owner_id`` is the organization whose entry the site is: the provider itself (its own site, shown to every
    plan it contracts with) or the plan that entered it (shown to that plan, the provider and the state, never to
    another plan). Only the owner changes it. The NPI and legal name live on ``organization`` and stay shared.
    """

    __tablename__ = "provider_site"
    # Names are unique per owner: one plan's "Main" must not collide with (and so reveal) another plan's.
    __table_args__ = (UniqueConstraint("provider_id", "owner_id", "name"),)

    provider_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    address_line: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[str | None] = mapped_column(String(2))
    postal_code: Mapped[str | None] = mapped_column(String(10))
    county: Mapped[str | None] = mapped_column(String(100))

    @property
    def owner(self) -> str:
        """``provider`` for the provider's own site, ``plan`` for a plan's entry (the API's ``owner``)."""
        return "provider" if self.owner_id == self.provider_id else "plan"
