"""Optimistic concurrency: a mutable resource's version is its ETag; a write names the version it read."""

from __future__ import annotations

from oversight_app.errors import ProblemError


def etag_of(version: int) -> str:
    return f'"{version}"'


def check_if_match(if_match: str | None, current_version: int) -> None:
    """Refuse a write whose ``If-Match`` is missing (428) or names another version (412)."""
    if if_match is None:
        raise ProblemError(
            428,
            "this write needs an If-Match header with the ETag you last read",
            slug="precondition-required",
        )
    # RFC 9110 13.1.1: If-Match uses the strong comparison, so a weak tag (W/"3") never matches.
    candidates = [tag.strip() for tag in if_match.split(",")]
    if "*" in candidates or etag_of(current_version) in candidates:
        return
    raise ProblemError(
        412,
        "the resource changed since you read it; fetch it again and reapply your change",
        slug="precondition-failed",
        current_etag=etag_of(current_version),
    )
