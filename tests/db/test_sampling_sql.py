"""The SQL draw picks exactly what the domain's draw picks (seed 003 ECM frames, seed 000 TCM claims frames).

Issue 5: "The draw is pushed down to Postgres using the same keyed-hash order as the domain (a test proves SQL
and Python pick the same members)". Auditors re-run a draw from its seed, so every plan Postgres may choose -
serial, or the parts of the frame hashed by parallel workers - and both ways of finding each pool's top (the
hash candidates of the single pass, or the bounded re-ranking of a small pool) must give the domain's members,
positions, pool sizes, frame size and frame fingerprint.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db.sampling import (
    DrawRequest,
    DrawResult,
    SamplingFrame,
    draw_in_sql,
    explain_draw,
    load_frame,
)
from oversight_domain.sampling import draw_keep, draw_sample, draw_size, frame_fingerprint, order_key
from oversight_domain.tools import SamplingPolicy, load_tool

ECM = load_tool("ecm-partnership").policies.sampling
TCM = load_tool("nc-tcm-monitoring").policies.sampling
# The ECM frame drawn by strata (a plan's own tool may say so): strata of very different sizes.
ECM_BY_STRATUM = SamplingPolicy(strata="by_stratum", per_stratum=10, cap=30, oversample=5)
# NCQA "8/30" (issue 14): 30 drawn up front, the first 8 reviewed.
UPFRONT = SamplingPolicy(strata="single", method="upfront", per_stratum=8, upfront_size=30, oversample=8)
# "5% or 50 files, whichever is less", at least 10 (issue 14).
PERCENTAGE = SamplingPolicy.model_validate(
    {"strata": "single", "method": "percentage", "percent": "5%", "min_size": 10, "cap": 50, "oversample": 5}
)
PERIOD = (date(2025, 1, 1), date(2025, 12, 31))
LARGE = 20_000


async def _orgs(session: AsyncSession) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    plan, provider, other = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    await session.execute(
        text(
            "INSERT INTO organization (id, kind, name, jurisdiction, settings, version) VALUES "
            "(:plan, 'plan', 'Plan', 'US-CA', '{}', 1), (:prov, 'provider', 'Provider', 'US-CA', '{}', 1), "
            "(:other, 'provider', 'Other', 'US-CA', '{}', 1)"
        ),
        {"plan": plan, "prov": provider, "other": other},
    )
    return plan, provider, other


async def _ecm_frame(session: AsyncSession, n: int) -> tuple[uuid.UUID, uuid.UUID]:
    """``n`` members enrolled at the provider: populations 'big' (most), 'mid' (1 in 40), 'tiny' (7 members),
    none (1 in 53: stratum 'unknown'); every 97th member also has a second enrollment in a smaller population
    and every 89th one without a population (the frame keeps the greatest population); and rows the frame must
    leave out (another provider, ended before the period, not enrolled)."""
    plan, provider, other = await _orgs(session)
    await session.execute(
        text(
            "INSERT INTO member (id, plan_id, member_number, first_name, last_name, birth_date, version) "
            "SELECT gen_random_uuid(), :plan, 'T' || g, 'F', 'L', date '1980-01-01', 1 "
            "FROM generate_series(1, :n) g"
        ),
        {"plan": plan, "n": n + 30},
    )
    await session.execute(
        text(
            "INSERT INTO enrollment (id, member_id, plan_id, provider_id, program, status, start_date, "
            "end_date, population) "
            "SELECT gen_random_uuid(), m.id, :plan, "
            "  CASE WHEN n > :n + 20 THEN CAST(:other AS uuid) ELSE CAST(:prov AS uuid) END, 'ecm', "
            "  CASE WHEN n > :n + 10 AND n <= :n + 20 THEN 'disenrolled' ELSE 'enrolled' END, "
            "  date '2024-01-01', CASE WHEN n > :n AND n <= :n + 10 THEN date '2024-06-30' END, "
            "  CASE WHEN n <= 7 THEN 'tiny' WHEN n % 53 = 0 THEN NULL WHEN n % 40 = 0 THEN 'mid' ELSE 'big' END "
            "FROM (SELECT id, substr(member_number, 2)::int AS n FROM member WHERE plan_id = :plan) m"
        ),
        {"plan": plan, "prov": provider, "other": other, "n": n},
    )
    await session.execute(
        text(
            "INSERT INTO enrollment (id, member_id, plan_id, provider_id, program, status, start_date, population) "
            "SELECT gen_random_uuid(), e.member_id, e.plan_id, e.provider_id, 'ecm', 'enrolled', "
            "  date '2025-03-01', CASE WHEN substr(m.member_number, 2)::int % 97 = 0 THEN 'aaa-second' END "
            "FROM enrollment e JOIN member m ON m.id = e.member_id "
            "WHERE e.provider_id = :prov AND substr(m.member_number, 2)::int <= :n "
            "  AND (substr(m.member_number, 2)::int % 97 = 0 OR substr(m.member_number, 2)::int % 89 = 0)"
        ),
        {"prov": provider, "n": n},
    )
    return plan, provider


async def _ecm_frame_in_python(
    session: AsyncSession, plan: uuid.UUID, provider: uuid.UUID
) -> list[tuple[str, str]]:
    """Seed 003's frame from the raw enrollments: enrolled at the provider with the plan, overlapping the
    period; a member's stratum is its greatest population (``unknown`` when none has one)."""
    rows = await session.execute(
        text(
            "SELECT member_id, population, status, start_date, end_date, provider_id, program "
            "FROM enrollment WHERE plan_id = :plan"
        ),
        {"plan": plan},
    )
    best: dict[str, str | None] = {}
    for member_id, population, status, start, end, provider_id, program in rows:
        if (provider_id, program, status) != (provider, "ecm", "enrolled"):
            continue
        if start > PERIOD[1] or (end is not None and end < PERIOD[0]):
            continue
        key = str(member_id)
        if key not in best or (population is not None and (best[key] is None or population > best[key])):
            best[key] = population
    return sorted((m, p or "unknown") for m, p in best.items())


def _frame(program: str, plan: uuid.UUID, provider: uuid.UUID) -> SamplingFrame:
    return SamplingFrame(program, plan, provider, PERIOD[0], PERIOD[1])


async def _force_parallel(session: AsyncSession) -> None:
    """Parallel plans cost nothing: Postgres hashes the frame's parts in workers even for a small frame."""
    await session.execute(text("SET LOCAL parallel_setup_cost = 0"))
    await session.execute(text("SET LOCAL parallel_tuple_cost = 0"))


def _check(
    result: DrawResult,
    frame: list[tuple[str, str]],
    policy: SamplingPolicy,
    seed: str,
    draw: int,
    already: list[str],
) -> None:
    """``result`` is the domain's draw: sizes, fingerprint, and each pool's first ``keep`` in keyed-hash order
    (so the sampled members and the reserve the service takes from it are the domain's too)."""
    keep = draw_keep(policy, draw)
    selection = draw_sample(frame, policy, seed, draw=draw, already_selected=already)
    assert result.frame_size == selection.frame_size == len(frame)
    assert result.frame_fingerprint == frame_fingerprint(frame)
    assert result.available == {s.stratum: s.available for s in selection.strata}
    single = policy.strata == "single"
    for stratum in selection.strata:
        pool = stratum.stratum
        ranked = sorted(
            (order_key(seed, m), m, s) for m, s in frame if (single or s == pool) and m not in set(already)
        )
        assert [(r.member_id, r.stratum, r.position) for r in result.top[pool]] == [
            (m, s, i + 1) for i, (_, m, s) in enumerate(ranked[:keep])
        ]
        chosen = stratum.selected + stratum.held + stratum.oversample
        assert [(r.member_id, r.position) for r in result.top[pool][: len(chosen)]] == [
            (m.member_id, m.position) for m in chosen
        ]
    # The sizes the service takes from the SQL draw's pools are the domain's.
    size = draw_size(policy, draw, result.available)
    assert size.quotas == selection.quotas
    assert size.held == {s.stratum: len(s.held) for s in selection.strata if s.held}
    assert (size.requested, size.limited_by_frame) == (selection.requested, selection.limited_by_frame)


@pytest.mark.parametrize("parallel", [False, True], ids=["serial", "parallel"])
async def test_sql_draw_equals_domain_draw_on_a_large_ecm_frame(
    session: AsyncSession, parallel: bool
) -> None:
    plan, provider = await _ecm_frame(session, LARGE)
    sampling_frame = _frame("ecm", plan, provider)
    if parallel:
        await _force_parallel(session)
        plan_text = await explain_draw(
            session, DrawRequest(sampling_frame, seed="s", keep=16, single_stratum=True)
        )
        assert "Parallel Append" in plan_text, plan_text
    frame = await load_frame(session, sampling_frame)
    assert len(frame) == LARGE
    assert sorted(frame) == await _ecm_frame_in_python(session, plan, provider)
    strata = {s for _, s in frame}
    assert strata == {"big", "mid", "tiny", "unknown", "aaa-second"}
    first = await draw_in_sql(
        session, DrawRequest(sampling_frame, seed="audit-1", keep=16, single_stratum=True)
    )
    _check(first, frame, ECM, "audit-1", 1, [])
    # The expansion draw leaves out the first draw's sampled members; its reserves may be drawn again (issue 14).
    already = [m.member_id for m in first.top["all"][:8]]
    second = await draw_in_sql(
        session, DrawRequest(sampling_frame, seed="audit-1", keep=16, single_stratum=True, already=already)
    )
    _check(second, frame, ECM, "audit-1", 2, already)
    # By stratum: 'big' has enough hash candidates; the small strata are re-ranked from the frame.
    by_stratum = await draw_in_sql(
        session, DrawRequest(sampling_frame, seed="audit-2", keep=15, single_stratum=False)
    )
    assert set(by_stratum.available) == strata
    _check(by_stratum, frame, ECM_BY_STRATUM, "audit-2", 1, [])


@pytest.mark.parametrize("cut", ["", "0", "g"], ids=["no-candidates", "few-candidates", "all-candidates"])
async def test_the_draw_does_not_depend_on_how_the_top_is_found(session: AsyncSession, cut: str) -> None:
    """``cut`` only decides which members the single pass keeps as candidates: none (every pool re-ranked from
    the frame), 1/16 of them, or all."""
    plan, provider = await _ecm_frame(session, 3_000)
    sampling_frame = _frame("ecm", plan, provider)
    await _force_parallel(session)
    frame = await load_frame(session, sampling_frame)
    single = await draw_in_sql(
        session, DrawRequest(sampling_frame, seed="cut", keep=16, single_stratum=True, cut=cut)
    )
    _check(single, frame, ECM, "cut", 1, [])
    strata = await draw_in_sql(
        session, DrawRequest(sampling_frame, seed="cut", keep=15, single_stratum=False, cut=cut)
    )
    _check(strata, frame, ECM_BY_STRATUM, "cut", 1, [])


async def test_tcm_claims_frame_by_segment(session: AsyncSession) -> None:
    """Seed 000: members with paid claims in the period, by the segment of their latest claim's segment
    (the greatest, when a member has several)."""
    plan, provider, other = await _orgs(session)
    await session.execute(
        text(
            "INSERT INTO member (id, plan_id, member_number, first_name, last_name, birth_date, version) "
            "SELECT gen_random_uuid(), :plan, 'C' || g, 'F', 'L', date '1980-01-01', 1 "
            "FROM generate_series(1, 400) g"
        ),
        {"plan": plan},
    )
    await session.execute(
        text(
            "INSERT INTO claim (id, plan_id, claim_number, member_id, provider_id, date_of_service, paid_date, "
            "population_segment, procedure_code) "
            "SELECT gen_random_uuid(), :plan, 'K' || m.member_number || '-' || k, m.id, "
            "  CASE WHEN n % 50 = 0 THEN CAST(:other AS uuid) ELSE CAST(:prov AS uuid) END, "
            "  CASE WHEN n % 33 = 0 THEN date '2024-12-01' ELSE date '2025-05-01' + k END, date '2025-08-01', "
            "  CASE WHEN n % 7 = 0 THEN 'idd' WHEN n % 3 = 0 THEN 'sud' ELSE 'smi' END || k, 'T1017' "
            "FROM (SELECT id, member_number, row_number() OVER (ORDER BY member_number) AS n FROM member "
            "      WHERE plan_id = :plan) m, generate_series(0, (m.n % 2)::int) k"
        ),
        {"plan": plan, "prov": provider, "other": other},
    )
    sampling_frame = _frame("tcm", plan, provider)
    await _force_parallel(session)
    frame = await load_frame(session, sampling_frame)
    assert len({s for _, s in frame}) > 3
    result = await draw_in_sql(
        session, DrawRequest(sampling_frame, seed="tcm", keep=15, single_stratum=False)
    )
    _check(result, frame, TCM, "tcm", 1, [])


async def test_empty_frame(session: AsyncSession) -> None:
    plan, provider, _ = await _orgs(session)
    request = DrawRequest(_frame("ecm", plan, provider), "x", keep=16, single_stratum=True)
    result = await draw_in_sql(session, request)
    assert (result.frame_size, result.available, result.top) == (0, {}, {})
    assert result.frame_fingerprint == frame_fingerprint([])


@pytest.mark.parametrize("cut", ["", "g"], ids=["re-ranked", "candidates"])
@pytest.mark.parametrize(
    ("policy", "members"),
    [
        (ECM, 14),
        (ECM, 30),
        (ECM, 3_000),
        (UPFRONT, 20),
        (UPFRONT, 3_000),
        (PERCENTAGE, 12),
        (PERCENTAGE, 3_000),
    ],
    ids=["ecm-14", "ecm-30", "ecm-3000", "8/30-20", "8/30-3000", "pct-12", "pct-3000"],
)
async def test_each_sampling_method_draws_in_sql_what_the_domain_draws(
    session: AsyncSession, policy: SamplingPolicy, members: int, cut: str
) -> None:
    """Issue 14: every method keeps the keyed-hash order, the pushdown and the fingerprint: the SQL draw's
    members, positions and pool sizes, and the sizes the method takes from them, are the domain's - for the
    first draw and for an expansion that may draw the first draw's unused reserves again."""
    plan, provider = await _ecm_frame(session, members)
    sampling_frame = _frame("ecm", plan, provider)
    frame = await load_frame(session, sampling_frame)
    keep = draw_keep(policy, 1)
    first = await draw_in_sql(
        session, DrawRequest(sampling_frame, "methods", keep, single_stratum=True, cut=cut)
    )
    _check(first, frame, policy, "methods", 1, [])
    if policy.expansion_size:
        sampled = [m.member_id for m in first.top["all"][: draw_size(policy, 1, first.available).drawn]]
        request = DrawRequest(
            sampling_frame, "methods", draw_keep(policy, 2), single_stratum=True, already=sampled, cut=cut
        )
        _check(await draw_in_sql(session, request), frame, policy, "methods", 2, sampled)
