"""structlog JSON logs for every process.

Request and job ids ride in contextvars. Exceptions are logged as their type and stack frames only: an
exception's message can quote row values (an integrity error names the duplicate member id), and member
data must never reach a log.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import logging
import sys
import threading
import time
import traceback
from collections.abc import Iterator, MutableMapping
from typing import Any

import orjson
import structlog


def _exception_without_messages(exc: BaseException) -> str:
    lines: list[str] = []
    te: traceback.TracebackException | None = traceback.TracebackException.from_exception(exc)
    chain: list[traceback.TracebackException] = []
    while te is not None:
        chain.append(te)
        te = te.__cause__ or te.__context__
    for link in reversed(chain):
        lines.append("Traceback (most recent call last):\n")
        lines.extend(link.stack.format())
        lines.append(f"{link.exc_type.__module__}.{link.exc_type.__qualname__}\n" if link.exc_type else "\n")
    return "".join(lines)


def redact_exceptions(logger: Any, method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    exc_info = event.pop("exc_info", None)
    if exc_info:
        if exc_info is True:
            exc_info = sys.exc_info()
        exc = exc_info if isinstance(exc_info, BaseException) else exc_info[1]
        if exc is not None:
            event["exception"] = _exception_without_messages(exc)
    return event


class _Lines:
    """The one writer of log lines, to whatever ``sys.stderr`` is now (a cached stream object would
    outlive redirects), in the order they were logged.

    Access lines (:func:`log_request`, one per request) are rendered and written in batches: at most
    ``FLUSH_AFTER_S`` after the first waiting line, when ``FLUSH_AT_LINES`` wait, before any other line,
    at shutdown (:func:`flush_logs`, called by the API's lifespan) and at exit. Rendering and writing a
    line in the middle of a request cost ~7 us of the API's ~40 us per-request overhead (P1); in a batch
    it is a fraction of that. What a hard kill can lose is the last 0.1 s of access lines, never a warning
    or an error, which are written at once.
    """

    FLUSH_AFTER_S = 0.1
    FLUSH_AT_LINES = 256

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: list[str | _AccessRecord] = []
        self._timer_loop: asyncio.AbstractEventLoop | None = None

    def write(self, line: str) -> None:
        with self._lock:
            self._waiting.append(line)
            self._write_waiting()

    def defer(self, line: str | _AccessRecord) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop to flush later from
            loop = None
        with self._lock:
            self._waiting.append(line)
            if loop is None or len(self._waiting) >= self.FLUSH_AT_LINES:
                self._write_waiting()
                return
            if self._timer_loop is loop:
                return
            self._timer_loop = loop  # a timer left on a closed loop is replaced by one on this loop
        loop.call_later(self.FLUSH_AFTER_S, self._on_timer)

    def flush(self) -> None:
        with self._lock:
            self._write_waiting()

    def _on_timer(self) -> None:
        with self._lock:
            self._timer_loop = None
            self._write_waiting()

    def _write_waiting(self) -> None:
        if not self._waiting:
            return
        text = "\n".join(x if isinstance(x, str) else _render_access(x) for x in self._waiting) + "\n"
        self._waiting.clear()
        sys.stderr.write(text)
        sys.stderr.flush()


_lines = _Lines()
atexit.register(_lines.flush)


def flush_logs() -> None:
    """Write the access lines still waiting (see :class:`_Lines`)."""
    _lines.flush()


class _StderrLogger:
    def msg(self, message: str) -> None:
        _lines.write(message)

    debug = info = warning = warn = error = critical = exception = fatal = log = msg


def _stderr_logger(*args: Any) -> _StderrLogger:
    return _StderrLogger()


def _dumps(obj: Any, **kw: Any) -> str:
    """orjson for log lines (several times faster than ``json.dumps``); the standard library for what
    orjson refuses (integers beyond 64 bits, non-string keys)."""
    try:
        return orjson.dumps(obj, default=kw.get("default")).decode()
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return json.dumps(obj, **kw)


class _Pipeline:
    """The configured processors, kept so the access line can run them without a bound logger."""

    processors: tuple[Any, ...] = ()
    info_enabled = True
    json = True  # the processors are configure_logging's JSON chain (log_request renders it inline)


_pipeline = _Pipeline()


def configure_logging(level: str = "info", json: bool = True) -> None:
    renderer: Any = (
        structlog.processors.JSONRenderer(serializer=_dumps)
        if json
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    processors = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        redact_exceptions,
        renderer,
    ]
    numeric_level = logging.getLevelName(level.upper())
    structlog.configure(
        processors=processors,
        wrapper_class=structlog.make_filtering_bound_logger(numeric_level),
        logger_factory=_stderr_logger,
        cache_logger_on_first_use=True,
    )
    _pipeline.processors = tuple(processors)
    _pipeline.info_enabled = numeric_level <= logging.INFO
    _pipeline.json = json
    _route_library_logs(processors[:-1], renderer, numeric_level)


# Loggers that libraries configure with handlers of their own (uvicorn's default log config does, when it is
# not given ``log_config=None``): their records must reach the root handler below, not print themselves.
_LIBRARY_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.asgi", "arq", "arq.worker", "sqlalchemy", "asyncio")


class _LinesHandler(logging.Handler):
    """Writes formatted library records through the same writer as structlog's lines (one order)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            _lines.write(self.format(record))
        except Exception:  # pragma: no cover - logging must never raise into the caller
            self.handleError(record)


def _route_library_logs(pre_chain: list[Any], renderer: Any, level: int) -> None:
    """Every stdlib logger in the process (uvicorn's, arq's, SQLAlchemy's, the root) goes through our
    processors: exception messages dropped (:func:`redact_exceptions`), and a message's arguments that are
    exceptions written as their type only (:func:`_foreign_message`) - a library's "job failed: %s" or
    "Exception in ASGI application" must not print an integrity error's row values."""
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[_foreign_message, *pre_chain],
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        use_get_message=False,
        pass_foreign_args=True,
    )
    handler = _LinesHandler()
    handler.setFormatter(formatter)
    root = logging.getLogger()
    # Ours replaces the one an earlier call installed; other root handlers (a test runner's capture) stay.
    root.handlers[:] = [h for h in root.handlers if not isinstance(h, _LinesHandler)] + [handler]
    root.setLevel(level)
    for name in _LIBRARY_LOGGERS:
        library = logging.getLogger(name)
        library.handlers.clear()
        library.propagate = True
    # httpx writes every URL it requests at info (a receiver's URL can carry a token in its query).
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
    # uvicorn's access log would repeat what our middleware logs, with raw paths and query strings.
    logging.getLogger("uvicorn.access").disabled = True


def _foreign_message(logger: Any, method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """A library record's message from its template, with exception arguments replaced by their type."""
    args = event.pop("positional_args", ())
    record = event.get("_record")
    template = record.msg if record is not None else event.get("event", "")
    if isinstance(template, BaseException):  # logger.error(exc)
        event["event"] = f"<{type(template).__name__}>"
    elif args:
        items = args if isinstance(args, tuple) else (args,)
        safe = tuple(f"<{type(a).__name__}>" if isinstance(a, BaseException) else a for a in items)
        try:
            event["event"] = str(template) % (safe if isinstance(args, tuple) else safe[0])
        except (TypeError, ValueError, KeyError):
            event["event"] = str(template)
    if record is not None:
        event["logger"] = record.name
    return event


def log_request(method: str, route: str, status: int, ms: float) -> None:
    """The API's access line, ``request`` at info level: one per request (see benchmark P1).

    With JSON logs it does what configure_logging's processors do (merge the contextvars, add the level
    and the UTC ISO timestamp, render with orjson) - the same line, in the same key order - in two steps:
    the values now, the rendering when its batch is written (:class:`_Lines`). Otherwise it runs the
    configured processors directly.
    """
    if not _pipeline.info_enabled:
        return
    if _pipeline.json:  # what the line needs is taken now; it is rendered with its batch
        _lines.defer((method, route, status, ms, time.time(), tuple(_bound_contextvars())))
        return
    event: Any = {"method": method, "route": route, "status": status, "ms": ms, "event": "request"}
    for processor in _pipeline.processors:
        event = processor(None, "info", event)
    _lines.defer(event)


# method, route template, status, milliseconds, time.time() at the end of the request, bound context
_AccessRecord = tuple[str, str, int, float, float, tuple[tuple[str, Any], ...]]


def _render_access(record: _AccessRecord) -> str:
    method, route, status, ms, at, bound = record
    event: Any = {"method": method, "route": route, "status": status, "ms": ms, "event": "request"}
    for key, value in bound:
        event.setdefault(key, value)
    event["level"] = "info"
    event["timestamp"] = _utc_timestamp(at)
    return _dumps(event, default=_json_fallback)


_second: tuple[int, str] = (0, "")


def _utc_timestamp(now: float) -> str:
    """What ``TimeStamper(fmt="iso", utc=True)`` writes (``2026-11-23T21:51:03.109956Z``) for the
    ``time.time()`` value ``now``, at half the cost: the date and time of day are formatted once a second."""
    global _second
    whole = int(now)
    if whole != _second[0]:
        _second = (whole, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole)))
    return f"{_second[1]}.{int((now - whole) * 1_000_000):06d}Z"


_STRUCTLOG_VARS: dict[str, Any] | None = getattr(structlog.contextvars, "_CONTEXT_VARS", None)
_PREFIX_LEN = len(structlog.contextvars.STRUCTLOG_KEY_PREFIX)


def _bound_contextvars() -> Iterator[tuple[str, Any]]:
    """What ``structlog.contextvars.get_contextvars()`` returns, without copying and scanning every
    context variable of the task (asyncio, anyio and httpx set several; ~4 us per access line): structlog
    keeps its own variables in one registry, read here when this structlog has it."""
    if _STRUCTLOG_VARS is None:  # pragma: no cover - a structlog without the registry
        yield from structlog.contextvars.get_contextvars().items()
        return
    for name, var in _STRUCTLOG_VARS.items():
        value = var.get(Ellipsis)
        if value is not Ellipsis:
            yield name[_PREFIX_LEN:], value


def _json_fallback(obj: Any) -> Any:
    # what structlog's JSONRenderer does with values JSON cannot hold
    return obj.__structlog__() if hasattr(obj, "__structlog__") else repr(obj)
