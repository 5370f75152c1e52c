"""``limit`` and ``cursor`` from the query string, as the app layer's :class:`PageParams`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from oversight_app.pagination import DEFAULT_LIMIT, MAX_LIMIT, PageParams
from oversight_app.text import Text


def page_params(
    limit: int = Query(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT})"
    ),
    cursor: Text | None = Query(None, description="The next_cursor of the previous page"),
) -> PageParams:
    return PageParams(limit=limit, cursor=cursor)


Pagination = Annotated[PageParams, Depends(page_params)]
