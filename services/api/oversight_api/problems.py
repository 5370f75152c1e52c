"""RFC 9457 problem details: every error the API returns is ``application/problem+json``.

Each problem has a stable ``type`` URI (``urn:oversight:problem:<slug>``) that clients can switch on;
``detail`` is for people and never carries member data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, compile_path

from oversight_app.errors import STATUS_SLUGS, TITLES, ProblemError

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:oversight:problem:"


class FieldError(BaseModel):
    """One refused input: where it is, never what it held."""

    path: str = Field(description="Where the input is: `body.members[3].last_name`, `query.until`")
    message: str
    code: str | None = Field(None, description="A machine-readable reason (`missing`, `json_invalid`, ...)")
    index: int | None = Field(None, description="The row of a batch the error is about")


class Problem(BaseModel):
    """An RFC 9457 problem: what every error answer of this API is, as ``application/problem+json``.

    The document only: :func:`problem_response` builds the bodies. Some problems add members of their own
    (``retry_after`` on a 429, ``current_etag`` on a 412, ``checks`` on a 503).
    """

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "type": "urn:oversight:problem:validation",
                    "title": "Validation failed",
                    "status": 422,
                    "detail": "the request has invalid fields",
                    "instance": "/v1/reviews",
                    "request_id": "5f0c3a9e2b7d4c1e8a6f9b0d2c4e6a81",
                    "errors": [
                        {"path": "body.scheduled_for", "message": "Field required", "code": "missing"}
                    ],
                }
            ]
        },
    )

    type: str = Field(description="A stable URI to switch on: `urn:oversight:problem:<slug>`")
    title: str
    status: int
    detail: str = Field(description="For people; never carries member data")
    instance: str | None = Field(None, description="The request's path")
    request_id: str | None = Field(None, description="Also in the `X-Request-ID` header; quote it to support")
    errors: list[FieldError] | None = Field(None, description="Each refused input (422s)")


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


class AllowedMethods:
    """Every method a path answers, for the ``Allow`` of a 405.

    Starlette's 405 lists the methods of the first route whose path matched (``DELETE /v1/reviews`` got
    ``Allow: POST`` though ``GET`` answers too); RFC 9110 asks for all of them. The full templates come from
    FastAPI's ``iter_route_contexts`` (included routers keep their own paths), compiled on first use.
    """

    def __init__(self, routes: Sequence[BaseRoute]) -> None:
        self._routes = routes
        self._compiled: list[tuple[Any, set[str]]] | None = None

    def of(self, path: str) -> str:
        if self._compiled is None:
            self._compiled = [
                (compile_path(context.path)[0], set(context.methods or ()))
                for context in iter_route_contexts(self._routes)
                if context.path
            ]
        methods: set[str] = set()
        for regex, route_methods in self._compiled:
            if regex.match(path):
                methods |= route_methods
        return ", ".join(sorted(methods))


def _is_json(request: Request) -> bool:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


def install(app: FastAPI) -> None:
    log = structlog.get_logger("oversight.api")
    allowed = AllowedMethods(app.routes)

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
        if not _is_json(request) and any(e["path"] == "body" for e in errors) and await request.body():
            # FastAPI reads a body as JSON only when it says it is; any other body fails as "not an object".
            return problem_response(
                request, 415, "send the body as application/json", slug="unsupported-media-type"
            )
        malformed = any(e["code"] == "json_invalid" for e in errors)
        detail = "the request body is not valid JSON" if malformed else "the request has invalid fields"
        return problem_response(request, 422, detail, slug="validation", errors=errors)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "Error")
        headers = getattr(exc, "headers", None)
        if exc.status_code == 404 and detail == "Not Found":
            detail = "no such resource"
        if exc.status_code == 400:
            # FastAPI's answer to a body it cannot decode (bytes that are not UTF-8): the 422 the document
            # declares for a body that is not valid JSON, naming the body.
            errors = [{"path": "body", "message": "is not valid JSON (UTF-8 text)", "code": "json_invalid"}]
            return problem_response(
                request, 422, "the request body is not valid JSON", slug="validation", errors=errors
            )
        if exc.status_code == 405:
            detail = f"{request.method} is not one of the methods this path answers (see Allow)"
            headers = {**(headers or {}), "Allow": allowed.of(request.url.path)}
        return problem_response(request, exc.status_code, detail, headers=headers)

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
