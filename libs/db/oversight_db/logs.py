"""structlog JSON logs for every process.

Request and job ids ride in contextvars. Exceptions are logged as their type and stack frames only: an
exception's message can quote row values (an integrity error names the duplicate member id), and member
data must never reach a log.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
import traceback
from collections.abc import MutableMapping
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


_write_lock = threading.Lock()


def _write_line(line: str) -> None:
    """Write one log line to whatever ``sys.stderr`` is now (a stream cached at start-up would outlive
    redirects, such as a test's capture); one lock for our lines and library records keeps lines whole."""
    with _write_lock:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()


class _StderrLogger:
    def msg(self, message: str) -> None:
        _write_line(message)

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
        # Not cached: configure_logging runs again (each app the tests build, a test that needs info
        # lines), and a module's logger cached on first use would keep the level it first saw.
        cache_logger_on_first_use=False,
    )
    _route_library_logs(processors[:-1], renderer, numeric_level)
    _route_uncaught_exceptions()


def _route_uncaught_exceptions() -> None:
    """An exception nobody caught - one that ends the process, or a thread's - is printed by Python's
    default hooks straight to stderr, message and all; ours log it like any other (type and frames).
    Only Python's defaults are replaced: a hook someone installed on purpose (a test runner's, an error
    tracker's) stays theirs."""
    log = structlog.get_logger("oversight.uncaught")

    def excepthook(exc_type: type[BaseException], exc: BaseException, tb: Any) -> None:
        log.critical("uncaught_exception", error_type=exc_type.__name__, exc_info=exc)

    def thread_excepthook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            thread = args.thread.name if args.thread else None
            log.error(
                "thread_exception", error_type=args.exc_type.__name__, thread=thread, exc_info=args.exc_value
            )

    if sys.excepthook is sys.__excepthook__:
        sys.excepthook = excepthook
    if threading.excepthook is threading.__excepthook__:
        threading.excepthook = thread_excepthook


# Loggers that libraries configure with handlers of their own (uvicorn's default log config does, when it is
# not given ``log_config=None``): their records must reach the root handler below, not print themselves.
_LIBRARY_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.asgi", "arq", "arq.worker", "sqlalchemy", "asyncio")


class _LinesHandler(logging.Handler):
    """Writes formatted library records through the same writer as structlog's lines."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            _write_line(self.format(record))
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
        if record.exc_info and record.exc_info[1] is not None:
            event["event"] = _without_exception_text(str(event.get("event", "")), record.exc_info[1])
    return event


def _without_exception_text(message: str, exc: BaseException) -> str:
    """A message built before logging can quote its own exception (asyncio's "Task exception was never
    retrieved" carries the task's repr, ``exception=IntegrityError('... Key (num)=(...)')``): each
    exception of the chain, as ``repr`` or ``str``, is replaced by its type."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:  # a chain can loop back on itself
        seen.add(id(link))
        for text in (repr(link), str(link)):
            if text:
                message = message.replace(text, f"<{type(link).__name__}>")
        link = link.__cause__ or link.__context__
    return message
