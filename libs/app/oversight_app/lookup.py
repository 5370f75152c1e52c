"""Loading one scoped object: the caller's query either finds it or the answer is a 404."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.errors import not_found

T = TypeVar("T")


async def one_or_404(session: AsyncSession, stmt: Select[tuple[T]], what: str, *, lock: Any = None) -> T:
    """``stmt`` must already carry the caller's tenancy filter, so another tenant's object is "not found" too.

    ``lock``: ``True`` for ``FOR UPDATE``, or the entity to lock when the query joins others.
    """
    if lock is True:
        stmt = stmt.with_for_update()
    elif lock is not None and lock is not False:
        stmt = stmt.with_for_update(of=lock)
    row = await session.scalar(stmt)
    if row is None:
        raise not_found(what)
    return row
