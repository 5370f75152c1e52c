"""Running Alembic from code (CLI, dev stack, tests) with an explicit URL."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

REPO_ROOT = Path(__file__).resolve().parents[3]


def alembic_config(database_url: str) -> Config:
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(REPO_ROOT / "migrations"))
    # ConfigParser interpolation would choke on '%' in passwords.
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head", app_role: str | None = None) -> None:
    """Upgrade as the owner (``database_url``), then grant ``app_role`` its privileges (see ``roles``)."""
    command.upgrade(alembic_config(database_url), revision)
    if app_role is not None:
        from oversight_db.roles import grant_app_role

        grant_app_role(database_url, app_role)


def check(database_url: str) -> None:
    command.check(alembic_config(database_url))
