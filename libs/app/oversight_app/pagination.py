"""Cursor (keyset) pagination: ``limit`` <= 200, opaque ``cursor``, ``next_cursor`` in the page.

The API reads ``limit`` and ``cursor`` from the query (``oversight_api.conventions.pagination``); the
worker and the CLI build :class:`PageParams` themselves.
"""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import Select, and_, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from oversight_app.errors import ProblemError

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


@dataclass(frozen=True)
class PageParams:
    limit: int
    cursor: str | None


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return {"t": value.isoformat(), "k": "dt" if isinstance(value, datetime) else "d"}
    if isinstance(value, uuid.UUID):
        return {"t": str(value), "k": "u"}
    return value


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict):
        kind, text = value["k"], value["t"]
        if kind == "dt":
            return datetime.fromisoformat(text)
        if kind == "d":
            return date.fromisoformat(text)
        return uuid.UUID(text)
    return value


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps([_encode_value(v) for v in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = [_decode_value(v) for v in json.loads(raw)]
        if len(values) != size:
            raise ValueError
    except (ValueError, KeyError, TypeError):
        raise ProblemError(
            422, "cursor is not one this API issued", slug="validation", errors=[{"path": "query.cursor"}]
        ) from None
    return values


async def keyset_page(
    session: AsyncSession,
    stmt: Select[Any],
    keys: list[InstrumentedAttribute[Any]],
    params: PageParams,
    *,
    descending: bool = False,
    scalars: bool = True,
) -> tuple[list[Any], str | None]:
    """Run ``stmt`` ordered by ``keys`` (last key unique) from the cursor on; one query, limit + 1 rows."""
    if params.cursor:
        values = decode_cursor(params.cursor, len(keys))
        # (k1, k2) > (v1, v2) spelled out so it works for mixed types and either direction.
        clauses = []
        for i, key in enumerate(keys):
            head = [keys[j] == values[j] for j in range(i)]
            clauses.append(and_(*head, key < values[i] if descending else key > values[i]))
        stmt = stmt.where(or_(*clauses))
    order = [k.desc() if descending else k.asc() for k in keys]
    stmt = stmt.order_by(*order).limit(params.limit + 1)
    result = await session.execute(stmt)
    rows = list(result.scalars().all()) if scalars else list(result.all())
    next_cursor = None
    if len(rows) > params.limit:
        rows = rows[: params.limit]
        last = rows[-1]
        next_cursor = encode_cursor([getattr(last, k.key) for k in keys])
    return rows, next_cursor
