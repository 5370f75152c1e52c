"""Provider sites have an owner: the plan that entered the site, or the provider itself (issue 12, "What a plan
may change"). Names become unique per owner, and sites carry a version for If-Match.

Existing sites: every one was entered by a plan (``POST /v1/providers`` or ``POST .../sites``, the only ways in,
both for a provider in the plan's network; links are never deleted). A provider linked to exactly one plan has
only that plan's sites, so they become that plan's own. A provider linked to several plans has sites whose author
the rows do not record (the audit events name the plan but not the site, and their time is the application's
clock, not the row's), so they become the provider's own: every plan that saw them keeps seeing them, none can
change them, and the provider, which knows its sites, can correct or remove them.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ATTRIBUTE_EXISTING = """
UPDATE provider_site AS s
SET owner_id = coalesce(
    (
        SELECT min(l.plan_id::text)::uuid
        FROM network_link AS l
        WHERE l.provider_id = s.provider_id
        HAVING count(DISTINCT l.plan_id) = 1
    ),
    s.provider_id
)
"""


def upgrade() -> None:
    op.add_column("provider_site", sa.Column("owner_id", sa.Uuid(), nullable=True))
    op.add_column("provider_site", sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    op.execute(_ATTRIBUTE_EXISTING)
    op.alter_column("provider_site", "owner_id", nullable=False)
    op.create_foreign_key(
        op.f("fk_provider_site_owner_id_organization"),
        "provider_site",
        "organization",
        ["owner_id"],
        ["id"],
        ondelete="CASCADE",
    )
    op.create_index(op.f("ix_provider_site_owner_id"), "provider_site", ["owner_id"], unique=False)
    op.drop_constraint(op.f("uq_provider_site_provider_id_name"), "provider_site", type_="unique")
    op.create_unique_constraint(
        op.f("uq_provider_site_provider_id_owner_id_name"),
        "provider_site",
        ["provider_id", "owner_id", "name"],
    )


def downgrade() -> None:
    # Two owners' sites may share a name, which the old per-provider constraint forbids: keep every row (they
    # are entries someone made) and number the later ones, the provider's own first.
    op.execute(
        """
        UPDATE provider_site AS s
        SET name = left(s.name, 290) || ' #' || r.n
        FROM (
            SELECT id, row_number() OVER (
                PARTITION BY provider_id, name ORDER BY owner_id = provider_id DESC, created_at, id
            ) AS n
            FROM provider_site
        ) AS r
        WHERE r.id = s.id AND r.n > 1
        """
    )
    op.drop_constraint(op.f("uq_provider_site_provider_id_owner_id_name"), "provider_site", type_="unique")
    op.create_unique_constraint(
        op.f("uq_provider_site_provider_id_name"), "provider_site", ["provider_id", "name"]
    )
    op.drop_index(op.f("ix_provider_site_owner_id"), table_name="provider_site")
    op.drop_constraint(op.f("fk_provider_site_owner_id_organization"), "provider_site", type_="foreignkey")
    op.drop_column("provider_site", "version")
    op.drop_column("provider_site", "owner_id")
