"""The application factory."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from arq import create_pool
from fastapi import FastAPI
from fastapi.routing import APIRoute

from oversight_api import problems
from oversight_api.auth.rate_limits import RateLimits
from oversight_api.conventions import openapi
from oversight_api.middleware import BodySizeLimitMiddleware, RequestContextMiddleware
from oversight_api.resources import Resources
from oversight_api.routers import ROOT_ROUTERS, V1_ROUTERS
from oversight_db.blobs import create_blob_store
from oversight_db.db import create_engine, create_read_sessionmaker, create_sessionmaker
from oversight_db.embedded import start_embedded
from oversight_db.logs import configure_logging
from oversight_db.queue import redis_settings
from oversight_db.settings import Settings, get_settings

DESCRIPTION = """
Oversight: monitoring reviews of care-management providers (samples, findings, scores, action plans)
and the Capacity Building program. Errors are RFC 9457 `application/problem+json`; lists use cursor
pagination; writes take `If-Match`; creating POSTs honour `Idempotency-Key`.
"""


def _operation_id(route: APIRoute) -> str:
    return route.name


async def build_resources(settings: Settings) -> tuple[Resources, object]:
    """Connect to Postgres, Redis and blob storage; start embedded servers for unset URLs."""
    servers = start_embedded(
        settings.data_dir, postgres=settings.database_url is None, redis=settings.redis_url is None
    )
    database_url = settings.database_url or servers.database_url
    redis_url = settings.redis_url or servers.redis_url
    assert database_url and redis_url
    engine = create_engine(database_url, pool_size=settings.db_pool_size)
    redis = await create_pool(redis_settings(redis_url))
    resources = Resources(
        settings=settings,
        engine=engine,
        sessions=create_sessionmaker(engine),
        read_sessions=create_read_sessionmaker(engine),
        redis=redis,
        blobs=create_blob_store(settings),
        rate_limits=RateLimits.connect(
            redis_url, settings.rate_limit_per_caller, settings.rate_limit_failed_auth
        )
        if settings.rate_limits_enabled
        else None,
    )
    return resources, servers


async def close_resources(resources: Resources) -> None:
    await resources.redis.aclose()
    await resources.engine.dispose()


def create_app(settings: Settings | None = None, resources: Resources | None = None) -> FastAPI:
    """Build the app. With ``resources`` (tests, benchmarks) the caller owns connections."""
    settings = settings or (resources.settings if resources else get_settings())
    configure_logging(settings.log_level, settings.log_json)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if resources is not None:
            app.state.resources = resources
            yield
            return
        built, servers = await build_resources(settings)
        app.state.resources = built
        # Everything loaded so far (modules, the app, pools) lives as long as the process: frozen, a full garbage
        # collection no longer walks it. Unfrozen, a collection triggered by one large request (a tool import
        # parsing in a worker thread) held the GIL, and with it the event loop, for 300-700 ms.
        gc.freeze()
        try:
            yield
        finally:
            await close_resources(built)
            servers.stop()  # type: ignore[attr-defined]

    app = FastAPI(
        title="Oversight API",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
    )
    if resources is not None:
        app.state.resources = resources
    problems.install(app)
    openapi.install(app)
    for router in V1_ROUTERS:
        app.include_router(router, prefix="/v1")
    for router in ROOT_ROUTERS:
        app.include_router(router)
    # The last added runs first: the request id, access line and metrics cover the body limit's 413 too.
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        exempt_prefixes=("/v1/document-uploads", "/v1/import-uploads"),
    )
    app.add_middleware(RequestContextMiddleware, routes=app.routes)
    return app
