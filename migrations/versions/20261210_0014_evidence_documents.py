"""Evidence documents (issue 15): requests to providers, uploaded versions in blob storage, citations from
findings, retention per organization and legal holds on reviews. New tables only.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-10 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "document_retention",
        sa.Column("organization_id", sa.Uuid(), nullable=False),
        sa.Column("years", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("years BETWEEN 1 AND 100", name=op.f("ck_document_retention_years")),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organization.id"],
            name=op.f("fk_document_retention_organization_id_organization"),
        ),
        sa.PrimaryKeyConstraint("organization_id", name=op.f("pk_document_retention")),
    )
    op.create_table(
        "review_legal_hold",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("placed_by", sa.String(length=200), nullable=False),
        sa.Column("placed_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["review.id"],
            name=op.f("fk_review_legal_hold_review_id_review"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("review_id", name=op.f("pk_review_legal_hold")),
    )
    op.create_table(
        "document_request",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("provider_id", sa.Uuid(), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=True),
        sa.Column("element_key", sa.String(length=80), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("day_type", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="open", nullable=False),
        sa.Column("requested_by", sa.String(length=200), nullable=False),
        sa.Column("fulfilled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("day_type IN ('calendar', 'business')", name=op.f("ck_document_request_day_type")),
        sa.CheckConstraint(
            "status IN ('open', 'fulfilled', 'cancelled')", name=op.f("ck_document_request_status")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["organization.id"], name=op.f("fk_document_request_plan_id_organization")
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["organization.id"], name=op.f("fk_document_request_provider_id_organization")
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["review_record.id"],
            name=op.f("fk_document_request_record_id_review_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["review.id"],
            name=op.f("fk_document_request_review_id_review"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_request")),
    )
    op.create_index(
        op.f("ix_document_request_provider_id"), "document_request", ["provider_id"], unique=False
    )
    op.create_index(
        "ix_document_request_review", "document_request", ["review_id", "created_at", "id"], unique=False
    )
    op.create_table(
        "document",
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("provider_id", sa.Uuid(), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("object_key", sa.String(length=200), nullable=False),
        sa.Column("stored_name", sa.String(length=300), nullable=False),
        sa.Column("original_name", sa.String(length=300), nullable=False),
        sa.Column("declared_size", sa.BigInteger(), nullable=False),
        sa.Column("declared_sha256", sa.String(length=64), nullable=False),
        sa.Column("declared_type", sa.String(length=120), nullable=False),
        sa.Column("content_type", sa.String(length=120), nullable=True),
        sa.Column("rejected_reason", sa.String(length=200), nullable=True),
        sa.Column("uploaded_by", sa.String(length=200), nullable=False),
        sa.Column("available_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("roi_authorizes", sa.Text(), nullable=True),
        sa.Column("roi_effective_on", sa.Date(), nullable=True),
        sa.Column("roi_expires_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'available', 'rejected', 'deleting', 'deleted')",
            name=op.f("ck_document_status"),
        ),
        sa.CheckConstraint("declared_size > 0", name=op.f("ck_document_declared_size")),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["organization.id"], name=op.f("fk_document_plan_id_organization")
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["organization.id"], name=op.f("fk_document_provider_id_organization")
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["review_record.id"],
            name=op.f("fk_document_record_id_review_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["document_request.id"],
            name=op.f("fk_document_request_id_document_request"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["review_id"], ["review.id"], name=op.f("fk_document_review_id_review"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("object_key", name=op.f("uq_document_object_key")),
        sa.UniqueConstraint(
            "request_id", "version_number", name=op.f("uq_document_request_id_version_number")
        ),
    )
    op.create_index("ix_document_review_status", "document", ["review_id", "status"], unique=False)
    op.create_table(
        "document_citation",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=True),
        sa.Column("element_key", sa.String(length=80), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("pages", sa.String(length=100), nullable=True),
        sa.Column("cited_by", sa.String(length=200), nullable=False),
        sa.Column("cited_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_citation_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["review_record.id"],
            name=op.f("fk_document_citation_record_id_review_record"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["review.id"],
            name=op.f("fk_document_citation_review_id_review"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_citation")),
        sa.UniqueConstraint(
            "review_id",
            "record_id",
            "element_key",
            "document_id",
            name=op.f("uq_document_citation_review_id_record_id_element_key_document_id"),
            postgresql_nulls_not_distinct=True,
        ),
    )
    op.create_index(
        op.f("ix_document_citation_document_id"), "document_citation", ["document_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_document_citation_document_id"), table_name="document_citation")
    op.drop_table("document_citation")
    op.drop_index("ix_document_review_status", table_name="document")
    op.drop_table("document")
    op.drop_index("ix_document_request_review", table_name="document_request")
    op.drop_index(op.f("ix_document_request_provider_id"), table_name="document_request")
    op.drop_table("document_request")
    op.drop_table("review_legal_hold")
    op.drop_table("document_retention")
