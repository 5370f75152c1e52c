"""The ``oversight`` command: the embedded dev stack, the API, the worker, migrations and admin tasks."""

from __future__ import annotations

import asyncio
import os
import sys
import uuid
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import TypeVar

import typer
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

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
    """Run the whole stack: embedded Postgres and Redis (unless URLs are set), migrations, API and both worker
    pools (main and long)."""
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


@app.command("openapi")
def openapi_document(
    output: str = typer.Option("openapi.json", help="Where to write it ('-' for standard output)"),
) -> None:
    """Write the OpenAPI document the API serves (the committed openapi.json is this; `make openapi`)."""
    from oversight_api.app import create_app
    from oversight_api.conventions.openapi import document_json

    text = document_json(create_app(load_settings()))
    if output == "-":
        sys.stdout.write(text)
    else:
        with open(output, "w", encoding="utf-8") as file:
            file.write(text)


class WorkerPool(StrEnum):
    main = "main"
    long = "long"


@app.command()
def worker(
    pool: WorkerPool = typer.Option(
        WorkerPool.main,
        help="main: notices, sweeps, short crons (30 s jobs); long: export builds, import loads, check runs "
        "(OVERSIGHT_LONG_JOB_TIMEOUT_SECONDS). Run both.",
    ),
) -> None:
    """Run an arq worker of one pool (the API never imports it: this process becomes the worker)."""
    load_settings()
    # exec, not a child: SIGTERM reaches the worker itself, which lets its running jobs finish (the long
    # pool waits for them up to its timeout; deploy/README.md), instead of this process dying first.
    os.execv(sys.executable, [sys.executable, "-m", "oversight_worker", "--pool", pool.value])


@app.command()
def migrate(revision: str = typer.Argument("head", help="Alembic revision to upgrade to")) -> None:
    """Apply migrations as the owner role, then grant the application role its privileges.

    Connects with OVERSIGHT_MIGRATION_DATABASE_URL (else OVERSIGHT_DATABASE_URL; embedded Postgres when unset).
    """
    from oversight_db.embedded import APP_ROLE, start_embedded
    from oversight_db.migrate import upgrade
    from oversight_db.roles import RoleError

    settings = load_settings()
    embedded = settings.owner_database_url is None
    servers = start_embedded(settings.data_dir, postgres=embedded, redis=False)
    try:
        url = settings.owner_database_url or servers.migration_database_url
        assert url
        try:
            upgrade(url, revision, app_role=APP_ROLE if embedded else settings.database_app_role)
        except RoleError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        typer.echo(f"database at {revision}")
    finally:
        servers.stop()


T = TypeVar("T")


def run_with_database(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``work`` in one committed transaction on OVERSIGHT_DATABASE_URL (or the embedded Postgres)."""
    from sqlalchemy import text

    from oversight_api.admin import AdminError
    from oversight_app.errors import ProblemError
    from oversight_db.db import create_engine, create_sessionmaker, unit_of_work
    from oversight_db.embedded import start_embedded

    settings = load_settings()
    servers = start_embedded(settings.data_dir, postgres=settings.database_url is None, redis=False)
    try:
        url = settings.database_url or servers.database_url
        assert url

        where = (
            f"the embedded database in OVERSIGHT_DATA_DIR={settings.data_dir.resolve()}"
            if settings.database_url is None
            else "the database of OVERSIGHT_DATABASE_URL"
        )

        async def main() -> T:
            engine = create_engine(url, pool_size=1)
            try:
                async with unit_of_work(create_sessionmaker(engine)) as session:
                    if await session.scalar(text("SELECT to_regclass('alembic_version')")) is None:
                        raise AdminError(
                            f"{where} has no Oversight schema. Run this from the checkout that `make run` "
                            "uses (its data is ./var), point OVERSIGHT_DATA_DIR or OVERSIGHT_DATABASE_URL at "
                            "that database, or create the schema with `make migrate`"
                        )
                    return await work(session)
            finally:
                await engine.dispose()

        try:
            return asyncio.run(main())
        except OSError as exc:  # refused, unreachable, no such socket: one line, not a driver traceback
            typer.echo(f"error: cannot reach {where} ({type(exc).__name__})", err=True)
            raise typer.Exit(1) from None
        except AdminError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        except ProblemError as exc:  # a use case refused: its detail and field messages, on one line
            reasons = "; ".join(str(e.get("message", "")) for e in exc.errors or [])
            typer.echo(f"error: {exc.detail}" + (f" ({reasons})" if reasons else ""), err=True)
            raise typer.Exit(1) from None
    finally:
        servers.stop()


orgs_app = typer.Typer(help="Organizations (states, plans, providers).", no_args_is_help=True)
keys_app = typer.Typer(help="API keys.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)
app.add_typer(orgs_app, name="orgs")
app.add_typer(keys_app, name="keys")
app.add_typer(audit_app, name="audit")


@orgs_app.command("create")
def orgs_create(
    kind: str = typer.Option(..., help="state, plan or provider"),
    name: str = typer.Option(...),
    npi: str | None = typer.Option(None, help="Required for providers"),
    jurisdiction: str = typer.Option("US-NC", help="e.g. US-NC, US-CA"),
) -> None:
    """Create an organization; prints its id."""
    from oversight_api import admin

    org = run_with_database(lambda s: admin.create_organization(s, kind, name, npi, jurisdiction))
    typer.echo(str(org.id))


@keys_app.command("create")
def keys_create(
    org: uuid.UUID = typer.Option(..., help="Organization id"),
    role: str = typer.Option(..., help="state_admin, plan_admin, reviewer, provider or viewer"),
    name: str = typer.Option("created with the CLI", help="What the key is for"),
) -> None:
    """Create an API key and print it. It is shown this once; Oversight keeps only its hash."""
    from oversight_api import admin

    secret, key = run_with_database(lambda s: admin.create_key(s, org, role, name))
    typer.echo(f"key id {key.id}, prefix {key.prefix}; store the key now, it is not shown again:", err=True)
    typer.echo(secret)


@keys_app.command("revoke")
def keys_revoke(key: str = typer.Argument(..., help="The key's id or prefix")) -> None:
    """Revoke an API key (API processes stop accepting it within OVERSIGHT_API_KEY_CACHE_SECONDS)."""
    from oversight_api import admin

    revoked = run_with_database(lambda s: admin.revoke_key(s, key))
    typer.echo(f"revoked {revoked.prefix} at {revoked.revoked_at:%Y-%m-%dT%H:%M:%SZ}")


@audit_app.command("verify")
def audit_verify() -> None:
    """Check every chain against the audit keys and the stored checkpoints; exits 1 and lists any breaks."""
    from oversight_api import admin
    from oversight_db.blobs import create_blob_store

    blobs = create_blob_store(load_settings())
    breaks = run_with_database(lambda s: admin.verify_audit(s, blobs))
    for b in breaks:
        typer.echo(f"BREAK chain={b.chain} seq={b.seq} event={b.event_id or '-'}: {b.reason}")
    if breaks:
        typer.echo(f"audit trail: {len(breaks)} break(s)", err=True)
        raise typer.Exit(1)
    typer.echo("audit trail verified: no breaks")


@audit_app.command("checkpoint")
def audit_checkpoint() -> None:
    """Write a signed checkpoint (each chain's latest seq and hash) to blob storage; the worker does daily."""
    from oversight_api import admin
    from oversight_db.blobs import create_blob_store

    blobs = create_blob_store(load_settings())
    checkpoint = run_with_database(lambda s: admin.write_audit_checkpoint(s, blobs))
    typer.echo(f"checkpoint {checkpoint.name}: {len(checkpoint.chains)} chain(s)")


tools_app = typer.Typer(help="Review tools.", no_args_is_help=True)
app.add_typer(tools_app, name="tools")


@tools_app.command("sync")
def tools_sync() -> None:
    """Store the shipped tool versions: new versions are added, unused changed ones updated."""
    from oversight_app.tools.service import sync_shipped_tools

    result = run_with_database(sync_shipped_tools)
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
