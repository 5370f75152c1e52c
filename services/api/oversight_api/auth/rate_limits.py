"""Rate limits (OWASP API4: unrestricted resource consumption), counted in Redis so every API process
shares them.

Two limits: requests per caller (an API key, or a token's subject), and failed authentications per client
address - a wrong key costs a database lookup, so guessing is slowed down before it reaches Postgres.
Over a limit the API answers 429 problem+json with ``Retry-After``. If Redis cannot be reached the
request is let through (and a warning logged): an outage of the counter must not take the API down.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import structlog
from limits import RateLimitItem, parse
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.storage import storage_from_string

from oversight_app.caller import Caller
from oversight_app.errors import ProblemError

log = structlog.get_logger("oversight.api.rate_limits")


def limits_storage_uri(redis_url: str) -> str:
    """Our Redis URL in the form the ``limits`` library names its async Redis storage."""
    if redis_url.startswith("unix://"):
        return "async+redis+unix://" + redis_url.removeprefix("unix://")
    return "async+" + redis_url


@dataclass
class RateLimits:
    limiter: SlidingWindowCounterRateLimiter
    per_caller: RateLimitItem
    failed_auth: RateLimitItem

    @classmethod
    def connect(cls, redis_url: str, per_caller: str, failed_auth: str) -> RateLimits:
        # redis-py (already ours, through arq) rather than the library's default client, coredis.
        storage = storage_from_string(limits_storage_uri(redis_url), implementation="redispy")
        return cls(SlidingWindowCounterRateLimiter(storage), parse(per_caller), parse(failed_auth))

    async def refuse_blocked_address(self, address: str) -> None:
        """429 before any key lookup when ``address`` has failed authentication too often."""
        try:
            allowed = await self.limiter.test(self.failed_auth, "auth-failed", address)
        except Exception as exc:
            log.warning("rate_limit_unavailable", error_type=type(exc).__name__)
            return
        if not allowed:
            await self._refuse(self.failed_auth, ("auth-failed", address), "too many failed authentications")

    async def count_failure(self, address: str) -> None:
        try:
            await self.limiter.hit(self.failed_auth, "auth-failed", address)
        except Exception as exc:
            log.warning("rate_limit_unavailable", error_type=type(exc).__name__)

    async def count_request(self, caller: Caller) -> None:
        """429 when the caller is over its request rate."""
        identity = str(caller.api_key_id) if caller.api_key_id else caller.actor
        keys = ("caller", str(caller.organization_id), identity)
        try:
            allowed = await self.limiter.hit(self.per_caller, *keys)
        except Exception as exc:
            log.warning("rate_limit_unavailable", error_type=type(exc).__name__)
            return
        if not allowed:
            await self._refuse(self.per_caller, keys, "too many requests")

    async def _refuse(self, item: RateLimitItem, keys: tuple[str, ...], what: str) -> None:
        stats = await self.limiter.get_window_stats(item, *keys)
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        raise ProblemError(
            429,
            f"{what}: at most {item}; retry after {retry_after} s",
            slug="too-many-requests",
            headers={"Retry-After": str(retry_after)},
            retry_after=retry_after,
        )
