"""A short in-process cache of verified API keys.

Verifying a key costs a database round trip; partner platforms call in bursts with one key. Entries live
``api_key_cache_seconds`` (default 10 s) and are keyed by the SHA-256 of the whole key, so only the exact
secret hits. Revoking a key through this process's API evicts it at once; another process (another API
replica, or the CLI) stops accepting it within the TTL at the latest. That is the documented revocation
delay; set the TTL to 0 to turn the cache off.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oversight_app.caller import Caller

MAX_ENTRIES = 10_000


@dataclass
class ApiKeyCache:
    _entries: dict[str, tuple[float, Caller]] = field(default_factory=dict)

    def get(self, digest: str) -> Caller | None:
        entry = self._entries.get(digest)
        if entry is None:
            return None
        expires, caller = entry
        if time.monotonic() >= expires:
            self._entries.pop(digest, None)
            return None
        return caller

    def put(self, digest: str, caller: Caller, ttl_seconds: float) -> None:
        if ttl_seconds <= 0:
            return
        if len(self._entries) >= MAX_ENTRIES:
            self._entries.clear()  # crude but bounded; a refill costs one query per key
        self._entries[digest] = (time.monotonic() + ttl_seconds, caller)

    def evict(self, api_key_id: uuid.UUID) -> None:
        for digest, (_, caller) in list(self._entries.items()):
            if caller.api_key_id == api_key_id:
                self._entries.pop(digest, None)
