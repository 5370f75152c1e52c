"""The body of a signed upload to the local-disk store (S3 takes presigned POSTs itself): evidence documents
and large imports answer their signed PUT URLs the same way. The signature is checked by the caller's use case
(``allowed``); a refused one is a 404 like an unknown object. The body streams to disk a megabyte at a time and
is refused past the signed size; no database transaction is open while bytes move."""

from __future__ import annotations

from fastapi import Request, Response

from oversight_app.errors import ProblemError, not_found
from oversight_db.blobs import BlobStore, BlobTooLargeError, LocalBlobStore


async def receive(
    request: Request, store: BlobStore, *, allowed: bool, key: str, size: int, what: str
) -> Response:
    if not allowed or not isinstance(store, LocalBlobStore):
        raise not_found(what)
    try:
        await store.write_stream(key, request.stream(), max_bytes=size)
    except BlobTooLargeError:
        raise ProblemError(
            413, "the body is larger than the declared size", slug="payload-too-large"
        ) from None
    return Response(status_code=204)
