from __future__ import annotations

from pathlib import Path

import pytest

from oversight_db.blobs import LocalBlobStore


@pytest.fixture
def blobs(tmp_path: Path) -> LocalBlobStore:
    return LocalBlobStore(tmp_path / "blobs")
