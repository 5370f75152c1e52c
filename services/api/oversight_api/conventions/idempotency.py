"""``Idempotency-Key`` on creating POSTs.

The key row is inserted first, in the request's transaction. A concurrent request with the same key blocks
on the unique index until the first commits, then finds the stored response and replays it; if the first
rolled back, the second proceeds as new. Same key with a different body is a 422.

Routes opt in with the :func:`idempotent` decorator (under ``@router.post``): it adds the declared
``Idempotency-Key`` header to the operation and wraps the endpoint, the way Polar's
``AutoCommitAPIRoute.wrap_endpoint`` wraps endpoints to commit. The endpoint returns a
:func:`~oversight_api.conventions.responses.respond` response, which is what is stored and replayed.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, get_type_hints

from fastapi import Header, Request
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import JSONResponse, Response

from oversight_app.caller import Caller
from oversight_app.errors import ProblemError
from oversight_app.text import Text
from oversight_db.models.idempotency import IdempotencyRecord

IdempotencyKey = Annotated[
    Text | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        description="Retry-safe creation: the same key and body replay the first response",
    ),
]
_REPLAYED_HEADERS = ("etag", "location")
Endpoint = Callable[..., Awaitable[Response]]


def fingerprint(body: BaseModel | dict[str, Any] | list[Any] | None) -> str:
    data = body.model_dump(mode="json") if isinstance(body, BaseModel) else jsonable_encoder(body)
    return hashlib.sha256(json.dumps(data, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def idempotent(endpoint: Endpoint) -> Endpoint:
    """Make a creating POST retry-safe. The endpoint takes the request's ``Session`` and the ``Caller``
    (any names) and its body (the first pydantic model or list among its arguments) is what must match."""
    hints = get_type_hints(endpoint, include_extras=True)
    signature = inspect.signature(endpoint)
    parameters = [
        p.replace(annotation=hints.get(p.name, p.annotation)) for p in signature.parameters.values()
    ]
    parameters += [
        inspect.Parameter(
            "idempotency_key", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=IdempotencyKey
        ),
        inspect.Parameter("idempotency_request", inspect.Parameter.KEYWORD_ONLY, annotation=Request),
    ]

    @functools.wraps(endpoint)
    async def wrapped(
        *, idempotency_key: str | None, idempotency_request: Request, **kwargs: Any
    ) -> Response:
        if not idempotency_key:
            return await endpoint(**kwargs)
        session = next(v for v in kwargs.values() if isinstance(v, AsyncSession))
        caller = next(v for v in kwargs.values() if isinstance(v, Caller))
        body = next((v for v in kwargs.values() if isinstance(v, BaseModel | list)), None)
        method_path = f"{idempotency_request.method} {idempotency_request.url.path}"
        replay = await _claim_key(session, caller, idempotency_key, method_path, fingerprint(body))
        if replay is not None:
            return replay
        response = await endpoint(**kwargs)
        await _store_response(session, caller, idempotency_key, response)
        return response

    wrapped.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=parameters, return_annotation=hints.get("return", signature.return_annotation)
    )
    return wrapped


async def _claim_key(
    session: AsyncSession, caller: Caller, key: str, method_path: str, request_hash: str
) -> JSONResponse | None:
    """Insert the key; ``None`` when this request is the first, else the stored response to replay."""
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
    if inserted is not None:
        return None
    record = await session.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.organization_id == caller.organization_id, IdempotencyRecord.key == key
        )
    )
    if record is None or record.status_code is None:
        raise ProblemError(409, "a request with this Idempotency-Key is still in progress", slug="conflict")
    if record.request_hash != request_hash or record.method_path != method_path:
        raise ProblemError(
            422,
            "this Idempotency-Key was used with a different request; use a new key",
            slug="idempotency-key-reused",
        )
    headers = dict(record.response_headers or {})
    headers["Idempotent-Replayed"] = "true"
    return JSONResponse(record.response_body, status_code=record.status_code, headers=headers)


async def _store_response(session: AsyncSession, caller: Caller, key: str, response: Response) -> None:
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
