"""RFC 9457 problem details: every error the API returns is ``application/problem+json``.

Each problem has a stable ``type`` URI (``urn:oversight:problem:<slug>``) that clients can switch on;
``detail`` is for people and never carries member data.
"""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:oversight:problem:"

_STATUS_SLUGS = {
    400: "bad-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    412: "precondition-failed",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation",
    428: "precondition-required",
    429: "too-many-requests",
    500: "internal",
    503: "unavailable",
}
_TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    412: "Precondition failed",
    413: "Payload too large",
    415: "Unsupported media type",
    422: "Validation failed",
    428: "Precondition required",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}


class ProblemError(Exception):
    """Raise from services and routers; rendered as problem+json with the given status and slug."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        slug: str | None = None,
        title: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.slug = slug or _STATUS_SLUGS.get(status, "error")
        self.title = title or _TITLES.get(status, "Error")
        self.errors = errors
        self.headers = headers
        self.extra = extra


def not_found(what: str = "resource") -> ProblemError:
    # One message whether the object does not exist or belongs to another tenant: a 404 confirms nothing.
    return ProblemError(404, f"{what} not found", slug="not-found")


def conflict(detail: str, slug: str = "conflict") -> ProblemError:
    return ProblemError(409, detail, slug=slug)


def unprocessable(
    detail: str, errors: list[dict[str, Any]] | None = None, slug: str = "validation"
) -> ProblemError:
    return ProblemError(422, detail, slug=slug, errors=errors)


def problem_response(
    request: Request | None,
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    title: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": TYPE_PREFIX + (slug or _STATUS_SLUGS.get(status, "error")),
        "title": title or _TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if request is not None:
        body["instance"] = request.url.path
        request_id = request.scope.get("state", {}).get("request_id")
        if request_id:
            body["request_id"] = request_id
    if errors is not None:
        body["errors"] = errors
    if extra:
        body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_CONTENT_TYPE, headers=headers)


def _loc_path(loc: tuple[Any, ...] | list[Any]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += ("." if path else "") + str(part)
    return path


def validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        # Inputs are echoed nowhere: they may hold member data.
        loc = tuple(err.get("loc", ()))
        item: dict[str, Any] = {
            "path": _loc_path(loc),
            "message": err.get("msg", ""),
            "code": err.get("type"),
        }
        # Batches (a list under the body): say which row, so clients can match errors to what they sent.
        if len(loc) >= 3 and loc[0] == "body" and isinstance(loc[2], int):
            item["index"] = loc[2]
        out.append(item)
    return out


def install(app: FastAPI) -> None:
    log = structlog.get_logger("oversight.api")

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ProblemError)
        return problem_response(
            request,
            exc.status,
            exc.detail,
            slug=exc.slug,
            title=exc.title,
            errors=exc.errors,
            headers=exc.headers,
            extra=exc.extra,
        )

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = validation_errors(exc)
        malformed = any(e["code"] == "json_invalid" for e in errors)
        detail = "the request body is not valid JSON" if malformed else "the request has invalid fields"
        return problem_response(request, 422, detail, slug="validation", errors=errors)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "Error")
        if exc.status_code == 404 and detail == "Not Found":
            detail = "no such resource"
        return problem_response(request, exc.status_code, detail, headers=getattr(exc, "headers", None))

    async def on_stale(request: Request, exc: Exception) -> JSONResponse:
        # Two writers passed the If-Match check at once; the version column let only one UPDATE through.
        return problem_response(
            request,
            412,
            "the resource changed while you were writing; fetch it again",
            slug="precondition-failed",
        )

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled_error", exc_info=exc, error_type=type(exc).__name__)
        # This handler runs outside our middleware (Starlette's outermost layer), so repeat the request id.
        request_id = request.scope.get("state", {}).get("request_id")
        headers = {"x-request-id": request_id} if request_id else None
        return problem_response(
            request, 500, "an unexpected error occurred; it has been logged", headers=headers
        )

    app.add_exception_handler(ProblemError, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(StaleDataError, on_stale)
    app.add_exception_handler(Exception, on_unexpected)
