"""API key secrets: how a key looks, and the hash stored in its place."""

from __future__ import annotations

import hashlib
import secrets

KEY_PREFIX = "ovs"


def hash_secret(secret: str) -> str:
    # Keys are 256-bit random: a plain SHA-256 is enough (no dictionary to attack), and it is fast per request.
    return hashlib.sha256(secret.encode()).hexdigest()


def new_api_key() -> tuple[str, str, str]:
    """Return (full key shown once, public prefix, stored hash)."""
    prefix = secrets.token_hex(6)
    secret = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    return secret, prefix, hash_secret(secret)
