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
from sqlalchemy import BigInteger, Select, and_, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from oversight_app.bounds import INT32_MAX, MAX_DAY, MIN_DAY
from oversight_app.errors import ProblemError
from oversight_app.text import refuse_unstorable

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
# Our longest cursor: a 300-character name of astral characters escaped as JSON (~5,000 characters).
MAX_CURSOR_LENGTH = 8192
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


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps([_encode_value(v) for v in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def invalid_cursor() -> ProblemError:
    return ProblemError(
        422,
        "cursor is not one this API issued; start again without it",
        slug="invalid-cursor",
        errors=[{"path": "query.cursor", "message": "not a cursor this API issued"}],
    )


def _decode_value(value: Any, expected: type, int_max: int) -> Any:
    """One cursor value, checked against the type of the column it is compared with (anything else would
    reach Postgres as a type error, a 500); ``ValueError`` when it does not fit."""
    if isinstance(value, dict):
        if set(value) != {"k", "t"} or not isinstance(value["t"], str):
            raise ValueError
        kind, text = value["k"], value["t"]
        if kind == "u" and expected is uuid.UUID:
            return uuid.UUID(text)
        if kind == "d" and expected is date:
            return _in_range(date.fromisoformat(text))
        if kind == "dt" and expected is datetime:
            moment = datetime.fromisoformat(text)
            if moment.tzinfo is None:
                raise ValueError
            return _in_range(moment)
        raise ValueError
    if expected is str and isinstance(value, str):
        return refuse_unstorable(value)
    # bool is an int to Python, not to Postgres.
    if expected is int and isinstance(value, int) and not isinstance(value, bool):
        if not -int_max - 1 <= value <= int_max:
            raise ValueError
        return value
    raise ValueError


def _in_range(day: date) -> Any:
    # A moment near year 1 or 9999 overflows when the driver converts it to UTC.
    check = day.date() if isinstance(day, datetime) else day
    if not MIN_DAY <= check <= MAX_DAY:
        raise ValueError
    return day


def _column_type(key: InstrumentedAttribute[Any]) -> tuple[type, int]:
    """The Python type of a key column's values, and the largest integer it holds."""
    int_max = 2**63 - 1 if isinstance(key.type, BigInteger) else INT32_MAX
    return key.type.python_type, int_max


def decode_cursor(cursor: str, columns: list[tuple[type, int]]) -> list[Any]:
    """The key values of an ``encode_cursor`` string; a 422 ``invalid-cursor`` for anything else (wrong
    base64 or JSON, wrong shape, wrong types, nesting, sizes)."""
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise invalid_cursor()
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        # RecursionError: a few kilobytes of "[[[[..." nest deeper than the JSON decoder recurses.
        decoded = json.loads(raw)
        if not isinstance(decoded, list) or len(decoded) != len(columns):
            raise ValueError
        return [
            _decode_value(value, expected, int_max)
            for value, (expected, int_max) in zip(decoded, columns, strict=True)
        ]
    except (ValueError, RecursionError):
        raise invalid_cursor() from None


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
        values = decode_cursor(params.cursor, [_column_type(k) for k in keys])
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
