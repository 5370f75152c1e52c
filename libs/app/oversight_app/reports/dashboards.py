"""Dashboards: a plan's network, one provider's history, the state's comparison of one standardized tool.

Scores are each finalized review's frozen scorecard's (the figures plans were sent), read from the numbers
stored beside it (``review.total_score``, ``review_section_score``; ``oversight_app.reviews.stored_scores``)
rather than from its JSON. Each dashboard is a handful of set-based statements whatever the network's size
(the statement count is printed by ``bench_reports``). No member data: scores, outcomes, dates, counts.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ARRAY, Numeric, Row, Uuid, and_, any_, bindparam, cast, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import NullType

from oversight_app.caller import Caller
from oversight_app.errors import not_found
from oversight_app.reports.schemas import (
    ActionPlanClock,
    CapacityReportDue,
    DistributionOut,
    PlanDashboard,
    PlanRow,
    ProviderDashboard,
    ProviderLatest,
    ProviderReviewRow,
    StateDashboard,
    TrendPoint,
)
from oversight_app.tenancy import plan_provider_clause, provider_clause
from oversight_db.models import CheckResult
from oversight_db.models.action_plans import ActionPlan
from oversight_db.models.capacity import CapacityParticipant, CapacityReport
from oversight_db.models.organizations import NetworkLink, Organization
from oversight_db.models.reviews import Review, ReviewSectionScore
from oversight_domain.reports import distribution, review_due_status
from oversight_domain.statuses import ACTION_PLAN_ACTIVE

_QUARTER = func.date_trunc("quarter", Review.finalized_at)


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


async def plan_dashboard(
    session: AsyncSession, caller: Caller, today: date, program: str | None = None
) -> PlanDashboard:
    if caller.organization_kind != "plan":
        # The caller's own plan's dashboard: an organization that is not a plan has none (the state has
        # /state, a provider /providers/{id}). Not a 403: the role may read reports, there is nothing here.
        raise not_found("plan dashboard")
    plan_id = caller.organization_id
    # The latest review's id per provider from ix_review_latest_finalized (no sort of whole reviews), then
    # its figures.
    latest_ids = (
        select(Review.id)
        .where(Review.plan_id == plan_id, Review.status == "finalized")
        .distinct(Review.provider_id)
        .order_by(Review.provider_id, Review.finalized_at.desc())
    )
    if program is not None:
        latest_ids = latest_ids.where(Review.program == program)
    ids_sq = latest_ids.subquery()
    sections = _section_arrays()
    latest_sq = (
        select(
            Review.provider_id,
            Review.id.label("review_id"),
            Review.finalized_at,
            Review.outcome,
            Review.next_review_due,
            Review.tool_key,
            Review.total_score.label("total"),
            sections.c.section_keys,
            sections.c.section_scores,
        )
        .join(ids_sq, ids_sq.c.id == Review.id)
        .join(sections, true())
        .subquery()
    )
    links = (
        select(NetworkLink.provider_id, func.min(NetworkLink.status).label("status"))
        .where(NetworkLink.plan_id == plan_id)
        .group_by(NetworkLink.provider_id)
    )
    if program is not None:
        links = links.where(NetworkLink.program == program)
    links_sq = links.subquery()
    open_plans = (
        select(func.count())
        .where(
            ActionPlan.plan_id == plan_id,
            ActionPlan.provider_id == links_sq.c.provider_id,
            ActionPlan.status.in_(list(ACTION_PLAN_ACTIVE)),
        )
        .scalar_subquery()
    )
    open_results = (
        select(func.count())
        .where(
            CheckResult.plan_id == plan_id,
            CheckResult.provider_id == links_sq.c.provider_id,
            CheckResult.status == "open",
        )
        .scalar_subquery()
        .label("open_check_results")
    )
    rows = (
        await session.execute(
            select(
                links_sq.c.provider_id,
                Organization.name,
                Organization.npi,
                open_plans,
                latest_sq,
                open_results,
            )
            .join(Organization, Organization.id == links_sq.c.provider_id)
            .outerjoin(latest_sq, latest_sq.c.provider_id == links_sq.c.provider_id)
            .order_by(Organization.name, links_sq.c.provider_id)
        )
    ).all()
    providers = [
        ProviderLatest(
            provider_id=r.provider_id,
            name=r.name,
            npi=r.npi,
            review_id=r.review_id,
            finalized_on=_day(r.finalized_at),
            tool_key=r.tool_key,
            outcome=r.outcome,
            total=r.total,
            sections=dict(zip(r.section_keys or [], r.section_scores or [], strict=True)),
            open_action_plans=r[3],
            open_check_results=r.open_check_results,
            next_review_due=r.next_review_due,
            review_due=review_due_status(r.next_review_due, today),
        )
        for r in rows
    ]
    return PlanDashboard(
        plan_id=plan_id,
        as_of=today,
        providers=providers,
        trend=await _trend(session, Review.plan_id == plan_id),
        action_plans=await _action_plans(session, ActionPlan.plan_id == plan_id, today),
        reviews_due=[p for p in providers if p.review_due in ("overdue", "due_soon", "never_reviewed")],
        capacity_reports_outstanding=await _capacity(session, plan_id, today),
    )


async def _trend(session: AsyncSession, where: Any) -> list[TrendPoint]:
    rows = (
        await session.execute(
            select(
                _QUARTER.label("quarter"),
                func.count(),
                # Exact (numeric): the same mean whatever order the rows are read in (a float sum's last
                # digits depend on it).
                func.avg(cast(Review.total_score, Numeric)),
                func.count().filter(Review.outcome == "pass"),
                func.count().filter(Review.outcome == "conditional_pass"),
                func.count().filter(Review.outcome == "pip"),
            )
            .where(where, Review.status == "finalized")
            .group_by(_QUARTER)
            .order_by(_QUARTER)
        )
    ).all()
    return [
        TrendPoint(
            quarter=r[0].date(),
            reviews=r[1],
            mean_total=float(r[2]) if r[2] is not None else None,
            passed=r[3],
            conditional_pass=r[4],
            pip=r[5],
        )
        for r in rows
    ]


async def _action_plans(session: AsyncSession, where: Any, today: date) -> list[ActionPlanClock]:
    rows = (
        await session.scalars(
            select(ActionPlan)
            .where(where, ActionPlan.status.in_(list(ACTION_PLAN_ACTIVE)))
            .order_by(ActionPlan.due_on, ActionPlan.id)
        )
    ).all()
    return [
        ActionPlanClock(
            action_plan_id=a.id,
            provider_id=a.provider_id,
            review_id=a.review_id,
            kind=a.kind,
            status=a.status,
            issued_on=a.issued_on,
            due_on=a.due_on,
            days_left=(a.due_on - today).days,
            overdue=a.due_on < today,
        )
        for a in rows
    ]


async def _capacity(session: AsyncSession, plan_id: uuid.UUID, today: date) -> list[CapacityReportDue]:
    rows = (
        await session.scalars(
            select(CapacityReport)
            .join(CapacityParticipant, CapacityParticipant.id == CapacityReport.participant_id)
            .where(CapacityParticipant.plan_id == plan_id, CapacityReport.status.in_(["due", "returned"]))
            .order_by(CapacityReport.due_on, CapacityReport.id)
        )
    ).all()
    return [
        CapacityReportDue(
            report_id=c.id,
            program_id=c.program_id,
            kind=c.kind,
            label=c.label,
            due_on=c.due_on,
            status=c.status,
            overdue=c.due_on < today,
        )
        for c in rows
    ]


async def provider_dashboard(
    session: AsyncSession, caller: Caller, provider_id: uuid.UUID, today: date
) -> ProviderDashboard:
    provider = await session.scalar(
        select(Organization).where(
            Organization.id == provider_id,
            Organization.kind == "provider",
            provider_clause(caller, Organization.id),
        )
    )
    if provider is None:
        raise not_found("provider")
    scope = and_(
        Review.provider_id == provider_id, plan_provider_clause(caller, Review.plan_id, Review.provider_id)
    )
    sections = _section_arrays()
    rows = (
        await session.execute(
            select(
                Review.id, Review.plan_id, Organization.name, Review.tool_key, Review.purpose,
                Review.scheduled_for, Review.finalized_at, Review.outcome, Review.total_score,
                sections.c.section_keys, sections.c.section_scores, Review.next_review_due,
            )
            .join(Organization, Organization.id == Review.plan_id)
            .join(sections, true())
            .where(scope, Review.status == "finalized")
            .order_by(Review.finalized_at.desc(), Review.id)
        )
    ).all()  # fmt: skip
    history = [
        ProviderReviewRow(
            review_id=r.id,
            plan_id=r.plan_id,
            plan_name=r.name,
            tool_key=r.tool_key,
            purpose=r.purpose,
            scheduled_for=r.scheduled_for,
            finalized_on=_day(r.finalized_at),
            outcome=r.outcome,
            total=r.total_score,
            sections=dict(zip(r.section_keys or [], r.section_scores or [], strict=True)),
            next_review_due=r.next_review_due,
        )
        for r in rows
    ]
    due = min((h.next_review_due for h in history[:1] if h.next_review_due), default=None)
    ap_scope = and_(
        ActionPlan.provider_id == provider_id,
        plan_provider_clause(caller, ActionPlan.plan_id, ActionPlan.provider_id),
    )
    return ProviderDashboard(
        provider_id=provider.id,
        name=provider.name,
        npi=provider.npi,
        as_of=today,
        history=history,
        trend=await _trend(session, scope),
        action_plans=await _action_plans(session, ap_scope, today),
        next_review_due=due,
        review_due=review_due_status(due, today),
    )


async def state_dashboard(
    session: AsyncSession, caller: Caller, tool_key: str, since: date | None, until: date | None, limit: int
) -> StateDashboard:
    """One standardized tool across the jurisdiction: the latest finalized review of each plan-provider pair
    in the window. A state sees every plan; a plan sees the statewide distribution (aggregates) and, by plan
    and by provider, only its own network (another plan's figures are that plan's).

    Five statements: the jurisdiction's plans; the latest review of each pair (one narrow row each, read
    from ``ix_review_latest_finalized`` alone: no sort, no visit to the reviews); each section's scores over
    those reviews (one array per section); the sections of the lowest totals listed; and the quarterly
    trend (the same index). The distributions, the by-plan figures and the lowest totals are computed here
    (the domain's ``distribution``, the same quartiles as ``percentile_cont``), so the latest-per-pair
    search runs once (README, Benchmarks)."""
    if caller.organization_kind == "provider":
        # Aggregates of every plan's network: a provider's figures are in its own dashboard.
        raise not_found("state comparison")
    jurisdiction = select(Organization.jurisdiction).where(Organization.id == caller.organization_id)
    plan_names = dict(
        (
            await session.execute(
                select(Organization.id, Organization.name).where(
                    Organization.kind == "plan", Organization.jurisdiction == jurisdiction.scalar_subquery()
                )
            )
        )
        .tuples()
        .all()
    )
    # A list of ids (not a subquery) lets Postgres walk the index in (plan, provider, newest) order.
    window = [Review.tool_key == tool_key, Review.status == "finalized", Review.plan_id.in_(list(plan_names))]
    if since is not None:
        window.append(Review.finalized_at >= since)
    if until is not None:
        window.append(func.date(Review.finalized_at) <= until)
    # The latest review of each pair and its figures straight from the covering index (no sort, no visit to
    # the reviews), with its provider's name.
    latest_sq = (
        select(
            Review.plan_id, Review.provider_id, Review.outcome, Review.total_score, Review.finalized_at,
            Review.id,
        )
        .where(*window)
        .distinct(Review.plan_id, Review.provider_id)
        .order_by(Review.plan_id, Review.provider_id, Review.finalized_at.desc())
        .subquery()
    )  # fmt: skip
    # Core execution (the session's connection): 8,000 plain rows without the ORM's per-row loading.
    connection = await session.connection()
    latest = (
        await connection.execute(
            select(
                latest_sq.c.plan_id, latest_sq.c.provider_id, Organization.name, latest_sq.c.outcome,
                latest_sq.c.total_score, latest_sq.c.finalized_at, latest_sq.c.id,
            ).join(Organization, Organization.id == latest_sq.c.provider_id)
        )
    ).all()  # fmt: skip
    own = caller.organization_kind == "plan"
    shown = [r for r in latest if not own or r[0] == caller.organization_id]
    lowest = sorted(shown, key=lambda r: (r[4] is None, r[4] or 0.0, r[1]))[:limit]
    sections = await _section_scores(session, [r[6] for r in latest])
    lowest_sections = await _sections_of(session, [r[6] for r in lowest])
    quarter = func.date_trunc("quarter", Review.finalized_at)
    # Every review in the window, read from the covering index (tool key, plan, date, total).
    trend_rows = (
        await session.execute(
            select(Review.plan_id, quarter.label("quarter"), func.count(),
                   func.percentile_cont(0.5).within_group(Review.total_score))
            .where(*window, Review.plan_id == caller.organization_id if own else true())
            .group_by(Review.plan_id, quarter)
            .order_by(quarter, Review.plan_id)
        )
    ).all()  # fmt: skip
    total = _dist([r[4] for r in latest])
    return StateDashboard(
        tool_key=tool_key,
        reviews=total.count,
        total=total,
        sections=sections,
        by_plan=_by_plan(shown, plan_names),
        providers=[
            ProviderLatest(
                provider_id=r[1], name=r[2], plan_id=r[0], outcome=r[3], total=r[4],
                sections=lowest_sections.get(r[6], {}), finalized_on=_day(r[5]),
            )
            for r in lowest
        ],
        trend=[
            TrendPoint(plan_id=r[0], quarter=r[1].date(), reviews=r[2], median_total=r[3]) for r in trend_rows
        ],
    )  # fmt: skip


def _section_arrays() -> Any:
    """A review's section keys and scores (``review_section_score``) as two Postgres arrays in the
    scorecard's order: one row per review, decoded natively by the driver. The rows come in order from the
    covering primary key (an index-only scan, no sort per review). Untyped (``NullType``): the driver's
    lists as they come, without a per-item pass through SQLAlchemy's ARRAY."""
    ordered = (
        select(ReviewSectionScore.key, ReviewSectionScore.score)
        .where(ReviewSectionScore.review_id == Review.id)
        .order_by(ReviewSectionScore.position)
        .correlate_except(ReviewSectionScore)
        .lateral("section")
    )
    return (
        select(
            func.array_agg(ordered.c.key, type_=NullType()).label("section_keys"),
            func.array_agg(ordered.c.score, type_=NullType()).label("section_scores"),
        )
        .select_from(ordered)
        .lateral("sections")
    )


async def _section_scores(session: AsyncSession, review_ids: list[uuid.UUID]) -> list[DistributionOut]:
    """Each section's distribution over these reviews, by key: Postgres gathers each section's scores into
    one array (one row per section rather than every review's sections), the domain's ``distribution``
    computes the figures. A section's title is the least of its titles (versions of a tool may retitle
    one)."""
    rows = await session.execute(
        select(
            ReviewSectionScore.key,
            func.min(ReviewSectionScore.title),
            func.array_agg(ReviewSectionScore.score, type_=NullType()),
        )
        .where(ReviewSectionScore.review_id == any_(_uuid_array(review_ids)))
        .group_by(ReviewSectionScore.key)
    )
    return [_dist(scores, key, title) for key, title, scores in sorted(rows)]


async def _sections_of(
    session: AsyncSession, review_ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[str, float | None]]:
    """The section scores of a few reviews (the lowest totals listed), in each scorecard's order."""
    rows = await session.execute(
        select(ReviewSectionScore.review_id, ReviewSectionScore.key, ReviewSectionScore.score)
        .where(ReviewSectionScore.review_id == any_(_uuid_array(review_ids)))
        .order_by(ReviewSectionScore.review_id, ReviewSectionScore.position)
    )
    out: dict[uuid.UUID, dict[str, float | None]] = {}
    for review_id, key, score in rows:
        out.setdefault(review_id, {})[key] = score
    return out


def _uuid_array(ids: list[uuid.UUID]) -> Any:
    # One array parameter (not an IN list of thousands of parameters).
    return bindparam("review_ids", ids, type_=ARRAY(Uuid))


def _by_plan(shown: Sequence[Row[Any]], plan_names: dict[uuid.UUID, str]) -> list[PlanRow]:
    by_plan: dict[uuid.UUID, list[Row[Any]]] = {}
    for row in shown:
        by_plan.setdefault(row[0], []).append(row)
    out = []
    for plan_id, rows in by_plan.items():
        dist = distribution([r[4] for r in rows if r[4] is not None])
        outcomes = Counter(r[3] for r in rows)
        out.append(
            PlanRow(
                plan_id=plan_id, name=plan_names[plan_id], providers=len(rows),
                median_total=dist.median if dist else None, passed=outcomes["pass"],
                conditional_pass=outcomes["conditional_pass"], pip=outcomes["pip"],
            )
        )  # fmt: skip
    return sorted(out, key=lambda p: (p.name, p.plan_id))


def _dist(
    values: Sequence[float | None], key: str | None = None, title: str | None = None
) -> DistributionOut:
    dist = distribution([v for v in values if v is not None])
    if dist is None:
        return DistributionOut(key=key, title=title, count=0)
    return DistributionOut(
        key=key, title=title, count=dist.count, minimum=dist.minimum, q1=dist.q1, median=dist.median,
        q3=dist.q3, maximum=dist.maximum,
    )  # fmt: skip
