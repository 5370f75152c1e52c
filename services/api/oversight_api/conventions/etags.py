"""``If-Match`` as a declared header parameter; the rule itself is :mod:`oversight_app.etags`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Request, Response

from oversight_app import etags
from oversight_app.etags import etag_of

__all__ = ["IfMatch", "check_if_match", "etag_of", "set_etag"]

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description="The ETag you last read; required by this write (428 without it, 412 when stale)",
    ),
]


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_of(version)


def check_if_match(request: Request, current_version: int) -> None:
    """Transitional: the request-taking form of :func:`oversight_app.etags.check_if_match`."""
    etags.check_if_match(request.headers.get("if-match"), current_version)
