"""The HTTP client webhook POSTs go through: one ``httpx.AsyncClient``, keep-alive connections per receiver.

The code speaks httpx only. Under it sits one of two transports, chosen by ``transport``:

- ``"aiohttp"`` (the default): the ``httpx-aiohttp`` transport, aiohttp's connection pool under the httpx API;
- ``"httpx"``: httpx's own pool (httpcore).

bench_worker (P7) measures both in one run; the default is the faster there (see the README's benchmark table).

What a webhook needs and keeps, whichever the transport: TLS with certificate verification (certifi's roots) and
SNI; a connect timeout and one deadline for the whole send (waiting for a free connection, connecting, writing,
reading); at most ``max_connections_per_receiver`` connections to one receiver; redirects never followed (a 3xx
is returned like any status); no cookies kept, no proxy or CA bundle taken from the environment. Response bodies
are read (up to ``MAX_RESPONSE_BYTES``) only so the connection can carry the next POST, and not kept; a longer
body closes the connection instead. A send that fails at the transport (typically a keep-alive connection the
receiver dropped as the POST arrived) is tried once more within the same deadline: the receiver saw at most a
request it de-duplicates by ``webhook-id`` (RFC 9112, 9.3.1.1).
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Callable, Mapping
from functools import lru_cache
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Literal

import aiohttp
import certifi
import httpx
from httpx_aiohttp import AiohttpTransport

MAX_RESPONSE_BYTES = 256 * 1024

Transport = Literal["aiohttp", "httpx"]
TRANSPORTS: tuple[Transport, ...] = ("aiohttp", "httpx")
DEFAULT_TRANSPORT: Transport = "aiohttp"


@lru_cache(maxsize=1)
def default_ssl_context() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=certifi.where())


class PerReceiverTransport(httpx.AsyncBaseTransport):
    """One pool per receiver (scheme, host, port), each holding at most ``limits.max_connections``.

    httpx's ``Limits`` bound a whole pool, not one host; a pool per receiver gives the per-receiver limit, and a
    receiver that hangs fills only its own pool, never the others'. Pools are made at a receiver's first POST;
    each closes its idle connections after ``limits.keepalive_expiry``."""

    def __init__(self, make_pool: Callable[[], httpx.AsyncBaseTransport]) -> None:
        self._make_pool = make_pool
        self._pools: dict[tuple[bytes, bytes, int | None], httpx.AsyncBaseTransport] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        key = (url.raw_scheme, url.raw_host, url.port)
        pool = self._pools.get(key)
        if pool is None:
            pool = self._pools[key] = self._make_pool()
        return await pool.handle_async_request(request)

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            await pool.aclose()


def _pool_factory(
    transport: Transport, limits: httpx.Limits, ssl_context: ssl.SSLContext
) -> Callable[[], httpx.AsyncBaseTransport]:
    if transport == "aiohttp":
        # trust_env=False: the CA roots are ours (certifi), not SSL_CERT_FILE's.
        return lambda: AiohttpTransport(verify=ssl_context, trust_env=False, limits=limits)
    return lambda: httpx.AsyncHTTPTransport(verify=ssl_context, trust_env=False, limits=limits)


class WebhookClient:
    """One ``httpx.AsyncClient``, made in the worker's event loop at the first POST."""

    def __init__(
        self,
        *,
        max_connections_per_receiver: int = 20,
        keepalive_seconds: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
        transport: Transport = DEFAULT_TRANSPORT,
    ) -> None:
        self.max_connections_per_receiver = max_connections_per_receiver
        self.keepalive_seconds = keepalive_seconds
        self.transport = transport
        self._ssl_context = ssl_context
        self._client: httpx.AsyncClient | None = None

    def _get_client(self) -> httpx.AsyncClient:
        if self._client is None or self._client.is_closed:
            limits = httpx.Limits(
                max_connections=self.max_connections_per_receiver,
                max_keepalive_connections=self.max_connections_per_receiver,
                keepalive_expiry=self.keepalive_seconds,
            )
            make_pool = _pool_factory(self.transport, limits, self._ssl_context or default_ssl_context())
            self._client = httpx.AsyncClient(
                transport=PerReceiverTransport(make_pool),
                follow_redirects=False,
                trust_env=False,  # no proxy from the environment
                # A cookie policy accepting no domain: no receiver's Set-Cookie is kept or sent back.
                cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
            )
        return self._client

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
        passes, else ``httpx.HTTPError`` (or, for a URL or header it cannot send, ``httpx.InvalidURL`` or
        ``ValueError``)."""
        client = self._get_client()
        # The deadline is ours (asyncio.timeout), so that the one retry below shares it; httpx's own timeouts
        # apply per read or write, so only the connect timeout is set there.
        timeout = httpx.Timeout(None, connect=min(connect_timeout_seconds, timeout_seconds))
        async with asyncio.timeout(timeout_seconds):
            for retried in (False, True):
                try:
                    return await _post_once(client, url, headers, body, timeout)
                except httpx.TransportError:
                    # Not only "server disconnected": the aiohttp transport reports a dropped keep-alive
                    # connection as a connect error. A second try of anything else costs one more attempt.
                    if retried:
                        raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


async def _post_once(
    client: httpx.AsyncClient, url: str, headers: Mapping[str, str], body: bytes, timeouts: httpx.Timeout
) -> int:
    try:
        async with client.stream("POST", url, content=body, headers=headers, timeout=timeouts) as response:
            await _drain(response)
            return response.status_code
    except aiohttp.ClientError as exc:
        # The one aiohttp name in our code: httpx-aiohttp maps only some of aiohttp's errors to httpx's and lets
        # the others through (a malformed response arrives as aiohttp's ClientResponseError). They are the
        # receiver's faults, like httpx's protocol errors.
        raise httpx.RemoteProtocolError(type(exc).__name__) from exc


async def _drain(response: httpx.Response) -> None:
    """Read the body so the connection can be reused; past the cap, stop (closing the response before its end
    closes the connection, with either transport). A body that runs until the receiver closes is not waited
    for: its connection cannot be reused anyway."""
    length = response.headers.get("Content-Length")
    if length is None:
        if "chunked" not in response.headers.get("Transfer-Encoding", "").lower():
            return
    elif not length.isdigit() or int(length) > MAX_RESPONSE_BYTES:
        return
    read = 0
    async for chunk in response.aiter_raw():
        read += len(chunk)
        if read > MAX_RESPONSE_BYTES:
            return
