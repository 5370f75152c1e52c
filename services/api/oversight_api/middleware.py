"""Pure ASGI middleware (no BaseHTTPMiddleware: it costs a task per request and breaks streaming)."""

from __future__ import annotations

import contextlib
import re
import time
import uuid
from collections.abc import Sequence

import structlog
from fastapi.routing import iter_route_contexts
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from oversight_api.metrics import LATENCY, REQUESTS
from oversight_api.problems import problem_response

# Matched whole (``fullmatch``): ``$`` would also accept a trailing newline, which would then ride into
# every log line of the request and into the audit trail's request id.
_REQUEST_ID_OK = re.compile(r"[A-Za-z0-9._:-]{1,64}")

log = structlog.get_logger("oversight.api.access")


class RouteTemplates:
    """The full path template (``/v1/members/{member_id}``) of the route Starlette matched.

    ``scope["route"]`` is the matched route itself, and a route of an included router keeps its own path
    (``/members/{member_id}``): the prefix given to ``include_router`` is not part of it. FastAPI's
    ``iter_route_contexts`` (what it builds the OpenAPI paths with) pairs each route with its full
    template, so the labels here are the OpenAPI paths. Read on the first miss, so that routes included
    after the app was built count too. Keyed by identity: Starlette routes define ``__eq__``, so they are
    not hashable; they live as long as the app.
    """

    def __init__(self, routes: Sequence[BaseRoute]) -> None:
        self._routes = routes
        self._full: dict[int, str] = {}

    def of(self, scope: Scope) -> str:
        """The matched route's template, never the raw path: paths and query strings may carry member ids."""
        route = scope.get("route")
        if route is None:
            return "unmatched"
        full = self._full.get(id(route))
        if full is None:
            self._full = {
                id(context.original_route): context.path_format
                for context in iter_route_contexts(self._routes)
                if context.path_format
            }
            full = self._full.setdefault(id(route), str(getattr(route, "path_format", "unmatched")))
        return full


def _request_id(scope: Scope) -> str:
    """``X-Request-ID`` when it is sane (a caller's trace id), else a new one."""
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            incoming: str = value.decode("latin-1")
            if _REQUEST_ID_OK.fullmatch(incoming):
                return incoming
            break
    return uuid.uuid4().hex


class RequestContextMiddleware:
    """Request id (echoed in ``X-Request-ID`` and bound to every log line of the request), one access
    line and the request metrics per request, labelled with the route template."""

    def __init__(self, app: ASGIApp, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self.templates = RouteTemplates(routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500  # what the client gets if the app raises before it starts a response

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), (b"x-request-id", request_id.encode())]
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            started = time.perf_counter()
            try:
                await self.app(scope, receive, send_with_id)
            finally:
                self._record(scope["method"], self.templates.of(scope), status, time.perf_counter() - started)

    @staticmethod
    def _record(method: str, route: str, status: int, seconds: float) -> None:
        REQUESTS.labels(method, route, str(status)).inc()
        LATENCY.labels(method, route).observe(seconds)
        log.info("request", method=method, route=route, status=status, ms=round(seconds * 1000, 2))


class BodySizeLimitMiddleware:
    """Refuse bodies larger than the limit with a 413 problem, by Content-Length or while reading.

    FastAPI's own ``max_body_size`` (Starlette's ``RequestBodyLimitMiddleware``) is not used: when a
    request declares a Content-Length over the limit, Starlette sends its own ``text/plain`` 413 from
    inside its ``send`` wrapper, replacing whatever our exception handlers rendered, so the answer would
    not be ``application/problem+json`` (only a chunked body's 413 reaches our handlers).
    """

    def __init__(self, app: ASGIApp, max_bytes: int, exempt_prefixes: tuple[str, ...] = ()) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # Routes that stream a body to disk and enforce their own (signed) size: the local-disk store's
        # document uploads (oversight_api.documents), which may be far larger than a JSON body.
        self.exempt_prefixes = exempt_prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (
            self.exempt_prefixes and str(scope.get("path", "")).startswith(self.exempt_prefixes)
        ):
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._reject(scope, receive, send)
            return
        received = 0
        too_large = started = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                too_large = received > self.max_bytes
                if too_large:
                    raise _BodyTooLargeError
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if too_large:
                return  # whatever the app made of the aborted read (often a 400) is replaced by the 413
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(_BodyTooLargeError):
            await self.app(scope, limited_receive, guarded_send)
        if too_large and not started:
            await self._reject(scope, receive, send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(
            None, 413, f"request body exceeds {self.max_bytes} bytes", slug="payload-too-large"
        )
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


class _BodyTooLargeError(Exception):
    pass
