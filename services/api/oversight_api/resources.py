"""Process-wide resources built once at start-up and shared by every request."""

from __future__ import annotations

from dataclasses import dataclass, field

from arq.connections import ArqRedis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from oversight_api.auth.keycache import ApiKeyCache
from oversight_api.auth.rate_limits import RateLimits
from oversight_db.blobs import BlobStore
from oversight_db.settings import Settings


@dataclass
class Resources:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    redis: ArqRedis
    blobs: BlobStore
    jwks_cache: dict[str, object] = field(default_factory=dict)
    api_keys: ApiKeyCache = field(default_factory=ApiKeyCache)
    # Sessions without a transaction for single-SELECT reads (``ReadSession``); None: ``sessions``.
    read_sessions: async_sessionmaker[AsyncSession] | None = None
    rate_limits: RateLimits | None = None  # None: not limited (tests that do not test the limits)
