"""When to try a channel again: exponential backoff with jitter, giving up after the retry window."""

from __future__ import annotations

import random
from datetime import timedelta

BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)
JITTER = 0.25  # +/- 25 %: receivers that failed together do not get retried in lock-step


def backoff(attempts: int, rng: random.Random | None = None) -> timedelta:
    """Delay before attempt ``attempts + 1``: 30 s, 1 min, 2 min ... capped at 1 h, each +/- 25 %."""
    exp = min(max(attempts - 1, 0), 20)
    delay = min(BASE_DELAY * (2**exp), MAX_DELAY)
    factor: float = 1 + (rng or random).uniform(-JITTER, JITTER)
    result: timedelta = delay * factor
    return result


def retryable_status(status_code: int) -> bool:
    """5xx, 408 (timeout) and 429 (slow down) are worth another try; any other 4xx or 3xx never succeeds."""
    return status_code >= 500 or status_code in (408, 429)
