"""The application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from arq import create_pool
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

from oversight_api import problems
from oversight_api.middleware import RequestContextMiddleware
from oversight_api.resources import Resources
from oversight_api.route_matching import PrefixCheckedRoute
from oversight_api.routers import ROOT_ROUTERS, V1_ROUTERS
from oversight_db.blobs import create_blob_store
from oversight_db.db import create_engine, create_sessionmaker
from oversight_db.embedded import start_embedded
from oversight_db.logs import configure_logging, flush_logs
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
        redis=redis,
        blobs=create_blob_store(settings),
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
            flush_logs()
            return
        built, servers = await build_resources(settings)
        app.state.resources = built
        try:
            yield
        finally:
            await close_resources(built)
            servers.stop()  # type: ignore[attr-defined]
            flush_logs()

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
    app.add_middleware(RequestContextMiddleware, max_body_bytes=settings.max_body_bytes)
    # /v1 first: it serves nearly every request, and routes are matched in order (paths do not overlap).
    for router in V1_ROUTERS:
        _add_routes(app, router, prefix="/v1")
    for router in ROOT_ROUTERS:
        _add_routes(app, router)
    # FastAPI added /openapi.json and /docs first; they are rarely asked for, so they go last.
    app.router.routes.sort(key=lambda route: not isinstance(route, PrefixCheckedRoute))
    return app


def _add_routes(app: FastAPI, router: APIRouter, prefix: str = "") -> None:
    """Add ``router``'s routes to the app itself, as ``include_router`` did before FastAPI 0.16x.

    Since 0.16x an included router stays a nested route that is matched, then matched again inside, for
    every request (~30 us of the ~350 us an authenticated ``GET /v1/ping`` takes over ASGI, see P1).
    Each route already carries its router's tags, dependencies and responses (merged when it was
    declared); the app supplies the operation-id function and dependency overrides, as it would for an
    included router.
    """
    for route in router.routes:
        if type(route) is not APIRoute:
            raise TypeError(f"only plain API routes can be added flat, got {route!r}")
        app.router.add_api_route(
            prefix + route.path,
            route.endpoint,
            response_model=route.response_model,
            status_code=route.status_code,
            tags=route.tags,
            dependencies=route.dependencies,
            summary=route.summary,
            description=route.description,
            response_description=route.response_description,
            responses=route.responses,
            deprecated=route.deprecated,
            methods=route.methods,
            operation_id=route.operation_id,
            response_model_include=route.response_model_include,
            response_model_exclude=route.response_model_exclude,
            response_model_by_alias=route.response_model_by_alias,
            response_model_exclude_unset=route.response_model_exclude_unset,
            response_model_exclude_defaults=route.response_model_exclude_defaults,
            response_model_exclude_none=route.response_model_exclude_none,
            include_in_schema=route.include_in_schema,
            response_class=route.response_class,
            name=route.name,
            route_class_override=PrefixCheckedRoute,
            callbacks=route.callbacks,
            openapi_extra=route.openapi_extra,
            strict_content_type=route.strict_content_type,
            max_body_size=route.max_body_size,
        )
