"""Errors a use case raises, whoever called it (a route, a worker job, the CLI).

Each has an HTTP-style status and a stable slug (the API renders them as RFC 9457 problems with the type
``urn:oversight:problem:<slug>``; the worker and the CLI print the detail). ``detail`` is for people and
never carries member data.
"""

from __future__ import annotations

from typing import Any

STATUS_SLUGS = {
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
TITLES = {
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
        self.slug = slug or STATUS_SLUGS.get(status, "error")
        self.title = title or TITLES.get(status, "Error")
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
