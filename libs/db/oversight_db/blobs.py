"""Blob storage: S3 (or any S3-compatible endpoint) in production, a local directory by default."""

from __future__ import annotations

import asyncio
import hashlib
import os
import secrets
import shutil
from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from oversight_db.settings import Settings

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


class BlobNotFoundError(KeyError):
    pass


# Objects are read in pieces of this size when hashed, so a 250 MB document never sits in memory.
CHUNK_BYTES = 1024 * 1024


class BlobTooLargeError(ValueError):
    pass


@dataclass(frozen=True)
class BlobDigest:
    """What a stored object really is: its size, its sha256, its first bytes (for type sniffing) and a tag
    of this exact content (S3's ETag), so a later copy takes what was checked and nothing written since."""

    size: int
    sha256: str
    head: bytes
    etag: str = ""


@dataclass(frozen=True)
class PresignedUpload:
    """A browser-style POST straight to the store: ``fields`` go first in the multipart form, the file last."""

    url: str
    fields: dict[str, str] = field(default_factory=dict)


class BlobStore(Protocol):
    async def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> str: ...
    async def get(self, key: str) -> bytes: ...
    def read_chunks(self, key: str, chunk_bytes: int = CHUNK_BYTES) -> AsyncGenerator[bytes]:
        """The object in pieces of at most ``chunk_bytes``, each read in a thread (memory stays flat and the
        event loop keeps serving whatever the size); ``BlobNotFoundError`` if it is absent."""
        ...

    async def delete(self, key: str) -> None: ...
    async def exists(self, key: str) -> bool: ...
    async def keys(self, prefix: str) -> list[str]: ...
    async def digest(self, key: str, head_bytes: int) -> BlobDigest | None:
        """Size, sha256 and the first ``head_bytes`` of the object, read in chunks; None if it is absent."""
        ...

    async def promote(self, source: str, target: str, etag: str) -> bool:
        """Move ``source`` to ``target`` if ``source`` is still the content tagged ``etag``; False if not."""
        ...

    async def presign_upload(
        self, key: str, *, size: int, content_type: str, content_disposition: str, expires_seconds: int
    ) -> PresignedUpload | None:
        """A presigned POST enforcing exactly ``size`` bytes and the content type; None: the store cannot sign
        (the local disk), and the API serves a signed upload URL itself."""
        ...

    async def presign_download(self, key: str, *, expires_seconds: int) -> str | None:
        """A presigned GET; None: the store cannot sign, and the API serves a signed download URL itself."""
        ...

    async def put_file(self, key: str, path: Path, *, content_type: str, content_disposition: str) -> None:
        """Store the file at ``path`` under ``key``, read in pieces (never whole in memory)."""
        ...


def _check_key(key: str) -> str:
    if not key or key.startswith("/") or ".." in key.split("/"):
        raise ValueError(f"invalid blob key {key!r}")
    return key


class LocalBlobStore:
    """Files under a directory; ``put`` returns the sha256 of the content."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / _check_key(key)

    async def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> str:
        path = self._path(key)

        def write() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(path.suffix + ".part")
            tmp.write_bytes(data)
            tmp.replace(path)  # atomic: readers never see half a file

        await asyncio.to_thread(write)
        return hashlib.sha256(data).hexdigest()

    async def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            raise BlobNotFoundError(key) from None

    async def read_chunks(self, key: str, chunk_bytes: int = CHUNK_BYTES) -> AsyncGenerator[bytes]:
        path = self._path(key)
        try:
            f = await asyncio.to_thread(path.open, "rb")
        except FileNotFoundError:
            raise BlobNotFoundError(key) from None
        try:
            while chunk := await asyncio.to_thread(f.read, chunk_bytes):
                yield chunk
        finally:
            await asyncio.to_thread(f.close)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._path(key).unlink, True)

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self._path(key).exists)

    async def keys(self, prefix: str) -> list[str]:
        """Every key under the folder ``prefix`` (ending in "/"), sorted."""
        folder = self._path(prefix.rstrip("/"))

        def walk() -> list[str]:
            files = folder.rglob("*") if folder.is_dir() else []
            return sorted(
                p.relative_to(self.root).as_posix() for p in files if p.is_file() and p.suffix != ".part"
            )

        return await asyncio.to_thread(walk)

    def path_of(self, key: str) -> Path:
        """Where a key's file lives (the API serves local downloads from it)."""
        return self._path(key)

    async def digest(self, key: str, head_bytes: int) -> BlobDigest | None:
        path = self._path(key)

        def read() -> BlobDigest | None:
            try:
                with path.open("rb") as f:
                    etag = _local_etag(os.fstat(f.fileno()))
                    return _digest_of(iter(lambda: f.read(CHUNK_BYTES), b""), head_bytes, etag)
            except FileNotFoundError:
                return None

        return await asyncio.to_thread(read)

    async def promote(self, source: str, target: str, etag: str) -> bool:
        src, dst = self._path(source), self._path(target)

        def move() -> bool:
            try:
                if _local_etag(src.stat()) != etag:
                    return False
            except FileNotFoundError:
                return False
            dst.parent.mkdir(parents=True, exist_ok=True)
            src.replace(dst)
            return True

        return await asyncio.to_thread(move)

    async def write_stream(self, key: str, chunks: AsyncIterator[bytes], max_bytes: int) -> int:
        """Write ``chunks`` to ``key`` a megabyte at a time (memory stays flat whatever the size); more than
        ``max_bytes`` raises ``BlobTooLargeError`` and leaves nothing behind. Returns the bytes written."""
        path = self._path(key)
        tmp = path.with_suffix(path.suffix + ".part")
        await asyncio.to_thread(path.parent.mkdir, parents=True, exist_ok=True)
        f = await asyncio.to_thread(tmp.open, "wb")
        written = 0
        buffer = bytearray()
        try:
            async for chunk in chunks:
                written += len(chunk)
                if written > max_bytes:
                    raise BlobTooLargeError(key)
                buffer += chunk
                if len(buffer) >= CHUNK_BYTES:
                    await asyncio.to_thread(f.write, bytes(buffer))
                    buffer.clear()
            await asyncio.to_thread(f.write, bytes(buffer))
            await asyncio.to_thread(f.close)
            await asyncio.to_thread(tmp.replace, path)
        except BaseException:
            await asyncio.to_thread(f.close)
            await asyncio.to_thread(tmp.unlink, True)
            raise
        return written

    async def presign_upload(
        self, key: str, *, size: int, content_type: str, content_disposition: str, expires_seconds: int
    ) -> PresignedUpload | None:
        return None

    async def presign_download(self, key: str, *, expires_seconds: int) -> str | None:
        return None

    async def put_file(self, key: str, path: Path, *, content_type: str, content_disposition: str) -> None:
        target = self._path(key)

        def copy() -> None:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(target.suffix + ".part")
            shutil.copyfile(path, tmp)  # in pieces (shutil's own buffer)
            tmp.replace(target)

        await asyncio.to_thread(copy)


def _local_etag(stat: os.stat_result) -> str:
    return f"{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"


def _digest_of(chunks: Iterator[bytes], head_bytes: int, etag: str = "") -> BlobDigest:
    hasher = hashlib.sha256()
    head = bytearray()
    size = 0
    for chunk in chunks:
        hasher.update(chunk)
        size += len(chunk)
        if len(head) < head_bytes:
            head += chunk[: head_bytes - len(head)]
    return BlobDigest(size=size, sha256=hasher.hexdigest(), head=bytes(head), etag=etag)


class S3BlobStore:
    """boto3 is synchronous; calls run in a thread so the event loop keeps serving."""

    def __init__(self, client: S3Client, bucket: str) -> None:
        self.client = client
        self.bucket = bucket

    async def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> str:
        digest = hashlib.sha256(data).hexdigest()
        await asyncio.to_thread(
            self.client.put_object,
            Bucket=self.bucket,
            Key=_check_key(key),
            Body=data,
            ContentType=content_type,
            Metadata={"sha256": digest},
        )
        return digest

    async def get(self, key: str) -> bytes:
        try:
            obj = await asyncio.to_thread(self.client.get_object, Bucket=self.bucket, Key=_check_key(key))
        except self.client.exceptions.NoSuchKey:
            raise BlobNotFoundError(key) from None
        return await asyncio.to_thread(obj["Body"].read)

    async def read_chunks(self, key: str, chunk_bytes: int = CHUNK_BYTES) -> AsyncGenerator[bytes]:
        try:
            obj = await asyncio.to_thread(self.client.get_object, Bucket=self.bucket, Key=_check_key(key))
        except self.client.exceptions.NoSuchKey:
            raise BlobNotFoundError(key) from None
        body = obj["Body"]
        try:
            while chunk := await asyncio.to_thread(body.read, chunk_bytes):
                yield chunk
        finally:
            await asyncio.to_thread(body.close)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self.client.delete_object, Bucket=self.bucket, Key=_check_key(key))

    async def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            await asyncio.to_thread(self.client.head_object, Bucket=self.bucket, Key=_check_key(key))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                return False
            raise
        return True

    async def keys(self, prefix: str) -> list[str]:
        def walk() -> list[str]:
            found: list[str] = []
            for page in self.client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=_check_key(prefix)
            ):
                found.extend(obj["Key"] for obj in page.get("Contents", []) if "Key" in obj)
            return sorted(found)

        return await asyncio.to_thread(walk)

    async def digest(self, key: str, head_bytes: int) -> BlobDigest | None:
        def read() -> BlobDigest | None:
            try:
                obj = self.client.get_object(Bucket=self.bucket, Key=_check_key(key))
            except self.client.exceptions.NoSuchKey:
                return None
            return _digest_of(obj["Body"].iter_chunks(CHUNK_BYTES), head_bytes, obj.get("ETag", ""))

        return await asyncio.to_thread(read)

    async def promote(self, source: str, target: str, etag: str) -> bool:
        from botocore.exceptions import ClientError

        def move() -> bool:
            try:
                # Server-side copy (no bytes through this process), only of the content that was checked.
                self.client.copy_object(
                    Bucket=self.bucket,
                    Key=_check_key(target),
                    CopySource={"Bucket": self.bucket, "Key": _check_key(source)},
                    CopySourceIfMatch=etag,
                    MetadataDirective="COPY",
                )
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") in {
                    "PreconditionFailed",
                    "412",
                    "NoSuchKey",
                    "404",
                }:
                    return False
                raise
            self.client.delete_object(Bucket=self.bucket, Key=source)
            return True

        return await asyncio.to_thread(move)

    async def presign_upload(
        self, key: str, *, size: int, content_type: str, content_disposition: str, expires_seconds: int
    ) -> PresignedUpload | None:
        # The policy S3 checks: this key only, exactly this many bytes, this type; the name reviewers see
        # travels as a form field (stored with the object, served on GET), never in a URL.
        fields = {"Content-Type": content_type, "Content-Disposition": content_disposition}
        conditions: list[Any] = [
            {"Content-Type": content_type},
            {"Content-Disposition": content_disposition},
            ["content-length-range", size, size],
        ]
        post = await asyncio.to_thread(
            self.client.generate_presigned_post,
            Bucket=self.bucket,
            Key=_check_key(key),
            Fields=fields,
            Conditions=conditions,
            ExpiresIn=expires_seconds,
        )
        return PresignedUpload(url=post["url"], fields={k: str(v) for k, v in post["fields"].items()})

    async def presign_download(self, key: str, *, expires_seconds: int) -> str | None:
        url: str = await asyncio.to_thread(
            self.client.generate_presigned_url,
            "get_object",
            Params={"Bucket": self.bucket, "Key": _check_key(key)},
            ExpiresIn=expires_seconds,
        )
        return url

    async def put_file(self, key: str, path: Path, *, content_type: str, content_disposition: str) -> None:
        from boto3.s3.transfer import TransferConfig

        # A multipart upload in 8 MiB parts, two at a time: memory stays near 16 MiB whatever the file's
        # size (boto3's default of ten threads would hold ten parts).
        config = TransferConfig(multipart_chunksize=8 * CHUNK_BYTES, max_concurrency=2)
        await asyncio.to_thread(
            self.client.upload_file,
            str(path),
            self.bucket,
            _check_key(key),
            ExtraArgs={"ContentType": content_type, "ContentDisposition": content_disposition},
            Config=config,
        )


def url_signing_key(settings: Settings) -> bytes:
    """The key the API signs local-disk upload and download URLs with: the setting, else one generated once
    under ``data_dir`` (readable by this user only), so every API process of one ``make run`` shares it."""
    if settings.blob_url_key is not None:
        return settings.blob_url_key.get_secret_value().encode()
    path = settings.data_dir / "blob-url.key"
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first
        return path.read_bytes().strip()
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_hex(32))
    return path.read_bytes().strip()


def create_blob_store(settings: Settings) -> BlobStore:
    if settings.s3_bucket:
        import boto3

        client = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint_url,
            region_name=settings.s3_region,
            aws_access_key_id=settings.s3_access_key_id,
            aws_secret_access_key=(
                settings.s3_secret_access_key.get_secret_value() if settings.s3_secret_access_key else None
            ),
        )
        return S3BlobStore(client, settings.s3_bucket)
    return LocalBlobStore(settings.data_dir / "blobs")
