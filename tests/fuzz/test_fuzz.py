"""The committed fuzz run (issue 12): schemathesis against the real app, no input may cause a server error.

Every operation of the app's OpenAPI document gets generated requests — valid ones and deliberately invalid
ones (schemathesis' positive and negative modes: wrong types, missing and extra fields, values outside
bounds and patterns, odd strings in every parameter and header) — sent in-process over ASGI to the app on
the test's rolled-back connection, with the API keys of two tenants: a plan (admin) and a provider in its
network. Half the cases put the ids of real objects of that world into the path, so they reach the
services and the database rather than stopping at a 404. The one check is schemathesis'
``not_a_server_error``; full schema conformance is the contract issue's.

Bounded for CI: ``FUZZ_EXAMPLES`` cases per operation (default 25; about three minutes here), derandomized (the same cases every
run, so a red build is reproducible), no shrinking beyond hypothesis' own, a time cap per request. Run it
alone with ``pytest -m fuzz -s`` to print the figures.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import APIOperation, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.result import Ok
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.walk_world import build_world, tenant_a_context
from tests.conftest import MakeKey, MakeOrg

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
REQUEST_TIMEOUT = 60.0
Operation = APIOperation[Any, Any, Any, Any]
# /readyz answers 503 by design when no worker heartbeat is fresh (none runs here): not a fault.
SKIPPED = {("GET", "/readyz")}
# 500s whose fix belongs to another part of the work would be listed here (still fuzzed and printed, not failed
# on); none is left.
ELSEWHERE: dict[tuple[str, str], str] = {}


def _b64(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


# The classes of bad input the hardening probe found answered with 500, planted into generated cases on top
# of what schemathesis tries by itself (its random strings rarely hold a NUL, decode as a cursor or overflow).
HOSTILE_TEXT = ["a\x00b", "\x00", "x\ud800y", "\udfff"]
HOSTILE_INT = [2**31, -(2**31) - 1, 3790901571040, 10**20]
HOSTILE_DAY = ["0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01"]
HOSTILE_CURSOR = [
    _b64([1, 2]),
    _b64("ab"),
    _b64([None, None]),
    _b64([[[[[[]]]]]]),
    base64.urlsafe_b64encode(b"[" * 5000 + b"]" * 5000).decode(),
    _b64([{"x": 1}, {"k": "u"}]),
    _b64([{"k": "dt", "t": "0001-01-01T00:00:00+14:00"}, {"k": "u", "t": "not-a-uuid"}]),
]


def _leaves(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, (*at, k))]
    if isinstance(value, list):
        return [leaf for i, v in enumerate(value) for leaf in _leaves(v, (*at, i))]
    return [(at, value)]


def _hostile_for(where: str, name: Any, value: Any) -> list[Any]:
    if name == "cursor":
        return HOSTILE_CURSOR
    if isinstance(value, int) and not isinstance(value, bool):
        return HOSTILE_INT
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" and value[7:8] == "-":
        return HOSTILE_DAY
    # A lone surrogate cannot travel in a URL or a header (no client can encode it); JSON can spell it.
    return HOSTILE_TEXT if where == "body" else [t for t in HOSTILE_TEXT if t.isascii()]


@st.composite
def _planted(draw: st.DrawFn, cases: st.SearchStrategy[schemathesis.Case[Any]]) -> schemathesis.Case[Any]:
    """A generated case with one of its values (query, path, header, or any leaf of the body) replaced by
    a hostile one of the same kind."""
    case = draw(cases)
    spots: list[tuple[str, tuple[Any, ...], Any]] = []
    for where in ("query", "path_parameters", "headers"):
        for key, value in (getattr(case, where) or {}).items():
            if where != "headers" or key in ("If-Match", "Idempotency-Key"):
                spots.append((where, (key,), value))
    if isinstance(case.body, dict | list):
        spots += [("body", at, value) for at, value in _leaves(case.body) if at]
    if not spots:
        return case
    where, at, value = draw(st.sampled_from(spots))
    container: Any = case.body if where == "body" else getattr(case, where)
    for step in at[:-1]:
        container = container[step]
    container[at[-1]] = draw(st.sampled_from(_hostile_for(where, at[-1], value)))
    return case


@dataclass
class Figures:
    operations: int = 0
    cases: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    unsendable: int = 0
    failures: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)


def _httpx_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    """schemathesis' requests-style call as httpx arguments."""
    # No cookies: no operation declares one (and httpx deprecates per-request cookies).
    out: dict[str, Any] = {k: kwargs[k] for k in ("method", "url", "headers", "params") if k in kwargs}
    if "json" in kwargs:
        # ASCII escapes, as a client's JSON may spell a lone surrogate ("\\ud800").
        out["content"] = json.dumps(kwargs["json"])
    if "data" in kwargs:
        out["content" if isinstance(kwargs["data"], bytes | str) else "data"] = kwargs["data"]
    return out


def _fuzz_operation(
    operation: Operation,
    send: Any,
    callers: list[dict[str, str]],
    world: dict[str, str],
    figures: Figures,
) -> None:
    key = (operation.method.upper(), operation.path)
    names = [p.name for p in operation.path_parameters]
    real = {name: world[name] for name in names if name in world}
    strategies = [
        operation.as_strategy(generation_mode=mode)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    ]
    if real:
        # Real ids of tenant A's world: the request reaches the service and the database.
        strategies.append(
            operation.as_strategy(generation_mode=GenerationMode.NEGATIVE, path_parameters=real)
        )
        strategies.append(
            operation.as_strategy(generation_mode=GenerationMode.POSITIVE, path_parameters=real)
        )
    # Each kind of case also with one value replaced by a hostile one (the probe's classes of bad input).
    strategies += [_planted(strategy) for strategy in strategies]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    @given(case=st.one_of(strategies), caller=st.sampled_from(callers))
    def run(case: schemathesis.Case[Any], caller: dict[str, str]) -> None:
        try:
            kwargs = _httpx_kwargs(case.as_transport_kwargs(base_url="http://test", headers=caller))
            response = send(kwargs)
        except (httpx.InvalidURL, httpx.LocalProtocolError, UnicodeEncodeError):
            # A header or URL no HTTP client can put on the wire (e.g. a line break in a header value).
            figures.unsendable += 1
            return
        figures.cases += 1
        figures.statuses[response.status_code] += 1
        case.validate_response(response, checks=[not_a_server_error])

    try:
        run()
    except (Exception, BaseExceptionGroup) as exc:  # the shrunk failing case: go on, report all at the end
        found = f"{key[0]} {key[1]}: {exc}"[:2000]
        (figures.elsewhere if key in ELSEWHERE else figures.failures).append(found)
    else:
        if key in ELSEWHERE:
            print(
                f"fuzz: {key[0]} {key[1]} did not fail this run (once fixed there, delete it from ELSEWHERE)"
            )


async def test_no_generated_input_causes_a_server_error(
    client: httpx.AsyncClient, session: AsyncSession, make_org: MakeOrg, auth_headers: MakeKey
) -> None:
    ctx = await tenant_a_context(client, session, make_org, auth_headers)
    world = await build_world(ctx)
    callers = [ctx.headers["plan_admin"], ctx.headers["provider"]]
    # An empty configuration: the repository's schemathesis.toml is the conformance run's (a real server, its
    # caller's key and world ids in environment variables), not this in-process run's.
    schema = schemathesis.openapi.from_dict(
        (await client.get("/openapi.json")).json(), config=SchemathesisConfig()
    )
    operations: list[Operation] = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result  # every operation's schema is one schemathesis reads
        operation = result.ok()
        if (operation.method.upper(), operation.path) not in SKIPPED:
            operations.append(operation)
    loop = asyncio.get_running_loop()

    def send(kwargs: dict[str, Any]) -> httpx.Response:
        # Hypothesis drives a thread; the requests run on the test's loop, on its rolled-back connection.
        future = asyncio.run_coroutine_threadsafe(client.request(**kwargs), loop)
        return future.result(timeout=REQUEST_TIMEOUT)

    figures = Figures(operations=len(operations))

    def fuzz_all() -> None:
        for operation in operations:
            _fuzz_operation(operation, send, callers, world, figures)

    started = time.monotonic()
    await asyncio.to_thread(fuzz_all)
    seconds = time.monotonic() - started
    print(
        f"\nfuzz: {figures.operations} operations, {figures.cases} cases in {seconds:.0f} s "
        f"({figures.unsendable} unsendable skipped), statuses {dict(sorted(figures.statuses.items()))}, "
        f"{len(figures.failures)} failing operations"
    )
    for found in figures.elsewhere:
        print(f"fuzz: known, fixed elsewhere in issue 12: {found}")
    assert not figures.failures, "\n\n".join(figures.failures)
    assert figures.cases >= figures.operations * EXAMPLES // 2  # the run really ran
