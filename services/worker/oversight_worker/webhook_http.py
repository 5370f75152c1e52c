"""A small HTTP/1.1 client for webhook POSTs: keep-alive connections per origin and nothing else.

httpcore's pool walked every pooled connection on each request (expiry checks, a readability poll per idle
socket) and built request/response models and h11 events around a few hundred bytes: about 0.4-1.5 ms of
CPU per POST with 20 connections, ~10x what the POST itself costs (bench_worker, P7). Here a request takes
an idle connection of its origin (or opens one, up to a per-origin limit), writes the request in one
write and reads the status line, headers and body.

What a webhook needs and keeps: TLS with certificate verification and SNI (the default context, certifi's
roots when installed); a connect timeout and one deadline for writing the request and reading the
response; a limit on connections per receiver; redirects are never followed (a 3xx is returned like any
status). Response bodies are read only to reuse the connection (and not kept); an oversized, unframed or
malformed response closes the connection. A connection the receiver closed while idle is replaced before
use, and a reused connection that fails before any byte of a response arrives is retried once on a new
connection: the receiver saw at most a request it de-duplicates by ``Idempotency-Key``.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_BYTES = 256 * 1024  # read to reuse the connection; a longer body closes it instead


class WebhookHTTPError(Exception):
    """Base of the transport failures ``post`` raises; the class name says which (it ends up in
    ``last_error``, never a message or a body)."""


class WebhookTimeout(WebhookHTTPError):
    pass


class PoolTimeout(WebhookTimeout):
    pass


class ConnectTimeout(WebhookTimeout):
    pass


class ReadTimeout(WebhookTimeout):
    pass


class ConnectError(WebhookHTTPError):
    pass


class ReadError(WebhookHTTPError):
    pass


class RemoteProtocolError(WebhookHTTPError):
    pass


class UnsupportedURL(WebhookHTTPError):
    pass


class LocalProtocolError(WebhookHTTPError):
    pass


class _Stale(Exception):
    """A reused connection failed before any response byte: the receiver had closed it."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    host_header: bytes
    path: bytes

    @property
    def origin(self) -> tuple[str, str, int]:
        return (self.scheme, self.host, self.port)


@lru_cache(maxsize=4096)
def parse_url(url: str) -> Target:
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError as exc:
        raise UnsupportedURL() from exc
    if parts.scheme not in ("http", "https") or not host:
        raise UnsupportedURL()
    default = 443 if parts.scheme == "https" else 80
    shown = f"[{host}]" if ":" in host else host
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        host_header = (shown if port in (None, default) else f"{shown}:{port}").encode("ascii")
        target = path.encode("ascii")
    except UnicodeEncodeError as exc:
        raise UnsupportedURL() from exc
    if any(c in target for c in b" \r\n") or any(c in host_header for c in b" \r\n/"):
        raise UnsupportedURL()
    return Target(parts.scheme, host, port or default, host_header, target)


def _check_header(name: bytes, value: bytes) -> None:
    if not name or any(c in name for c in b" \t\r\n:") or b"\r" in value or b"\n" in value:
        raise LocalProtocolError()


def request_bytes(target: Target, headers: Sequence[tuple[bytes, bytes]], body: bytes) -> bytes:
    lines = [b"POST " + target.path + b" HTTP/1.1", b"Host: " + target.host_header]
    for name, value in headers:
        _check_header(name, value)
        lines.append(name + b": " + value)
    lines.append(b"Content-Length: " + str(len(body)).encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


@dataclass
class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    idle_since: float = 0.0

    def usable(self, now: float, expiry: float) -> bool:
        """No syscall: an idle connection the receiver closed or reset has had its EOF or error delivered
        by the event loop already; bytes it sent unasked (a 408 before closing) leave it out of step."""
        reader = self.reader
        return (
            now - self.idle_since < expiry
            and not reader.at_eof()
            and reader.exception() is None
            and not getattr(reader, "_buffer", b"")
            and not self.writer.is_closing()
        )

    def close(self) -> None:
        self.writer.close()


@dataclass
class _Origin:
    idle: list[_Connection] = field(default_factory=list)
    open: int = 0
    waiters: deque[asyncio.Future[None]] = field(default_factory=deque)

    def wake_one(self) -> None:
        while self.waiters:
            waiter = self.waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return


async def _read_head(reader: asyncio.StreamReader, first: bool) -> bytes:
    try:
        return await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if first and not exc.partial:
            raise _Stale() from None
        raise ReadError() from None
    except asyncio.LimitOverrunError:
        raise RemoteProtocolError() from None
    except (ConnectionResetError, BrokenPipeError):
        if first:
            raise _Stale() from None
        raise ReadError() from None


def _parse_head(head: bytes) -> tuple[bytes, int, dict[bytes, list[bytes]]]:
    lines = head[:-4].split(b"\r\n")
    status_line = lines[0].split(b" ", 2)
    if len(status_line) < 2 or not status_line[0].startswith(b"HTTP/1."):
        raise RemoteProtocolError()
    code = status_line[1]
    if len(code) != 3 or not code.isdigit():
        raise RemoteProtocolError()
    headers: dict[bytes, list[bytes]] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(b":")
        if not sep or not name or name != name.strip():
            raise RemoteProtocolError()
        headers.setdefault(name.lower(), []).append(value.strip())
    return status_line[0], int(code), headers


def _tokens(values: list[bytes]) -> set[bytes]:
    return {t.strip().lower() for v in values for t in v.split(b",")}


async def _read_chunked(reader: asyncio.StreamReader) -> bool:
    """Consume a chunked body; False (close the connection) when it is longer than we read."""
    total = 0
    while True:
        size_line = await reader.readuntil(b"\r\n")
        try:
            size = int(size_line.split(b";", 1)[0].strip(), 16)
        except ValueError:
            raise RemoteProtocolError() from None
        if size < 0:
            raise RemoteProtocolError()
        if size == 0:
            while await reader.readuntil(b"\r\n") != b"\r\n":  # trailer fields, then the empty line
                pass
            return True
        total += size
        if total > MAX_BODY_BYTES:
            return False
        await reader.readexactly(size)
        if await reader.readexactly(2) != b"\r\n":
            raise RemoteProtocolError()


async def read_response(reader: asyncio.StreamReader, first: bool = True) -> tuple[int, bool]:
    """The final status of a response to a POST and whether the connection can carry another request."""
    while True:
        version, code, headers = _parse_head(await _read_head(reader, first))
        first = False
        if code >= 200:
            break
        if code == 101:  # we never ask to switch protocols
            raise RemoteProtocolError()
        # 1xx informational responses (100 Continue, 103 Early Hints) have no body: the final one follows.
    connection = _tokens(headers.get(b"connection", []))
    keep_alive = b"close" not in connection if version == b"HTTP/1.1" else b"keep-alive" in connection
    try:
        if code in (204, 304):
            return code, keep_alive
        if b"transfer-encoding" in headers:
            codings = [t for t in _tokens(headers[b"transfer-encoding"]) if t]
            if b"content-length" in headers or codings != [b"chunked"]:
                return code, False  # ambiguous framing or a coding we do not decode: do not reuse
            return code, keep_alive and await _read_chunked(reader)
        if b"content-length" in headers:
            lengths = set(headers[b"content-length"])
            if len(lengths) != 1 or not next(iter(lengths)).isdigit():
                raise RemoteProtocolError()
            length = int(next(iter(lengths)))
            if length > MAX_BODY_BYTES:
                return code, False
            await reader.readexactly(length)
            return code, keep_alive
        return code, False  # the body runs until the receiver closes: nothing to reuse
    except (asyncio.IncompleteReadError, ConnectionResetError, BrokenPipeError):
        raise ReadError() from None
    except asyncio.LimitOverrunError:
        raise RemoteProtocolError() from None


@lru_cache(maxsize=1)
def default_ssl_context() -> ssl.SSLContext:
    try:
        import certifi

        context = ssl.create_default_context(cafile=certifi.where())
    except ImportError:  # pragma: no cover - certifi comes with httpx
        context = ssl.create_default_context()
    context.set_alpn_protocols(["http/1.1"])
    return context


class WebhookClient:
    """Keep-alive HTTP/1.1 connections per origin (scheme, host, port) for webhook POSTs."""

    def __init__(
        self,
        *,
        max_connections_per_origin: int = 20,
        keepalive_expiry: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.max_connections_per_origin = max_connections_per_origin
        self.keepalive_expiry = keepalive_expiry
        self._ssl_context = ssl_context
        self._origins: dict[tuple[str, str, int], _Origin] = {}
        self._closed = False

    async def post(
        self,
        url: str,
        headers: Sequence[tuple[bytes, bytes]],
        body: bytes,
        *,
        timeout_seconds: float,
        connect_timeout_seconds: float = 5.0,
    ) -> int:
        """POST ``body`` to ``url``; the response's status code. Raises a ``WebhookHTTPError``."""
        target = parse_url(url)
        data = request_bytes(target, headers, body)
        origin = self._origins.get(target.origin)
        if origin is None:
            origin = self._origins[target.origin] = _Origin()
        deadline = asyncio.get_running_loop().time() + timeout_seconds
        connect_timeout = min(connect_timeout_seconds, timeout_seconds)
        conn, reused = await self._acquire(origin, target, deadline, connect_timeout, reuse=True)
        while True:
            keep = False
            try:
                try:
                    async with asyncio.timeout_at(deadline):
                        conn.writer.write(data)
                        await conn.writer.drain()
                        code, keep = await read_response(conn.reader)
                except TimeoutError:
                    raise ReadTimeout() from None
                except (ConnectionResetError, BrokenPipeError):
                    raise _Stale() from None
                except OSError:
                    raise ReadError() from None
            except _Stale:
                if not reused:
                    raise ReadError() from None
            else:
                return code
            finally:
                self._release(origin, conn, keep)
            # The receiver had closed the idle connection: once more, on a new one.
            conn, reused = await self._acquire(origin, target, deadline, connect_timeout, reuse=False)

    async def _acquire(
        self, origin: _Origin, target: Target, deadline: float, connect_timeout: float, *, reuse: bool
    ) -> tuple[_Connection, bool]:
        while True:
            now = time.monotonic()
            while origin.idle and (reuse or origin.open >= self.max_connections_per_origin):
                conn = origin.idle.pop()
                if reuse and conn.usable(now, self.keepalive_expiry):
                    return conn, True
                conn.close()
                origin.open -= 1
            if origin.open < self.max_connections_per_origin:
                origin.open += 1
                try:
                    return await self._connect(target, connect_timeout), False
                except BaseException:
                    origin.open -= 1
                    origin.wake_one()
                    raise
            waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            origin.waiters.append(waiter)
            try:
                async with asyncio.timeout_at(deadline):
                    await waiter
            except BaseException as exc:
                if waiter.done() and not waiter.cancelled():
                    origin.wake_one()  # woken as the wait ended: pass the turn on
                else:
                    waiter.cancel()
                if isinstance(exc, TimeoutError):
                    raise PoolTimeout() from None
                raise

    def _release(self, origin: _Origin, conn: _Connection, keep: bool) -> None:
        if keep and not self._closed:
            conn.idle_since = time.monotonic()
            origin.idle.append(conn)
        else:
            conn.close()
            origin.open -= 1
        origin.wake_one()

    async def _connect(self, target: Target, seconds: float) -> _Connection:
        context = None
        if target.scheme == "https":
            context = self._ssl_context or default_ssl_context()
        try:
            async with asyncio.timeout(seconds):
                reader, writer = await asyncio.open_connection(
                    target.host,
                    target.port,
                    ssl=context,
                    server_hostname=target.host if context else None,
                    limit=MAX_HEADER_BYTES,
                )
        except TimeoutError:
            raise ConnectTimeout() from None
        except (OSError, ssl.SSLError):
            raise ConnectError() from None
        return _Connection(reader, writer)

    async def aclose(self) -> None:
        self._closed = True
        for origin in self._origins.values():
            while origin.idle:
                origin.idle.pop().close()
                origin.open -= 1
        self._origins.clear()
