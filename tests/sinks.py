"""Local receivers for what the worker sends: an HTTP webhook sink and an SMTP server (aiosmtpd)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.servers import free_port


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    status: int


@dataclass
class WebhookSink:
    """Records every POST; ``responses[path]`` is a list of status codes answered in turn (last repeats)."""

    port: int = 0
    received: list[Received] = field(default_factory=list)
    responses: dict[str, list[int]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Paths (or every path: ``hang_all``) whose POSTs are read and never answered until ``release`` is set:
    # a receiver that hangs until the sender's timeout.
    hanging: set[str] = field(default_factory=set)
    hang_all: bool = False
    release: threading.Event = field(default_factory=threading.Event)

    def hangs(self, path: str) -> bool:
        return self.hang_all or path in self.hanging

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def next_status(self, path: str) -> int:
        with self.lock:
            queue = self.responses.get(path)
            if not queue:
                return 200
            return queue.pop(0) if len(queue) > 1 else queue[0]

    def record(self, item: Received) -> None:
        with self.lock:
            self.received.append(item)

    def for_path(self, path: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.path == path]

    def idempotency_keys(self) -> list[str]:
        with self.lock:
            return [r.headers.get("idempotency-key", "") for r in self.received]

    def clear(self) -> None:
        with self.lock:
            self.received.clear()
            self.responses.clear()


def _handler(sink: WebhookSink) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, like a real receiver
        # Like a real server: the reply leaves in one write with Nagle off. Written unbuffered with Nagle on,
        # the body waited for the sender's delayed ACK of the headers (~40 ms per POST on Linux).
        disable_nagle_algorithm = True
        wbufsize = -1

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            if sink.hangs(self.path):
                sink.record(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body, 0))
                sink.release.wait(120)
                self.close_connection = True  # never answered
                return
            status = sink.next_status(self.path)
            sink.record(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body, status))
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a sender killed mid-request (the fault tests do that) resets its connection


@contextlib.contextmanager
def webhook_sink() -> Iterator[WebhookSink]:
    sink = WebhookSink(port=free_port())
    server = _QuietServer(("127.0.0.1", sink.port), _handler(sink))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield sink
    finally:
        sink.release.set()
        server.shutdown()
        server.server_close()


@dataclass
class MailSink:
    port: int
    messages: list[Message] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@contextlib.contextmanager
def smtp_sink() -> Iterator[MailSink]:
    from aiosmtpd.controller import Controller

    sink = MailSink(port=free_port())

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            with sink.lock:
                sink.messages.append(message_from_bytes(envelope.original_content or envelope.content))
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()
