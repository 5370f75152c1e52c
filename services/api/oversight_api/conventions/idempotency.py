"""``Idempotency-Key`` on creating POSTs.

The key row is inserted first, in the request's transaction. A concurrent request with the same key blocks
on the unique index until the first commits, then finds the stored response and replays it; if the first
rolled back, the second proceeds as new. Same key with a different body is a 422.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Header, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import JSONResponse

from oversight_api.auth.caller import Caller
from oversight_api.problems import ProblemError
from oversight_db.models.idempotency import IdempotencyRecord

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        description="Retry-safe creation: the same key and body replay the first response",
    ),
]
_REPLAYED_HEADERS = ("etag", "location")


def fingerprint(body: BaseModel | dict[str, Any] | list[Any] | None) -> str:
    data = body.model_dump(mode="json") if isinstance(body, BaseModel) else jsonable_encoder(body)
    return hashlib.sha256(json.dumps(data, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


async def idempotent(
    session: AsyncSession,
    request: Request,
    caller: Caller,
    key: str | None,
    body: BaseModel | dict[str, Any] | list[Any] | None,
    create: Callable[[], Awaitable[JSONResponse]],
) -> JSONResponse:
    if not key:
        return await create()
    method_path = f"{request.method} {request.url.path}"
    request_hash = fingerprint(body)
    inserted = await session.scalar(
        insert(IdempotencyRecord)
        .values(
            organization_id=caller.organization_id,
            key=key,
            method_path=method_path,
            request_hash=request_hash,
        )
        .on_conflict_do_nothing()
        .returning(IdempotencyRecord.key)
    )
    if inserted is None:
        record = await session.scalar(
            select(IdempotencyRecord).where(
                IdempotencyRecord.organization_id == caller.organization_id, IdempotencyRecord.key == key
            )
        )
        if record is None or record.status_code is None:
            raise ProblemError(
                409, "a request with this Idempotency-Key is still in progress", slug="conflict"
            )
        if record.request_hash != request_hash or record.method_path != method_path:
            raise ProblemError(
                422,
                "this Idempotency-Key was used with a different request; use a new key",
                slug="idempotency-key-reused",
            )
        headers = dict(record.response_headers or {})
        headers["Idempotent-Replayed"] = "true"
        return JSONResponse(record.response_body, status_code=record.status_code, headers=headers)
    response = await create()
    stored_headers = {k: v for k, v in response.headers.items() if k.lower() in _REPLAYED_HEADERS}
    await session.execute(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.organization_id == caller.organization_id, IdempotencyRecord.key == key)
        .values(
            status_code=response.status_code,
            response_body=json.loads(bytes(response.body)),
            response_headers=stored_headers,
        )
    )
    return response
