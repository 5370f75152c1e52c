"""The ``oversight`` command: the embedded dev stack, the API, the worker, migrations and admin tasks."""

from __future__ import annotations

import os
import subprocess
import sys

import typer
from pydantic import ValidationError

from oversight_db.settings import Settings, settings_error_line

app = typer.Typer(help="Oversight: provider oversight for health plans.", no_args_is_help=True)


def load_settings() -> Settings:
    """Validated settings, or one clear line on stderr and exit 2 (no traceback)."""
    try:
        return Settings()
    except ValidationError as exc:
        typer.echo(settings_error_line(exc), err=True)
        raise typer.Exit(2) from None


@app.command()
def dev() -> None:
    """Run the whole stack: embedded Postgres and Redis (unless URLs are set), migrations, API and worker."""
    from oversight_api.devstack import run_dev_stack

    raise typer.Exit(run_dev_stack(load_settings()))


@app.command()
def api(
    host: str | None = typer.Option(None, help="Bind address (default OVERSIGHT_API_HOST)"),
    port: int | None = typer.Option(None, help="Port (default OVERSIGHT_API_PORT)"),
) -> None:
    """Run the API server (uvicorn)."""
    import uvicorn

    settings = load_settings()
    uvicorn.run(
        "oversight_api.app:create_app",
        factory=True,
        host=host or settings.api_host,
        port=port or settings.api_port,
        log_config=None,
        proxy_headers=True,
    )


@app.command()
def worker() -> None:
    """Run the arq worker (a separate process; the API never imports it)."""
    load_settings()
    raise typer.Exit(subprocess.call([sys.executable, "-m", "oversight_worker"], env=os.environ.copy()))


@app.command()
def migrate(revision: str = typer.Argument("head", help="Alembic revision to upgrade to")) -> None:
    """Apply database migrations (embedded Postgres when OVERSIGHT_DATABASE_URL is unset)."""
    from oversight_db.embedded import start_embedded
    from oversight_db.migrate import upgrade

    settings = load_settings()
    servers = start_embedded(settings.data_dir, postgres=settings.database_url is None, redis=False)
    try:
        url = settings.database_url or servers.database_url
        assert url
        upgrade(url, revision)
        typer.echo(f"database at {revision}")
    finally:
        servers.stop()


tools_app = typer.Typer(help="Review tools.", no_args_is_help=True)
app.add_typer(tools_app, name="tools")


@tools_app.command("sync")
def tools_sync() -> None:
    """Store the shipped tool versions: new versions are added, unused changed ones updated."""
    import asyncio

    from oversight_db.db import create_engine, create_sessionmaker, unit_of_work
    from oversight_db.embedded import start_embedded
    from oversight_db.tools import SyncResult, sync_shipped_tools

    settings = load_settings()
    servers = start_embedded(settings.data_dir, postgres=settings.database_url is None, redis=False)

    async def run(url: str) -> SyncResult:
        engine = create_engine(url, pool_size=1)
        try:
            async with unit_of_work(create_sessionmaker(engine)) as session:
                return await sync_shipped_tools(session)
        finally:
            await engine.dispose()

    try:
        url = settings.database_url or servers.database_url
        assert url
        result = asyncio.run(run(url))
    finally:
        servers.stop()
    for label in result.added:
        typer.echo(f"added     {label}")
    for label in result.updated:
        typer.echo(f"updated   {label}")
    for label in result.unchanged:
        typer.echo(f"unchanged {label}")
    for label in result.conflicts:
        typer.echo(f"CONFLICT  {label}: changed but used by a review; bump the version", err=True)
    if result.conflicts:
        raise typer.Exit(1)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
