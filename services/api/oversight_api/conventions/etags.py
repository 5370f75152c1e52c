"""ETags on mutable resources and ``If-Match`` on writes (412 stale, 428 missing)."""

from __future__ import annotations

from fastapi import Request, Response

from oversight_api.problems import ProblemError


def etag_of(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_of(version)


def check_if_match(request: Request, current_version: int) -> None:
    """Refuse a write whose ``If-Match`` is missing (428) or names another version (412)."""
    header = request.headers.get("if-match")
    if header is None:
        raise ProblemError(
            428,
            "this write needs an If-Match header with the ETag you last read",
            slug="precondition-required",
        )
    candidates = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    if "*" in candidates or etag_of(current_version) in candidates:
        return
    raise ProblemError(
        412,
        "the resource changed since you read it; fetch it again and reapply your change",
        slug="precondition-failed",
        current_etag=etag_of(current_version),
    )
