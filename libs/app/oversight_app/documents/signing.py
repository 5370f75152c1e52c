"""Signed URLs for the local-disk store, which cannot presign: the API serves the upload and download itself
and checks an HMAC over what the URL allows (action, document, size, expiry). Holding the URL is the
permission, as with an S3 presigned URL; it names only the opaque document id."""

from __future__ import annotations

import hashlib
import hmac
import uuid


def sign(key: bytes, action: str, document_id: uuid.UUID, expires: int, size: int = 0) -> str:
    message = f"{action}\n{document_id}\n{expires}\n{size}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def valid(
    key: bytes, action: str, document_id: uuid.UUID, expires: int, size: int, signature: str, now: float
) -> bool:
    if expires < now:
        return False
    # Compared as bytes: compare_digest refuses a str with non-ASCII characters (a TypeError, so a 500).
    return hmac.compare_digest(sign(key, action, document_id, expires, size).encode(), signature.encode())
