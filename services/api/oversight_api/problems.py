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

from oversight_app.errors import STATUS_SLUGS, TITLES, ProblemError

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:oversight:problem:"


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
        "type": TYPE_PREFIX + (slug or STATUS_SLUGS.get(status, "error")),
        "title": title or TITLES.get(status, "Error"),
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
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "Error")
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
