"""Blob storage on the local disk and on S3 (moto's server mode: a real HTTP endpoint)."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import boto3
import pytest
from pydantic import SecretStr

from oversight_db.blobs import BlobNotFoundError, BlobStore, LocalBlobStore, create_blob_store
from oversight_db.settings import Settings


async def _exercise(store: BlobStore) -> None:
    key = f"evidence/{uuid.uuid4()}/DoeA1234567B.pdf"
    data = b"%PDF-1.4 fake evidence" * 100
    assert not await store.exists(key)
    digest = await store.put(key, data, "application/pdf")
    assert digest == hashlib.sha256(data).hexdigest()
    assert await store.exists(key)
    assert await store.get(key) == data
    # Read in pieces of at most the size asked (the loader streams files this way).
    pieces = [chunk async for chunk in store.read_chunks(key, 1000)]
    assert b"".join(pieces) == data and max(map(len, pieces)) <= 1000 and len(pieces) == 3
    await store.delete(key)
    assert not await store.exists(key)
    with pytest.raises(BlobNotFoundError):
        await store.get(key)
    with pytest.raises(BlobNotFoundError):
        _ = [chunk async for chunk in store.read_chunks(key)]


async def test_local_blob_store_round_trip(tmp_path: Path) -> None:
    await _exercise(LocalBlobStore(tmp_path))


async def test_local_blob_store_refuses_keys_that_escape_its_root(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path / "root")
    with pytest.raises(ValueError):
        await store.put("../outside", b"x")
    with pytest.raises(ValueError):
        await store.put("/etc/passwd", b"x")


async def test_s3_blob_store_round_trip_against_moto_server(s3_endpoint: str, tmp_path: Path) -> None:
    bucket = f"oversight-{uuid.uuid4().hex[:8]}"
    boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1").create_bucket(Bucket=bucket)
    settings = Settings(
        s3_bucket=bucket,
        s3_endpoint_url=s3_endpoint,
        s3_access_key_id="testing",
        s3_secret_access_key=SecretStr("testing"),
        data_dir=tmp_path,
    )
    await _exercise(create_blob_store(settings))
