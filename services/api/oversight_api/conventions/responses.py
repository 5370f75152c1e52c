"""The one way a route builds a response that carries headers (``ETag``, ``Location``)."""

from __future__ import annotations

from pydantic import BaseModel
from starlette.responses import Response

from oversight_app.etags import etag_of


def respond(
    model: BaseModel, *, status: int = 200, etag: int | None = None, location: str | None = None
) -> Response:
    """``model`` as JSON; ``etag``: the resource's version; ``location``: where a created resource lives."""
    headers: dict[str, str] = {}
    if etag is not None:
        headers["ETag"] = etag_of(etag)
    if location is not None:
        headers["Location"] = location
    return Response(
        model.model_dump_json(), status_code=status, media_type="application/json", headers=headers
    )
