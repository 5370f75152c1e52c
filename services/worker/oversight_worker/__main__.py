"""``python -m oversight_worker [--pool main|long]``: run one arq worker of a pool (embedded servers when URLs
are unset)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from pydantic import ValidationError

from oversight_db.embedded import start_embedded
from oversight_db.logs import configure_logging
from oversight_db.settings import Settings, settings_error_line
from oversight_worker.settings import POOLS, build_worker_settings, create_worker


def _use_uvloop() -> None:
    """uvloop (installed with uvicorn[standard]) where available: the worker is bound by socket I/O."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - e.g. Windows
        return
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m oversight_worker")
    parser.add_argument("--pool", choices=POOLS, default="main", help="which worker pool (default main)")
    pool = parser.parse_args(argv).pool
    try:
        settings = Settings()
    except ValidationError as exc:
        print(settings_error_line(exc), file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings.log_json)
    servers = start_embedded(
        settings.data_dir, postgres=settings.database_url is None, redis=settings.redis_url is None
    )
    try:
        database_url = settings.database_url or servers.database_url
        redis_url = settings.redis_url or servers.redis_url
        assert database_url and redis_url
        _use_uvloop()
        create_worker(build_worker_settings(settings, database_url, redis_url, pool)).run()
    finally:
        servers.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
