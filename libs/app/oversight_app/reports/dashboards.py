"""Dashboards: a plan's network, one provider's history, the state's comparison of one standardized tool.

Scores come from each finalized review's frozen scorecard (``review.scorecard``), the figures plans were
sent. Each dashboard is a handful of set-based statements whatever the network's size (the statement count
is printed by ``bench_reports``). No member data: scores, outcomes, dates, counts.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Float, and_, cast, column, func, select, true
from sqlalchemy.dialects.postgresql import JSONB, array
from sqlalchemy.ext.asyncio import AsyncSession

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
from oversight_db.models.reviews import Review
from oversight_domain.reports import review_due_status
from oversight_domain.statuses import ACTION_PLAN_ACTIVE

_TOTAL = cast(Review.scorecard["total"]["score"].astext, Float)
_QUARTILES = array([0.25, 0.5, 0.75], type_=Float)
_QUARTER = func.date_trunc("quarter", Review.finalized_at)


def _sections(scorecard: dict[str, Any] | None) -> dict[str, float | None]:
    if not scorecard:
        return {}
    return {s["key"]: s.get("score") for s in scorecard.get("sections", [])}


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
    latest = (
        select(
            Review.provider_id,
            Review.id.label("review_id"),
            Review.finalized_at,
            Review.outcome,
            Review.next_review_due,
            Review.tool_key,
            _TOTAL.label("total"),
            Review.scorecard["sections"].label("sections"),
        )
        .where(Review.plan_id == plan_id, Review.status == "finalized")
        .distinct(Review.provider_id)
        .order_by(Review.provider_id, Review.finalized_at.desc())
    )
    if program is not None:
        latest = latest.where(Review.program == program)
    latest_sq = latest.subquery()
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
            sections={s["key"]: s.get("score") for s in (r.sections or [])},
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
                func.avg(_TOTAL),
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
    rows = (
        await session.execute(
            select(Review, Organization.name)
            .join(Organization, Organization.id == Review.plan_id)
            .where(scope, Review.status == "finalized")
            .order_by(Review.finalized_at.desc(), Review.id)
        )
    ).all()
    history = [
        ProviderReviewRow(
            review_id=r.id,
            plan_id=r.plan_id,
            plan_name=name,
            tool_key=r.tool_key,
            purpose=r.purpose,
            scheduled_for=r.scheduled_for,
            finalized_on=_day(r.finalized_at),
            outcome=r.outcome,
            total=(r.scorecard or {}).get("total", {}).get("score"),
            sections=_sections(r.scorecard),
            next_review_due=r.next_review_due,
        )
        for r, name in rows
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
    and by provider, only its own network (another plan's figures are that plan's)."""
    if caller.organization_kind == "provider":
        # Aggregates of every plan's network: a provider's figures are in its own dashboard.
        raise not_found("state comparison")
    jurisdiction = select(Organization.jurisdiction).where(Organization.id == caller.organization_id)
    plans_in = select(Organization.id).where(
        Organization.kind == "plan", Organization.jurisdiction == jurisdiction.scalar_subquery()
    )
    window = [Review.tool_key == tool_key, Review.status == "finalized", Review.plan_id.in_(plans_in)]
    if since is not None:
        window.append(Review.finalized_at >= since)
    if until is not None:
        window.append(func.date(Review.finalized_at) <= until)
    latest = (
        select(
            Review.id,
            Review.plan_id,
            Review.provider_id,
            Review.outcome,
            Review.scorecard,
            Review.finalized_at,
        )
        .where(*window)
        .distinct(Review.plan_id, Review.provider_id)
        .order_by(Review.plan_id, Review.provider_id, Review.finalized_at.desc())
        .subquery()
    )
    total = cast(latest.c.scorecard["total"]["score"].astext, Float)
    section = (
        func.jsonb_array_elements(latest.c.scorecard["sections"])
        .table_valued(column("value", JSONB))
        .render_derived()
    )
    s_key = section.c.value["key"].astext
    s_score = cast(section.c.value["score"].astext, Float)
    quartiles = func.percentile_cont(_QUARTILES).within_group(s_score)
    dist_rows = (
        await session.execute(
            select(
                s_key, func.min(section.c.value["title"].astext), func.count(s_score), func.min(s_score),
                quartiles, func.max(s_score),
            )
            .select_from(latest)
            .join(section, true())
            .group_by(s_key)
        )
    ).all()  # fmt: skip
    t_quartiles = func.percentile_cont(_QUARTILES).within_group(total)
    total_row = (
        await session.execute(
            select(func.count(total), func.min(total), t_quartiles, func.max(total)).select_from(latest)
        )
    ).one()
    own = caller.organization_kind == "plan"
    plan_filter = latest.c.plan_id == caller.organization_id if own else true()
    by_plan_rows = (
        await session.execute(
            select(
                latest.c.plan_id, Organization.name, func.count(), func.percentile_cont(0.5).within_group(total),
                func.count().filter(latest.c.outcome == "pass"),
                func.count().filter(latest.c.outcome == "conditional_pass"),
                func.count().filter(latest.c.outcome == "pip"),
            )
            .join(Organization, Organization.id == latest.c.plan_id)
            .where(plan_filter)
            .group_by(latest.c.plan_id, Organization.name)
            .order_by(Organization.name)
        )
    ).all()  # fmt: skip
    provider_rows = (
        await session.execute(
            select(latest.c.plan_id, latest.c.provider_id, Organization.name, latest.c.outcome, total, latest.c.scorecard["sections"], latest.c.finalized_at)
            .join(Organization, Organization.id == latest.c.provider_id)
            .where(plan_filter)
            .order_by(total.asc().nulls_last(), latest.c.provider_id)
            .limit(limit)
        )
    ).all()  # fmt: skip
    quarter = func.date_trunc("quarter", Review.finalized_at)
    trend_rows = (
        await session.execute(
            select(Review.plan_id, quarter, func.count(), func.percentile_cont(0.5).within_group(_TOTAL))
            .where(*window, Review.plan_id == caller.organization_id if own else true())
            .group_by(Review.plan_id, quarter)
            .order_by(quarter, Review.plan_id)
        )
    ).all()
    return StateDashboard(
        tool_key=tool_key,
        reviews=total_row[0],
        total=_dist(total_row[0], total_row[1], total_row[2], total_row[3]),
        sections=[
            DistributionOut(key=r[0], title=r[1], **_dist(r[2], r[3], r[4], r[5]).model_dump(exclude={"key", "title"}))
            for r in sorted(dist_rows, key=lambda r: r[0])
        ],
        by_plan=[
            PlanRow(plan_id=r[0], name=r[1], providers=r[2], median_total=r[3], passed=r[4], conditional_pass=r[5], pip=r[6])
            for r in by_plan_rows
        ],
        providers=[
            ProviderLatest(
                provider_id=r[1], name=r[2], plan_id=r[0], outcome=r[3], total=r[4],
                sections={s["key"]: s.get("score") for s in (r[5] or [])}, finalized_on=_day(r[6]),
            )
            for r in provider_rows
        ],
        trend=[
            TrendPoint(plan_id=r[0], quarter=r[1].date(), reviews=r[2], median_total=r[3]) for r in trend_rows
        ],
    )  # fmt: skip


def _dist(count: int, low: float | None, q: list[float] | None, high: float | None) -> DistributionOut:
    if not count or q is None or low is None or high is None:
        return DistributionOut(count=0)
    return DistributionOut(count=count, minimum=low, q1=q[0], median=q[1], q3=q[2], maximum=high)
