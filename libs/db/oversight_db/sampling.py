"""Sampling frames and the sample draw, pushed down to Postgres.

The frame (who may be sampled) is a query over enrollments or claims; the draw orders each stratum by the
domain's keyed hash (``oversight_domain.sampling.order_key``: ``md5(seed || ':' || member_id)`` in code point
order, ties by member id) and keeps the top ``quota + oversample`` of each stratum, and computes the frame's
size and fingerprint (``oversight_domain.sampling.frame_fingerprint``) - in one statement, so a frame of a
million members never leaves the database; the domain's quota allocation then decides which of the kept
members are sampled and which are held in reserve. How the statement works is told above ``_PARTS``.

Frames (the member id is the text form of ``member.id``):

* ECM (seed 003): members with an ``enrolled`` ECM enrollment at the provider, with the plan, overlapping the
  review period (optionally only the review's populations of focus); stratum = the enrollment's population
  (the latest enrollment's), ``"unknown"`` when absent.
* TCM (seed 000): members with paid claims at the provider, with the plan, with a date of service in the
  period - "members engaged in Tailored Care Management ... as evidenced by paid claims"; stratum = the
  population segment on the member's latest claim in the period.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_domain.sampling import SINGLE_STRATUM

UNKNOWN_STRATUM = "unknown"

# Frames yield (member_id uuid, stratum text), one row per member: a member with several rows takes the greatest
# stratum (deterministic). The ECM frame is DISTINCT ON member over ``ix_enrollment_provider_program``, which
# holds a provider's enrollments in member order, each member's greatest population first (NULL last: the
# frame's ``max(population)``), with every column the frame reads: the index-only scan hands over the first row
# of each member and nothing is hashed, sorted or aggregated.
_ECM_FRAME = """
SELECT DISTINCT ON (e.member_id) e.member_id, coalesce(e.population, 'unknown') AS stratum
FROM enrollment e
WHERE e.plan_id = :plan_id AND e.provider_id = :provider_id AND e.program = 'ecm'
  AND e.status = 'enrolled'
  AND e.start_date <= :period_end AND (e.end_date IS NULL OR e.end_date >= :period_start)
  AND (CAST(:populations AS text[]) IS NULL OR e.population = ANY(CAST(:populations AS text[])))
ORDER BY e.member_id, e.population DESC NULLS LAST
"""

_TCM_FRAME = """
SELECT c.member_id, coalesce(max(c.population_segment), 'unknown') AS stratum
FROM claim c
WHERE c.plan_id = :plan_id AND c.provider_id = :provider_id
  AND c.date_of_service BETWEEN :period_start AND :period_end
  AND (CAST(:populations AS text[]) IS NULL OR c.population_segment = ANY(CAST(:populations AS text[])))
GROUP BY c.member_id
"""

# The draw is one statement (one snapshot: the fingerprint, the sizes and the members drawn describe the same
# frame). Cost on a million members is dominated by hashing every member (``md5`` is ~0.7 us a call on an
# OpenSSL 3 build of Postgres) and by building and hashing the fingerprint's text; both are done in ONE pass over
# the frame, split into ``_PARTS`` disjoint member-id ranges that Postgres may run at the same time (a Parallel
# Append of non-partial children: each range is scanned, grouped, hashed and aggregated whole by one process;
# member ids are random uuids, ``oversight_db.models.base.new_id``, so the ranges are about equal). Four parts:
# on a 2-core server that shares its cores with other work they get a fairer share than two, and a server with
# more cores runs them at once; with fewer free workers the backend takes the parts nobody took.
#
# Each range part (one aggregate row):
#   * ``lines``: the range's fingerprint lines (the domain's ``frame_fingerprint`` lines, ``member_id TAB stratum
#     LF``) concatenated in member order, as UTF-8 bytes. The order is guaranteed by the aggregate's ``ORDER BY``
#     (on Postgres 16+ the index order already satisfies it and the aggregate does not sort; on 15 it sorts a
#     presorted run). The parts are disjoint uuid ranges, and uuid order is the code point order of its canonical
#     text (fixed width lowercase hex), so the parts' bytes joined in range order (``ORDER BY part``) are the
#     frame's lines in code point order: the fingerprint is computed exactly as the domain defines it.
#   * ``cand``: the candidates for the top of each pool - members (not already in the review) whose keyed hash
#     is below ``_CUT`` (1/128 of the hash space). A bounded top-N sort cannot share the pass with the aggregate,
#     and sorting every hash costs more than hashing; so the pass keeps the few members that can be at the top,
#     and the statement checks that they are enough.
#   * single pool: ``available`` (members not already in the review). With strata, a second kind of part counts
#     each pool in the range (``GROUP BY`` stratum; no hashing).
#
# The final step ranks the candidates of each pool by (hash, member id) - the domain's order - and keeps the
# first ``keep``. They are exactly the pool's first ``keep`` when the pool has at least ``keep`` candidates or
# every available member is one (every member left out hashes above every candidate). Otherwise (pools of
# fewer than ~1,500 members) the pool is ranked again from the frame with a bounded top-N sort, in the same
# statement. ``cut`` is a parameter so that tests can force either path; the result never depends on it.
#
# The range parts' subquery is ``ORDER BY member_id`` so the planner reads the frame in member order (the
# covering index ``ix_enrollment_provider_program`` for ECM) and the aggregate's sort finds its input presorted.
_PARTS = 4  # member-id ranges; Postgres runs them in up to _PARTS - 1 workers and the backend
_CUT = "02"  # keyed hashes below this prefix are candidates (2/256 of the hash space)

_MEMBERS = """
  SELECT y.member_id, y.m, y.stratum, md5(CAST(:prefix AS text) || y.m) COLLATE "C" AS h,
         y.member_id = ANY(CAST(:already AS uuid[])) AS drawn
  FROM (
    SELECT g.member_id, CAST(g.member_id AS text) COLLATE "C" AS m, g.stratum
    FROM ({frame}) g
    WHERE {range}
    ORDER BY g.member_id
  ) y
"""

_LINES_PART = """
SELECT {part} AS part, {pool} AS pool, count(*) AS frame_size, {available} AS available,
       convert_to(string_agg(x.m || E'\\t' || x.stratum || E'\\n', '' ORDER BY x.member_id), 'UTF8') AS lines,
       jsonb_agg(jsonb_build_array(x.h, x.m, x.stratum)) FILTER (WHERE x.h < :cut AND NOT x.drawn) AS cand
FROM ({members}) x
"""

_POOL_PART = """
SELECT {part} AS part, x.stratum AS pool, NULL::bigint AS frame_size,
       count(*) FILTER (WHERE NOT x.drawn) AS available, NULL::bytea AS lines, NULL::jsonb AS cand
FROM (
  SELECT y.stratum, y.member_id = ANY(CAST(:already AS uuid[])) AS drawn
  FROM ({frame}) y
  WHERE {range}
) x
GROUP BY x.stratum
"""

_DRAW = """
WITH s AS MATERIALIZED (
  SELECT coalesce(sum(u.frame_size), 0) AS frame_size,
         encode(sha256(coalesce(string_agg(u.lines, ''::bytea ORDER BY u.part), ''::bytea)), 'hex') AS fingerprint,
         coalesce(jsonb_agg(jsonb_build_array(u.pool, u.available)) FILTER (WHERE u.available > 0), '[]')
           AS pools,
         coalesce(jsonb_agg(u.cand) FILTER (WHERE u.cand IS NOT NULL), '[]') AS cand
  FROM ({parts}) u
),
cand AS MATERIALIZED (
  SELECT (e ->> 0) COLLATE "C" AS h, (e ->> 1) COLLATE "C" AS member_id, e ->> 2 AS stratum,
         CASE WHEN :single THEN '{single}' ELSE e ->> 2 END AS pool
  FROM s, jsonb_array_elements(s.cand) a, jsonb_array_elements(a) e
),
pools AS MATERIALIZED (
  SELECT p.pool, p.available,
         (SELECT count(*) FROM cand c WHERE c.pool = p.pool) >= least(:keep, p.available) AS enough
  FROM (
    SELECT q ->> 0 AS pool, sum(CAST(q ->> 1 AS bigint)) AS available
    FROM s, jsonb_array_elements(s.pools) q
    GROUP BY 1
  ) p
)
SELECT s.frame_size, s.fingerprint, p.pool, p.available, t.member_id, t.stratum, t.position
FROM s
LEFT JOIN pools p ON true
LEFT JOIN LATERAL (
  SELECT k.member_id, k.stratum, row_number() OVER (ORDER BY k.h, k.member_id) AS position
  FROM (
    SELECT c.member_id, c.stratum, c.h
    FROM cand c
    WHERE p.enough AND c.pool = p.pool
    ORDER BY c.h, c.member_id
    LIMIT :keep
  ) k
  UNION ALL
  SELECT k.member_id, k.stratum, row_number() OVER (ORDER BY k.h, k.member_id) AS position
  FROM (
    SELECT x.m AS member_id, x.stratum, x.h
    FROM ({members_all}) x
    WHERE NOT p.enough AND ({single_sql} OR x.stratum = p.pool) AND NOT x.drawn
    ORDER BY x.h, x.m
    LIMIT :keep
  ) k
) t ON true
ORDER BY p.pool COLLATE "C", t.position
"""

# Transaction-local settings: JIT compiles this one-off statement for longer than it runs; the parts' sorts and
# strings stay in memory; a custom plan every time (a generic plan would be costed for an average provider and
# could miss the parallel plan for a large one); and workers for the parts.
_DRAW_SETTINGS = (
    "SELECT set_config('jit', 'off', true), set_config('work_mem', '256MB', true), "
    "set_config('plan_cache_mode', 'force_custom_plan', true), "
    f"set_config('max_parallel_workers_per_gather', '{_PARTS}', true)"
)


def _ranges(parts: int) -> list[str]:
    """SQL conditions on ``g.member_id`` splitting the uuid space into ``parts`` equal ranges (member ids are
    random uuids, so the ranges hold about the same number of members)."""
    bounds = [None] + [uuid.UUID(int=(i << 128) // parts) for i in range(1, parts)] + [None]
    out = []
    for lo, hi in itertools.pairwise(bounds):
        conds = []
        if lo is not None:
            conds.append(f"g.member_id >= CAST('{lo}' AS uuid)")
        if hi is not None:
            conds.append(f"g.member_id < CAST('{hi}' AS uuid)")
        out.append(" AND ".join(conds) or "true")
    return out


def _draw_sql(frame: str, single: bool, parts: int = _PARTS) -> str:
    ranges = _ranges(parts)
    children = [
        _LINES_PART.format(
            part=i,
            pool=f"'{SINGLE_STRATUM}'" if single else "NULL::text",
            available="count(*) FILTER (WHERE NOT x.drawn)" if single else "NULL::bigint",
            members=_MEMBERS.format(frame=frame, range=r),
        )
        for i, r in enumerate(ranges)
    ]
    if not single:
        children += [
            _POOL_PART.format(part=i, frame=frame, range=r.replace("g.member_id", "y.member_id"))
            for i, r in enumerate(ranges)
        ]
    return _DRAW.format(
        parts="\nUNION ALL\n".join(children),
        members_all=_MEMBERS.format(frame=frame, range="true"),
        single=SINGLE_STRATUM,
        single_sql="true" if single else "false",
    )


def frame_sql(program: str) -> str:
    if program == "ecm":
        return _ECM_FRAME
    if program == "tcm":
        return _TCM_FRAME
    raise ValueError(f"no sampling frame for program {program!r}")


@dataclass(frozen=True)
class SamplingFrame:
    """Who may be sampled: the program's members at one provider, with one plan, in the review period."""

    program: str  # "ecm" or "tcm": which frame query (see the module's docstring)
    plan_id: uuid.UUID
    provider_id: uuid.UUID
    period_start: date
    period_end: date
    populations: tuple[str, ...] = ()  # only these populations of focus; empty: every population

    def params(self) -> dict[str, Any]:
        return {
            "plan_id": self.plan_id,
            "provider_id": self.provider_id,
            "period_start": self.period_start,
            "period_end": self.period_end,
            "populations": list(self.populations) or None,
        }


@dataclass(frozen=True)
class DrawRequest:
    """One draw: each pool of ``frame`` ranked by the keyed hash of ``seed``, its first ``keep`` members kept."""

    frame: SamplingFrame
    seed: str
    keep: int  # per pool: the most the draw can take, reserves included (oversight_domain.sampling.draw_keep)
    single_stratum: bool  # True: the whole frame is one pool; False: one pool per stratum
    already: Sequence[str] = ()  # member ids drawn earlier for the review: never drawn again
    # A lowercase hex prefix: members whose keyed hash is below it are the candidates for each pool's top.
    # Tests force both ways of finding the top with it; the result never depends on it.
    cut: str = _CUT


async def count_frame(session: AsyncSession, frame: SamplingFrame) -> int:
    stmt = text(f"SELECT count(*) FROM ({frame_sql(frame.program)}) f")
    return int(await session.scalar(stmt, frame.params()) or 0)


async def load_frame(session: AsyncSession, frame: SamplingFrame) -> list[tuple[str, str]]:
    """The whole frame as (member_id, stratum) pairs (for checks against the domain's Python draw)."""
    result = await session.execute(text(frame_sql(frame.program)), frame.params())
    return [(str(r[0]), str(r[1])) for r in result]


@dataclass(frozen=True)
class RankedMember:
    member_id: str
    stratum: str
    position: int  # 1-based, as the domain's SampledMember.position


@dataclass(frozen=True)
class DrawResult:
    frame_size: int
    frame_fingerprint: str
    available: dict[str, int]  # pool -> members left after leaving out ``already``
    top: dict[str, list[RankedMember]]  # pool -> its first ``keep`` members in keyed-hash order


def draw_statement(request: DrawRequest) -> tuple[str, dict[str, Any]]:
    """The draw's SQL and parameters."""
    sql = _draw_sql(frame_sql(request.frame.program), request.single_stratum)
    return sql, {
        **request.frame.params(),
        "single": request.single_stratum,
        "prefix": f"{request.seed}:",
        "keep": request.keep,
        "already": [uuid.UUID(str(m)) for m in request.already],
        "cut": request.cut,
    }


async def explain_draw(session: AsyncSession, request: DrawRequest, *, analyze: bool = False) -> str:
    """The plan of the draw (with its transaction-local settings), for tests and for finding out why a draw
    is slow."""
    sql, params = draw_statement(request)
    await session.execute(text(_DRAW_SETTINGS))
    options = "ANALYZE, BUFFERS" if analyze else "COSTS OFF"
    rows = (await session.execute(text(f"EXPLAIN ({options}) {sql}"), params)).all()
    return "\n".join(str(r[0]) for r in rows)


async def draw_in_sql(session: AsyncSession, request: DrawRequest) -> DrawResult:
    """Rank the frame in Postgres: the frame's size and fingerprint, each pool's size after leaving out
    ``request.already``, and each pool's first ``request.keep`` members in keyed-hash order."""
    sql, params = draw_statement(request)
    await session.execute(text(_DRAW_SETTINGS))  # transaction-local
    rows = (await session.execute(text(sql), params)).all()
    available: dict[str, int] = {}
    top: dict[str, list[RankedMember]] = {}
    frame_size, fingerprint = int(rows[0][0]), str(rows[0][1])  # the same on every row
    for _size, _fingerprint, pool, count, member_id, stratum, position in rows:
        if pool is None:
            continue
        available[pool] = int(count)
        bucket = top.setdefault(pool, [])
        if member_id is not None:
            bucket.append(RankedMember(str(member_id), str(stratum), int(position)))
    return DrawResult(frame_size, fingerprint, available, top)
