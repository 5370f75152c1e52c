"""Pure ASGI middleware (no BaseHTTPMiddleware: it costs a task per request and breaks streaming)."""

from __future__ import annotations

import contextlib
import re
import time
from random import getrandbits
from typing import Any

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from oversight_api.metrics import LATENCY, REQUESTS
from oversight_api.problems import problem_response
from oversight_api.route_matching import PrefixCheckedRoute
from oversight_db.logs import log_request

_REQUEST_ID_OK = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def _route_template(scope: Scope) -> str:
    """The matched route's full template (``/v1/members/{member_id}``), never the raw path."""
    route = scope.get("route")
    if isinstance(route, PrefixCheckedRoute):  # added flat by the app factory: its path is the full template
        return route.path_format
    # FastAPI 0.16x puts the included router's own route in scope["route"], whose path lacks the router
    # prefixes (``/members/{member_id}``); the effective route context carries the full template.
    context = scope.get("fastapi", {}).get("effective_route_context")
    full = getattr(getattr(context, "starlette_route", None), "path_format", None) or getattr(
        context, "path_format", None
    )
    if isinstance(full, str) and full:
        return full
    return str(getattr(route, "path", "unmatched"))


class RequestContextMiddleware:
    """Request id (taken from ``X-Request-ID`` when sane, else new), access log line and metrics; the
    body size limit (:class:`BodySizeLimitMiddleware`) for requests that declare a body.

    Runs on every request, so it keeps per-request work small: one pass over the headers, no extra
    middleware layer for bodiless requests, metric children looked up once per (method, route, status),
    the request id bound and reset with contextvars tokens.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.with_body = BodySizeLimitMiddleware(app, max_body_bytes)
        self._metrics: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = ""
        inner = self.app
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                incoming = value.decode("latin-1")
            elif name == b"content-length" or name == b"transfer-encoding":
                # No Content-Length and no Transfer-Encoding: HTTP/1.1 says there is no body to limit.
                inner = self.with_body
        # 128 random bits as 32 hex digits, like uuid4().hex: a correlation id, not a secret, so the
        # process PRNG (no system call per request, unlike os.urandom) is enough.
        request_id = incoming if incoming and _REQUEST_ID_OK.match(incoming) else f"{getrandbits(128):032x}"
        scope.setdefault("state", {})["request_id"] = request_id
        tokens = structlog.contextvars.bind_contextvars(request_id=request_id)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await inner(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            method = scope["method"]
            template = _route_template(scope)
            metrics = self._metrics.get((method, template, status))
            if metrics is None:
                metrics = self._metrics[(method, template, status)] = (
                    REQUESTS.labels(method, template, str(status)),
                    LATENCY.labels(method, template),
                )
            metrics[0].inc()
            metrics[1].observe(elapsed)
            # The route template, never the raw path: paths and query strings may carry member ids.
            log_request(method, template, status, round(elapsed * 1000, 2))
            structlog.contextvars.reset_contextvars(**tokens)


class BodySizeLimitMiddleware:
    """Refuse bodies larger than the limit with 413, by Content-Length or while streaming (the app runs it
    from :class:`RequestContextMiddleware` for requests that declare a body)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = chunked = None
        for name, value in scope["headers"]:
            if name == b"content-length":
                declared = value
            elif name == b"transfer-encoding":
                chunked = value
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._reject(scope, receive, send)
            return
        if declared is None and chunked is None:
            # No Content-Length and no Transfer-Encoding: HTTP/1.1 says there is no body to limit.
            await self.app(scope, receive, send)
            return
        received = 0
        too_large = False
        started = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_large = True
                    raise _BodyTooLargeError
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if too_large:
                return  # whatever the app made of the aborted read (often a 400) is replaced by the 413
            if message["type"] == "http.response.start":
                started = True
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


class _BodyTooLargeError(Exception):
    pass
