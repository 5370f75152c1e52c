"""Members (PHI), their program enrollments and paid claims — the sampling frames of reviews.

Every row carries ``plan_id``: a plan sees only the members it sent. Names and birth dates live only here and
never travel into notices, job arguments, audit ``changes`` or logs.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from oversight_db.models.base import Base, IdMixin, TimestampMixin, VersionedMixin

ENROLLMENT_STATUSES = ("engaged", "enrolled", "not_enrolled", "disenrolled")


class Member(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "member"
    __table_args__ = (
        UniqueConstraint("plan_id", "member_number"),
        # What the activity tables' (plan_id, member_id) foreign key refers to (models/activity.py).
        UniqueConstraint("plan_id", "id"),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"), index=True)
    # NC Medicaid ID or Medi-Cal CIN; format checked per jurisdiction by the API.
    member_number: Mapped[str] = mapped_column(String(20))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[date]
    gender: Mapped[str | None] = mapped_column(String(20))
    plan_code: Mapped[str | None] = mapped_column(String(20))


class Enrollment(IdMixin, TimestampMixin, Base):
    __tablename__ = "enrollment"
    __table_args__ = (
        UniqueConstraint("member_id", "provider_id", "program", "start_date"),
        CheckConstraint("program IN ('ecm', 'tcm')", name="program"),
        CheckConstraint("status IN ('engaged', 'enrolled', 'not_enrolled', 'disenrolled')", name="status"),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="date_range"),
        # Also the sampling frame's index (oversight_db.sampling): it returns a provider's enrollments in
        # member order, each member's greatest population first, with every column the frame reads; so the
        # frame streams from the index (DISTINCT ON member: no heap visit, no hash, no sort, no aggregate).
        Index(
            "ix_enrollment_provider_program",
            "provider_id",
            "program",
            "status",
            "member_id",
            text("population DESC NULLS LAST"),
            postgresql_include=["plan_id", "start_date", "end_date"],
        ),
    )

    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    program: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    # NC population segment (TCM) or CalAIM population of focus (ECM).
    population: Mapped[str | None] = mapped_column(String(100))


class Claim(IdMixin, TimestampMixin, Base):
    """A paid claim; TCM samples are drawn from members engaged in TCM as evidenced by paid claims (seed 000)."""

    __tablename__ = "claim"
    __table_args__ = (
        UniqueConstraint("plan_id", "claim_number"),
        Index("ix_claim_provider_service", "provider_id", "date_of_service"),
    )

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    claim_number: Mapped[str] = mapped_column(String(50))
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    provider_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organization.id"))
    date_of_service: Mapped[date]
    paid_date: Mapped[date]
    population_segment: Mapped[str | None] = mapped_column(String(100))
    procedure_code: Mapped[str | None] = mapped_column(String(20))
