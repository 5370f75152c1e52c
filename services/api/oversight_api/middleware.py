"""Pure ASGI middleware (no BaseHTTPMiddleware: it costs a task per request and breaks streaming)."""

from __future__ import annotations

import contextlib
import re
import time
import uuid

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from oversight_api.metrics import LATENCY, REQUESTS
from oversight_api.problems import problem_response

_REQUEST_ID_OK = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
log = structlog.get_logger("oversight.api")


def _route_template(scope: Scope) -> str:
    """The matched route's full template (``/v1/members/{member_id}``), never the raw path."""
    # FastAPI 0.16x puts the included router's own route in scope["route"], whose path lacks the router
    # prefixes (``/members/{member_id}``); the effective route context carries the full template.
    context = scope.get("fastapi", {}).get("effective_route_context")
    full = getattr(getattr(context, "starlette_route", None), "path_format", None) or getattr(
        context, "path_format", None
    )
    if isinstance(full, str) and full:
        return full
    return str(getattr(scope.get("route"), "path", "unmatched"))


class RequestContextMiddleware:
    """Request id (taken from ``X-Request-ID`` when sane, else new), access log line and metrics."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = next((v for k, v in scope["headers"] if k == b"x-request-id"), b"").decode("latin-1")
        request_id = incoming if _REQUEST_ID_OK.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        structlog.contextvars.bind_contextvars(request_id=request_id)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            template = _route_template(scope)
            REQUESTS.labels(scope["method"], template, str(status)).inc()
            LATENCY.labels(scope["method"], template).observe(elapsed)
            # The route template, never the raw path: paths and query strings may carry member ids.
            log.info(
                "request", method=scope["method"], route=template, status=status, ms=round(elapsed * 1000, 2)
            )
            structlog.contextvars.unbind_contextvars("request_id")


class BodySizeLimitMiddleware:
    """Refuse bodies larger than the limit with 413, by Content-Length or while streaming."""

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
