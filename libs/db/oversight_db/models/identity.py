"""API keys: shown once, stored hashed, scoped to one organization and one role."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from oversight_db.models.base import Base, IdMixin, TimestampMixin

ROLES = ("state_admin", "plan_admin", "reviewer", "provider", "viewer")


class ApiKey(IdMixin, TimestampMixin, Base):
    __tablename__ = "api_key"
    __table_args__ = (
        CheckConstraint(
            "role IN ('state_admin', 'plan_admin', 'reviewer', 'provider', 'viewer')",
            name="role",
        ),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str | None] = mapped_column(String(200))
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
