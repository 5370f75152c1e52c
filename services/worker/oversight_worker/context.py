"""What every job receives in ``ctx``: built once per worker process in ``startup``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from oversight_db.blobs import BlobStore
from oversight_db.settings import Settings


@dataclass
class WorkerResources:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    http: httpx.AsyncClient
    blobs: BlobStore
    worker_id: str


def resources(ctx: dict[str, Any]) -> WorkerResources:
    res: WorkerResources = ctx["resources"]
    return res
