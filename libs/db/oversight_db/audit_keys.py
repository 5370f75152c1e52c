"""The audit trail's HMAC keys: a secret the database never holds, so a database superuser who rewrites an event
cannot compute a hash that verifies.

A key is ``<key id>:<secret>``. Each event stores the id of the key that hashed it, so keys rotate: the new key
becomes ``OVERSIGHT_AUDIT_KEY`` and the old ones move to ``OVERSIGHT_AUDIT_PREVIOUS_KEYS``, where verification
still finds them. Outside production an unset key is generated once and kept under the data directory (0600),
so ``make run`` needs no configuration; production refuses to start without one (``Settings``).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from oversight_db.settings import Settings, get_settings

KEY_ID = re.compile(r"^[A-Za-z0-9._-]{1,32}$")
MIN_SECRET_CHARS = 32
DEV_KEY_FILE = "audit.key"


class AuditKeyError(ValueError):
    """A malformed key setting. The message names the setting, never the secret."""


@dataclass(frozen=True)
class Keyring:
    current_id: str
    keys: dict[str, bytes] = field(repr=False)

    def sign(self, message: bytes, key_id: str | None = None) -> str:
        key = self.keys[key_id or self.current_id]
        return hmac.new(key, message, hashlib.sha256).hexdigest()

    def check(self, message: bytes, key_id: str | None, digest: str) -> bool | None:
        """True/False: does ``digest`` match; None: the key id is not configured here."""
        if key_id is None or key_id not in self.keys:
            return None
        return hmac.compare_digest(self.sign(message, key_id), digest)


def parse_key(value: str, setting: str) -> tuple[str, bytes]:
    key_id, sep, secret = value.strip().partition(":")
    if not sep or not KEY_ID.match(key_id):
        raise AuditKeyError(
            f"{setting}: expected '<key id>:<secret>' with a key id of [A-Za-z0-9._-]{{1,32}}"
        )
    if len(secret) < MIN_SECRET_CHARS:
        raise AuditKeyError(f"{setting}: the secret must be at least {MIN_SECRET_CHARS} characters")
    return key_id, secret.encode()


def _dev_key(data_dir: Path) -> str:
    """The generated development key. The API and the worker may start together: the first to link the file
    wins and the other reads it, so both sign with one key."""
    path = data_dir / DEV_KEY_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_hex(32)
        key_id = "dev-" + hashlib.sha256(secret.encode()).hexdigest()[:8]
        tmp = data_dir / f".{DEV_KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(f"{key_id}:{secret}\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text().strip()


def load_keyring(settings: Settings) -> Keyring:
    if settings.audit_key is not None:
        current_id, current = parse_key(settings.audit_key.get_secret_value(), "OVERSIGHT_AUDIT_KEY")
    elif settings.environment == "production":
        raise AuditKeyError("OVERSIGHT_AUDIT_KEY must be set in production")
    else:
        current_id, current = parse_key(_dev_key(settings.data_dir), str(settings.data_dir / DEV_KEY_FILE))
    keys: dict[str, bytes] = {}
    if settings.audit_previous_keys is not None:
        for item in settings.audit_previous_keys.get_secret_value().split(","):
            if item.strip():
                key_id, secret = parse_key(item, "OVERSIGHT_AUDIT_PREVIOUS_KEYS")
                keys[key_id] = secret
    keys[current_id] = current
    return Keyring(current_id, keys)


_keyring: Keyring | None = None


def current_keyring() -> Keyring:
    """This process's keys, loaded once from the settings (``use_keyring`` overrides, e.g. in tests)."""
    global _keyring
    if _keyring is None:
        _keyring = load_keyring(get_settings())
    return _keyring


def use_keyring(keyring: Keyring | None) -> None:
    global _keyring
    _keyring = keyring
