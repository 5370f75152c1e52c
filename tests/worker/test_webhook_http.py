"""The webhook HTTP client: keep-alive reuse, response framing, stale connections, limits, timeouts, TLS.

Receivers here are small asyncio servers that answer exactly what a test scripts (the framing cases need
bytes no ordinary server would send); the plain cases use the tests' webhook sink.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from oversight_worker.webhook_http import (
    ConnectError,
    LocalProtocolError,
    PoolTimeout,
    ReadError,
    ReadTimeout,
    RemoteProtocolError,
    UnsupportedURL,
    WebhookClient,
)
from tests.sinks import WebhookSink

HEADERS = [(b"Content-Type", b"application/json"), (b"Idempotency-Key", b"n-1")]
OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"

Reply = Callable[[int, int, asyncio.StreamReader, asyncio.StreamWriter], Awaitable[bool]]


@dataclass
class Receiver:
    """Counts connections and requests; ``reply(conn_no, request_no, reader, writer)`` answers one request
    and returns whether to keep reading requests on that connection."""

    port: int = 0
    connections: int = 0
    open_now: int = 0
    most_open: int = 0
    requests: list[bytes] = field(default_factory=list)

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"


async def _read_request(reader: asyncio.StreamReader) -> bytes | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, ConnectionError):
        return None
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    return head + await reader.readexactly(length)


@asynccontextmanager
async def receiver(reply: Reply, ssl_context: ssl.SSLContext | None = None) -> AsyncIterator[Receiver]:
    state = Receiver()
    handlers: set[asyncio.Task[None]] = set()
    writers: set[asyncio.StreamWriter] = set()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        handlers.add(task)
        writers.add(writer)
        state.connections += 1
        conn_no = state.connections
        state.open_now += 1
        state.most_open = max(state.most_open, state.open_now)
        try:
            number = 0
            while True:
                request = await _read_request(reader)
                if request is None:
                    break
                number += 1
                state.requests.append(request)
                if not await reply(conn_no, number, reader, writer):
                    break
        finally:
            state.open_now -= 1
            writer.close()
            handlers.discard(task)

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=ssl_context)
    state.port = server.sockets[0].getsockname()[1]
    try:
        yield state
    finally:
        server.close()
        for writer in writers:
            writer.transport.abort()  # the handlers see their connection end
        await asyncio.wait_for(asyncio.gather(*handlers, return_exceptions=True), 5)
        await server.wait_closed()


def answer(data: bytes, keep: bool = True) -> Reply:
    async def reply(conn: int, n: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        writer.write(data)
        await writer.drain()
        return keep

    return reply


async def test_posts_with_host_length_and_headers_and_reuses_the_connection(hooks: WebhookSink) -> None:
    client = WebhookClient()
    try:
        for i in range(3):
            assert await client.post(hooks.url("/c"), HEADERS, b'{"n": %d}' % i, timeout_seconds=5) == 200
    finally:
        await client.aclose()
    got = hooks.for_path("/c")
    assert [r.body for r in got] == [b'{"n": 0}', b'{"n": 1}', b'{"n": 2}']
    assert got[0].headers["host"] == f"127.0.0.1:{hooks.port}"
    assert got[0].headers["idempotency-key"] == "n-1"
    assert got[0].headers["content-length"] == "8"

    async with receiver(answer(OK)) as server:
        client = WebhookClient()
        for _ in range(5):
            assert await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) == 200
        await client.aclose()
    assert server.connections == 1 and len(server.requests) == 5
    assert server.requests[0].startswith(b"POST /hook HTTP/1.1\r\nHost: 127.0.0.1:")


async def test_redirects_are_returned_not_followed(hooks: WebhookSink) -> None:
    hooks.responses["/moved"] = [301]
    client = WebhookClient()
    assert await client.post(hooks.url("/moved"), HEADERS, b"{}", timeout_seconds=5) == 301
    await client.aclose()
    assert len(hooks.received) == 1


@pytest.mark.parametrize(
    ("response", "status", "reused"),
    [
        (
            b"HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n4;x=1\r\nabcd\r\n0\r\nT: v\r\n\r\n",
            202,
            True,
        ),
        (b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", 204, True),
        (b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", 200, False),
        (b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", 200, False),
        (b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", 200, True),
        (b"HTTP/1.1 500 Oops\r\nContent-Length: 5\r\n\r\nerror", 500, True),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\n\r\n", 200, False),  # not read: closed
    ],
)
async def test_response_framing(response: bytes, status: int, reused: bool) -> None:
    async with receiver(answer(response)) as server:
        client = WebhookClient()
        assert await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) == status
        assert await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) == status
        await client.aclose()
    assert server.connections == (1 if reused else 2)


async def test_a_body_until_close_is_not_waited_for() -> None:
    async with receiver(answer(b"HTTP/1.1 200 OK\r\n\r\nand so on")) as server:
        client = WebhookClient()
        assert await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) == 200
        assert await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) == 200
        await client.aclose()
    assert server.connections == 2


@pytest.mark.parametrize(
    "response",
    [
        b"SMTP/1.1 200 OK\r\n\r\n",
        b"HTTP/1.1 2000 OK\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        b"HTTP/1.1 101 Switching Protocols\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ],
)
async def test_malformed_responses_are_protocol_errors(response: bytes) -> None:
    async with receiver(answer(response, keep=False)) as server:
        client = WebhookClient()
        with pytest.raises(RemoteProtocolError):
            await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5)
        await client.aclose()


async def test_an_idle_connection_the_receiver_closed_is_replaced() -> None:
    async with receiver(answer(OK, keep=False)) as server:  # answers, then closes
        client = WebhookClient()
        for _ in range(3):
            assert await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) == 200
            await asyncio.sleep(0.05)  # the close reaches the client's event loop
        await client.aclose()
    assert server.connections == 3 and len(server.requests) == 3


async def test_a_reused_connection_dropped_before_any_reply_is_retried_once_on_a_new_one() -> None:
    async def reply(conn: int, n: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        if n == 2:  # the receiver's keep-alive timer fired as the request arrived
            return False
        writer.write(OK)
        await writer.drain()
        return True

    async with receiver(reply) as server:
        client = WebhookClient()
        assert await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) == 200
        assert await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) == 200
        await client.aclose()
    # The second request reached the first connection (dropped, unanswered) and then a new one.
    assert server.connections == 2 and len(server.requests) == 3


async def test_a_new_connection_dropped_before_any_reply_is_an_error_not_retried() -> None:
    async def drop(conn: int, n: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        return False

    async with receiver(drop) as server:
        client = WebhookClient()
        with pytest.raises(ReadError):
            await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5)
        await client.aclose()
    assert len(server.requests) == 1


async def test_timeouts_and_refused_connections() -> None:
    async def never(conn: int, n: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        await reader.read()  # until the client gives up and closes
        return False

    async with receiver(never) as server:
        client = WebhookClient()
        started = time.monotonic()
        with pytest.raises(ReadTimeout):
            await client.post(server.url(), HEADERS, b"{}", timeout_seconds=0.3)
        assert time.monotonic() - started < 2
        await client.aclose()
    client = WebhookClient()
    with pytest.raises(ConnectError):
        await client.post("http://127.0.0.1:9/refused", HEADERS, b"{}", timeout_seconds=2)
    for url in ("ftp://example.org/x", "http:///nohost", "http://exa mple.org/"):
        with pytest.raises(UnsupportedURL):
            await client.post(url, HEADERS, b"{}", timeout_seconds=2)
    with pytest.raises(LocalProtocolError):
        await client.post("http://127.0.0.1:9/", [(b"X-Bad", b"a\r\nInjected: 1")], b"{}", timeout_seconds=2)
    await client.aclose()


async def test_connections_per_receiver_are_limited_and_waiting_counts_against_the_timeout() -> None:
    async def slow(conn: int, n: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        await asyncio.sleep(0.1)
        writer.write(OK)
        await writer.drain()
        return True

    async with receiver(slow) as server:
        client = WebhookClient(max_connections_per_origin=2)
        codes = await asyncio.gather(
            *(client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) for _ in range(8))
        )
        assert codes == [200] * 8
        assert server.most_open == 2 and server.connections == 2

        results = await asyncio.gather(
            *(client.post(server.url(), HEADERS, b"{}", timeout_seconds=0.15) for _ in range(6)),
            return_exceptions=True,
        )
        await client.aclose()
    # The two connections' first turns succeed; the next two time out answering, the rest waiting.
    assert results.count(200) == 2
    assert {type(r) for r in results if r != 200} <= {PoolTimeout, ReadTimeout}
    assert any(isinstance(r, PoolTimeout) for r in results)


def _self_signed(tmp: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp / "cert.pem", tmp / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert_file, key_file)
    client = ssl.create_default_context(cafile=str(cert_file))
    return server, client


async def test_tls_verifies_the_receiver_certificate(tmp_path: Path) -> None:
    server_context, trusting = _self_signed(tmp_path)
    async with receiver(answer(OK), ssl_context=server_context) as server:
        url = f"https://127.0.0.1:{server.port}/hook"
        default = WebhookClient()
        with pytest.raises(ConnectError):  # not signed by a known authority
            await default.post(url, HEADERS, b"{}", timeout_seconds=5)
        await default.aclose()
        client = WebhookClient(ssl_context=trusting)
        assert await client.post(url, HEADERS, b"{}", timeout_seconds=5) == 200
        assert await client.post(url, HEADERS, b"{}", timeout_seconds=5) == 200
        await client.aclose()
    # The refused handshake never became a connection; the trusting client's two POSTs shared one.
    assert server.connections == 1 and len(server.requests) == 2
