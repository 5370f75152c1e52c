"""Webhook POSTs as a receiver sees them: signed headers, keep-alive reuse, bodies drained or not, stale
connections, per-receiver limits, timeouts, redirects not followed, TLS verified; and the outcome each gives.

Every test runs over both transports under httpx (the httpx-aiohttp transport and httpx's own pool): the
properties hold for either; only the error class an outcome names differs (``ERRORS``).

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

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from oversight_worker.channels import send_webhook
from oversight_worker.webhooks import MAX_RESPONSE_BYTES, TRANSPORTS, Transport, WebhookClient
from tests.sinks import WebhookSink

# The class of the underlying error each transport reports (an outcome names it, never its message).
ERRORS: dict[Transport, dict[str, str]] = {
    "aiohttp": {
        "dropped": "ServerDisconnectedError",
        "refused": "ClientConnectorError",
        "untrusted": "ClientConnectorCertificateError",
    },
    "httpx": {"dropped": "RemoteProtocolError", "refused": "ConnectError", "untrusted": "ConnectError"},
}
# What sending a header that would split the request raises, before anything is written.
HEADER_REFUSED: dict[Transport, type[Exception]] = {"aiohttp": ValueError, "httpx": httpx.LocalProtocolError}

HEADERS = {"Content-Type": "application/json", "Idempotency-Key": "n-1"}
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


@pytest.fixture(params=TRANSPORTS)
def transport(request: pytest.FixtureRequest) -> Transport:
    name: Transport = request.param
    return name


@dataclass(frozen=True)
class Endpoint:
    url: str
    secret: str = "whsec_test"
    previous_secret: str | None = None
    previous_secret_expires_at: dt.datetime | None = None
    deleted_at: dt.datetime | None = None


async def send(client: WebhookClient, url: str, seconds: float = 5.0) -> tuple[str, int | None, str | None]:
    now = dt.datetime.now(dt.UTC)
    outcome = await send_webhook(
        client, Endpoint(url), b'{"id": "n-1"}', "n-1", "review_reminder", now, seconds
    )
    return outcome.result, outcome.status_code, outcome.error


async def test_a_post_carries_the_signature_headers_and_reuses_the_connection(
    hooks: WebhookSink, transport: Transport
) -> None:
    client = WebhookClient(transport=transport)
    try:
        for _ in range(3):
            assert await send(client, hooks.url("/c")) == ("delivered", 200, None)
    finally:
        await client.aclose()
    got = hooks.for_path("/c")
    assert len(got) == 3 and got[0].body == b'{"id": "n-1"}'
    assert got[0].headers["host"] == f"127.0.0.1:{hooks.port}"
    assert got[0].headers["webhook-id"] == got[0].headers["idempotency-key"] == "n-1"
    assert got[0].headers["oversight-event"] == "review_reminder"
    assert got[0].headers["webhook-signature"].startswith("v1,")
    assert got[0].headers["webhook-timestamp"].isdigit()
    assert got[0].headers["content-length"] == "13"

    async with receiver(answer(OK)) as server:
        client = WebhookClient(transport=transport)
        for _ in range(5):
            assert await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) == 200
        await client.aclose()
    assert server.connections == 1 and len(server.requests) == 5
    assert server.requests[0].startswith(b"POST /hook HTTP/1.1\r\n")


async def test_5xx_and_429_are_retried_other_4xx_and_redirects_fail_without_being_followed(
    hooks: WebhookSink, transport: Transport
) -> None:
    hooks.responses["/moved"] = [301]
    hooks.responses["/down"] = [503]
    hooks.responses["/busy"] = [429]
    hooks.responses["/gone"] = [410]
    client = WebhookClient(transport=transport)
    assert await send(client, hooks.url("/moved")) == ("failed", 301, "HTTP 301")
    assert await send(client, hooks.url("/down")) == ("retry", 503, "HTTP 503")
    assert await send(client, hooks.url("/busy")) == ("retry", 429, "HTTP 429")
    assert await send(client, hooks.url("/gone")) == ("failed", 410, "HTTP 410")
    await client.aclose()
    assert len(hooks.received) == 4  # the redirect's Location was not asked for


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
        (b"HTTP/1.1 500 Oops\r\nContent-Length: 5\r\n\r\nerror", 500, True),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\n\r\n", 200, False),  # not read: closed
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % (MAX_RESPONSE_BYTES + 1)
            + b"x" * (MAX_RESPONSE_BYTES + 1),
            200,
            False,
        ),
    ],
)
async def test_response_bodies_are_drained_to_reuse_the_connection_or_it_is_closed(
    response: bytes, status: int, reused: bool, transport: Transport
) -> None:
    async with receiver(answer(response)) as server:
        client = WebhookClient(transport=transport)
        assert await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) == status
        assert await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) == status
        await client.aclose()
    if transport == "httpx" and response.startswith(b"HTTP/1.1 100 "):
        # httpx's own pool (h11) answers correctly after an unasked-for 100 Continue but does not reuse that
        # connection: a known difference from aiohttp's, pinned here so a change shows.
        reused = False
    assert server.connections == (1 if reused else 2)


async def test_a_body_until_close_is_not_waited_for(transport: Transport) -> None:
    async with receiver(answer(b"HTTP/1.1 200 OK\r\n\r\nand so on")) as server:
        client = WebhookClient(transport=transport)
        started = time.monotonic()
        assert await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) == 200
        assert await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) == 200
        assert time.monotonic() - started < 2
        await client.aclose()
    assert server.connections == 2


@pytest.mark.parametrize(
    "response",
    [
        b"SMTP/1.1 200 OK\r\n\r\n",
        b"HTTP/1.1 2000 OK\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ],
)
async def test_malformed_responses_are_retried_naming_only_the_error_class(
    response: bytes, transport: Transport
) -> None:
    async with receiver(answer(response, keep=False)) as server:
        client = WebhookClient(transport=transport)
        result, code, error = await send(client, server.url())
        await client.aclose()
    assert result == "retry" and code is None and error is not None
    assert error.startswith("connection error (") and error.endswith(")")
    assert " " not in error.removeprefix("connection error (")  # a class name, no message or body


async def test_an_idle_connection_the_receiver_closed_is_replaced(transport: Transport) -> None:
    async with receiver(answer(OK, keep=False)) as server:  # answers, then closes
        client = WebhookClient(transport=transport)
        for _ in range(3):
            assert await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) == 200
            await asyncio.sleep(0.05)  # the close reaches the client's event loop
        await client.aclose()
    assert server.connections == 3 and len(server.requests) == 3


async def test_a_reused_connection_dropped_before_any_reply_is_retried_once_on_a_new_one(
    transport: Transport,
) -> None:
    async def reply(conn: int, n: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        if n == 2:  # the receiver's keep-alive timer fired as the request arrived
            return False
        writer.write(OK)
        await writer.drain()
        return True

    async with receiver(reply) as server:
        client = WebhookClient(transport=transport)
        assert await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) == 200
        assert await client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) == 200
        await client.aclose()
    # The second request reached the first connection (dropped, unanswered) and then a new one.
    assert server.connections == 2 and len(server.requests) == 3


async def test_a_receiver_that_keeps_dropping_connections_gets_one_retry_then_a_retried_outcome(
    transport: Transport,
) -> None:
    async def drop(conn: int, n: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        return False

    async with receiver(drop) as server:
        client = WebhookClient(transport=transport)
        assert await send(client, server.url()) == (
            "retry",
            None,
            f"connection error ({ERRORS[transport]['dropped']})",
        )
        await client.aclose()
    assert len(server.requests) == 2


async def test_timeouts_and_refused_connections_are_retried(transport: Transport) -> None:
    async def never(conn: int, n: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        await reader.read()  # until the client gives up and closes
        return False

    async with receiver(never) as server:
        client = WebhookClient(transport=transport)
        started = time.monotonic()
        assert await send(client, server.url(), seconds=0.3) == ("retry", None, "timeout (TimeoutError)")
        assert time.monotonic() - started < 2
        await client.aclose()
    client = WebhookClient(transport=transport)
    assert await send(client, "http://127.0.0.1:9/refused") == (
        "retry",
        None,
        f"connection error ({ERRORS[transport]['refused']})",
    )
    for url in ("ftp://example.org/x", "http:///nohost"):
        result, _, error = await send(client, url)
        assert result == "retry" and error is not None and error.startswith("connection error (")
    await client.aclose()


async def test_a_header_that_would_split_the_request_is_never_sent(transport: Transport) -> None:
    async with receiver(answer(OK)) as server:
        client = WebhookClient(transport=transport)
        with pytest.raises(HEADER_REFUSED[transport]):
            await client.post(server.url(), {"X-Bad": "a\r\nInjected: 1"}, b"{}", timeout_seconds=2)
        await client.aclose()
    assert server.requests == []


async def test_connections_per_receiver_are_limited_and_waiting_counts_against_the_timeout(
    transport: Transport,
) -> None:
    async def slow(conn: int, n: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        await asyncio.sleep(0.1)
        writer.write(OK)
        await writer.drain()
        return True

    async with receiver(slow) as server:
        client = WebhookClient(max_connections_per_receiver=2, transport=transport)
        codes = await asyncio.gather(
            *(client.post(server.url(), HEADERS, b"{}", timeout_seconds=5) for _ in range(8))
        )
        assert codes == [200] * 8
        assert server.most_open == 2 and server.connections == 2

        started = time.monotonic()
        sends = asyncio.gather(
            *(client.post(server.url(), HEADERS, b"{}", timeout_seconds=0.15) for _ in range(6)),
            return_exceptions=True,
        )
        # Just before the deadline, six sends competing for two connections have opened no other. (After it,
        # a send cancelled on its connection closes it, and a waiter whose own deadline is a moment later may
        # open one before this server, in the same event loop, has seen the close: counted here it would
        # look like a third connection.)
        await asyncio.sleep(0.13)
        assert server.open_now == 2 and server.most_open == 2 and server.connections == 2
        results = await sends
        elapsed = time.monotonic() - started
        await client.aclose()
    # The two connections' first turns succeed; the others time out, waiting or answering, at the deadline.
    assert results.count(200) == 2
    assert all(isinstance(r, TimeoutError) for r in results if r != 200)
    assert elapsed < 1


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


async def test_tls_verifies_the_receiver_certificate(tmp_path: Path, transport: Transport) -> None:
    server_context, trusting = _self_signed(tmp_path)
    async with receiver(answer(OK), ssl_context=server_context) as server:
        url = f"https://127.0.0.1:{server.port}/hook"
        default = WebhookClient(transport=transport)
        result, _, error = await send(default, url)  # not signed by a known authority
        assert (result, error) == ("retry", f"connection error ({ERRORS[transport]['untrusted']})")
        await default.aclose()
        client = WebhookClient(ssl_context=trusting, transport=transport)
        assert await client.post(url, HEADERS, b"{}", timeout_seconds=5) == 200
        assert await client.post(url, HEADERS, b"{}", timeout_seconds=5) == 200
        await client.aclose()
    # The refused handshake never became a connection; the trusting client's two POSTs shared one.
    assert server.connections == 1 and len(server.requests) == 2
