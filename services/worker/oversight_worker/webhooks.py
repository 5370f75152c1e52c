"""The HTTP client webhook POSTs go through: an aiohttp session with keep-alive connections per receiver.

aiohttp, not httpx: httpcore's pool costs ~1.1-1.6 ms of CPU per POST even sized to the per-receiver limit
(20 connections), aiohttp's ~0.1 ms, which keeps one worker above P7's 500 notices/s (bench_worker).

What a webhook needs and keeps: TLS with certificate verification and SNI (certifi's roots when installed);
a connect timeout and one deadline for the whole send (waiting for a free connection, connecting, writing,
reading); at most ``max_connections_per_receiver`` connections to one receiver; redirects are never followed
(a 3xx is returned like any status); no cookies kept between receivers' answers, no proxy from the
environment. Response bodies are read (up to ``MAX_RESPONSE_BYTES``) only so the connection can carry the
next POST, and not kept; a longer body closes the connection instead. A connection the receiver dropped
before answering (its keep-alive timer fired as the POST arrived) is retried once within the same deadline:
the receiver saw at most a request it de-duplicates by ``Idempotency-Key`` (RFC 9112, 9.3.1.1).
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Mapping
from functools import lru_cache

import aiohttp
import certifi

MAX_RESPONSE_BYTES = 256 * 1024


@lru_cache(maxsize=1)
def default_ssl_context() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=certifi.where())


class WebhookClient:
    """One aiohttp session, made in the worker's event loop at the first POST."""

    def __init__(
        self,
        *,
        max_connections_per_receiver: int = 20,
        keepalive_seconds: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.max_connections_per_receiver = max_connections_per_receiver
        self.keepalive_seconds = keepalive_seconds
        self._ssl_context = ssl_context
        self._session: aiohttp.ClientSession | None = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(
                limit=0,  # no overall limit; the limit is per receiver
                limit_per_host=self.max_connections_per_receiver,
                keepalive_timeout=self.keepalive_seconds,
                ssl=self._ssl_context or default_ssl_context(),
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),
                auto_decompress=False,
                trust_env=False,
            )
        return self._session

    async def post(
        self,
        url: str,
        headers: Mapping[str, str],
        body: bytes,
        *,
        timeout_seconds: float,
        connect_timeout_seconds: float = 5.0,
    ) -> int:
        """POST ``body`` to ``url``; the response's status code. Raises ``TimeoutError`` when the deadline
        passes, else ``aiohttp.ClientError`` (or ``ValueError`` for a URL or header it cannot send)."""
        session = self._get_session()
        # The deadline is ours (asyncio.timeout) so that the one retry below shares it.
        timeout = aiohttp.ClientTimeout(
            total=None, connect=None, sock_connect=min(connect_timeout_seconds, timeout_seconds)
        )
        async with asyncio.timeout(timeout_seconds):
            for retried in (False, True):
                try:
                    async with session.post(
                        url, data=body, headers=headers, allow_redirects=False, timeout=timeout
                    ) as response:
                        await _drain(response)
                        return response.status
                except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError) as exc:
                    # A connect failure is not a dropped connection: not retried.
                    if retried or isinstance(exc, aiohttp.ClientConnectorError):
                        raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


async def _drain(response: aiohttp.ClientResponse) -> None:
    """Read the body so the connection can be reused; past the cap, stop (leaving the connection to be
    closed, which aiohttp does for a response not read to its end). A body that runs until the receiver
    closes is not waited for: its connection cannot be reused anyway."""
    if response.content_length is None:
        if "chunked" not in response.headers.get("Transfer-Encoding", "").lower():
            return
    elif response.content_length > MAX_RESPONSE_BYTES:
        return
    read = 0
    while chunk := await response.content.read(64 * 1024):
        read += len(chunk)
        if read > MAX_RESPONSE_BYTES:
            return
