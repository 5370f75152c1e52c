"""Sampling frames and the sample draw, pushed down to Postgres.

The frame (who may be sampled) is a query over enrollments or claims; the draw orders each stratum by the
domain's keyed hash (``oversight_domain.sampling.order_key``: ``md5(seed || ':' || member_id)`` in code point
order, ties by member id) and keeps the top ``quota + oversample`` of each stratum. Postgres does this with a
top-N sort per stratum, so a frame of a million members never leaves the database; the domain's quota
allocation then decides which of the kept members are sampled and which are held in reserve.

Frames (the member id is the text form of ``member.id``):

* ECM (seed 003): members with an ``enrolled`` ECM enrollment at the provider, with the plan, overlapping the
  review period (optionally only the review's populations of focus); stratum = the enrollment's population
  (the latest enrollment's), ``"unknown"`` when absent.
* TCM (seed 000): members with paid claims at the provider, with the plan, with a date of service in the
  period - "members engaged in Tailored Care Management ... as evidenced by paid claims"; stratum = the
  population segment on the member's latest claim in the period.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_domain.sampling import SINGLE_STRATUM

UNKNOWN_STRATUM = "unknown"

# Frames yield (member_id uuid, stratum text). A member with several rows takes the greatest stratum
# (deterministic, and a hash aggregate: no sort of the whole frame).
_ECM_FRAME = """
SELECT e.member_id, coalesce(max(e.population), 'unknown') AS stratum
FROM enrollment e
WHERE e.plan_id = :plan_id AND e.provider_id = :provider_id AND e.program = 'ecm'
  AND e.status = 'enrolled'
  AND e.start_date <= :period_end AND (e.end_date IS NULL OR e.end_date >= :period_start)
  AND (CAST(:populations AS text[]) IS NULL OR e.population = ANY(CAST(:populations AS text[])))
GROUP BY e.member_id
"""

_TCM_FRAME = """
SELECT c.member_id, coalesce(max(c.population_segment), 'unknown') AS stratum
FROM claim c
WHERE c.plan_id = :plan_id AND c.provider_id = :provider_id
  AND c.date_of_service BETWEEN :period_start AND :period_end
  AND (CAST(:populations AS text[]) IS NULL OR c.population_segment = ANY(CAST(:populations AS text[])))
GROUP BY c.member_id
"""

# One statement: the frame once (materialized, member ids as text, in member order), its size and
# fingerprint (the domain's ``frame_fingerprint`` bytes), the size of every pool after leaving out members
# already in the review, and the top ``keep`` of each pool in keyed-hash order (a bounded top-N heap sort
# per pool; each member's md5 is computed once, in its own pool's scan, and the frame is never fully sorted
# by hash).
#
# Ordering by the uuid is ordering by its text in code points (the canonical text is fixed-width lowercase
# hex), and a member appears once after grouping, so the frame's ``ORDER BY member_id`` is the domain's line
# order. The covering index ``ix_enrollment_frame`` hands the rows over in that order, so the grouping streams
# and the sort is a no-op. ``string_agg`` then reads the materialized frame in that stored order (a CTE scan
# returns its rows in the order they were written); an aggregate-level ``ORDER BY`` would re-sort a million
# strings (~1 s) for nothing. A different order would change the fingerprint, never weaken it: the Python
# check in tests and in the benchmark compares the two.
_DRAW = """
WITH frame AS MATERIALIZED (
  SELECT g.member_id::text AS member_id, g.stratum FROM ({frame}) g ORDER BY g.member_id
),
stats AS (
  SELECT count(*) AS frame_size,
         encode(sha256(convert_to(coalesce(string_agg(member_id || E'\\t' || stratum || E'\\n', ''), ''),
             'UTF8')), 'hex') AS fingerprint
  FROM frame
),
pools AS (
  SELECT CASE WHEN :single THEN '{single}' ELSE f.stratum END AS pool, count(*) AS available
  FROM frame f
  WHERE NOT (f.member_id = ANY(CAST(:already AS text[])))
  GROUP BY 1
)
SELECT s.frame_size, s.fingerprint, p.pool, p.available, t.member_id, t.stratum, t.position
FROM stats s
LEFT JOIN pools p ON true
LEFT JOIN LATERAL (
  SELECT k.member_id, k.stratum, row_number() OVER (ORDER BY k.h, k.member_id COLLATE "C") AS position
  FROM (
    SELECT x.member_id, x.stratum, md5(:seed || ':' || x.member_id) COLLATE "C" AS h
    FROM frame x
    WHERE (:single OR x.stratum = p.pool) AND NOT (x.member_id = ANY(CAST(:already AS text[])))
    ORDER BY h, x.member_id COLLATE "C"
    LIMIT :keep
  ) k
) t ON true
ORDER BY p.pool COLLATE "C", t.position
"""

# Postgres' JIT compiles this one-off statement for longer than it runs, and the materialized frame (a
# million rows of text is ~150 MB as tuples) should stay in memory rather than spill to temp files.
_DRAW_SETTINGS = "SELECT set_config('jit', 'off', true), set_config('work_mem', '256MB', true)"


def frame_sql(program: str) -> str:
    if program == "ecm":
        return _ECM_FRAME
    if program == "tcm":
        return _TCM_FRAME
    raise ValueError(f"no sampling frame for program {program!r}")


def _params(
    plan_id: uuid.UUID,
    provider_id: uuid.UUID,
    period_start: date,
    period_end: date,
    populations: Sequence[str] | None,
) -> dict[str, Any]:
    return {
        "plan_id": plan_id,
        "provider_id": provider_id,
        "period_start": period_start,
        "period_end": period_end,
        "populations": list(populations) if populations else None,
    }


async def count_frame(
    session: AsyncSession,
    *,
    program: str,
    plan_id: uuid.UUID,
    provider_id: uuid.UUID,
    period_start: date,
    period_end: date,
    populations: Sequence[str] | None = None,
) -> int:
    stmt = text(f"SELECT count(*) FROM ({frame_sql(program)}) f")
    result = await session.scalar(stmt, _params(plan_id, provider_id, period_start, period_end, populations))
    return int(result or 0)


async def load_frame(
    session: AsyncSession,
    *,
    program: str,
    plan_id: uuid.UUID,
    provider_id: uuid.UUID,
    period_start: date,
    period_end: date,
    populations: Sequence[str] | None = None,
) -> list[tuple[str, str]]:
    """The whole frame as (member_id, stratum) pairs (for checks against the domain's Python draw)."""
    result = await session.execute(
        text(frame_sql(program)), _params(plan_id, provider_id, period_start, period_end, populations)
    )
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


async def draw_in_sql(
    session: AsyncSession,
    *,
    program: str,
    single: bool,
    seed: str,
    keep: int,
    already: Sequence[str],
    plan_id: uuid.UUID,
    provider_id: uuid.UUID,
    period_start: date,
    period_end: date,
    populations: Sequence[str] | None = None,
    frame: str | None = None,
    frame_params: dict[str, Any] | None = None,
) -> DrawResult:
    """Rank the frame in Postgres. ``frame``/``frame_params`` override the frame query (benchmarks)."""
    sql = _DRAW.format(frame=frame or frame_sql(program), single=SINGLE_STRATUM)
    params = (
        frame_params
        if frame_params is not None
        else _params(plan_id, provider_id, period_start, period_end, populations)
    )
    params = {**params, "single": single, "seed": seed, "keep": keep, "already": list(already)}
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
