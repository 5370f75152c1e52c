"""Running the automated checks over a plan's imported activity, per provider and member, and storing what
they find (``check_result``).

The rules are ``oversight_domain.compliance`` (seed 003) plus missed appointments and incorrect TARs
(below); their limits are the ECM tool's ``compliance`` policies. A run computes every result of a plan's
provider as of a day, then: a result not stored yet is opened; a stored result found again is kept (and
reopened if it had closed); a stored open result not found any more is closed. Running twice changes
nothing. Opening and closing notify the plan when the policy says so (``policies/check-notices.yaml``), with counts
only — a notice never names a member.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.checks.engagement import as_interactions, counted_interactions, engaged_members
from oversight_app.reviews.suggestions import refresh_for_provider
from oversight_db.models.activity import CareDocument, CheckResult, MemberInteraction, ProgramSpan
from oversight_db.models.activity import TreatmentAuthorization as TarRow
from oversight_db.models.members import Enrollment
from oversight_db.models.organizations import NetworkLink, Organization
from oversight_db.outbox import add_notice
from oversight_domain import compliance as rules
from oversight_domain.calendars import Calendar
from oversight_domain.policies import check_notice_rules
from oversight_domain.tools import shipped_tools
from oversight_domain.tools.models import CompliancePolicy

# How far back a run looks (calendar days before ``as_of``): engagement windows and missed appointments.
LOOKBACK_DAYS = 365


def compliance_policy(program: str = "ecm") -> CompliancePolicy:
    """The latest shipped tool's compliance policy for the program (seed 003's ECM tool)."""
    tools = [t for t in shipped_tools() if t.program == program and t.policies.compliance is not None]
    if not tools:
        return CompliancePolicy()
    policy = sorted(tools, key=lambda t: t.version)[-1].policies.compliance
    assert policy is not None
    return policy


@dataclass
class Found:
    member_id: uuid.UUID
    rule: str
    subject_key: str
    starts_on: date
    ends_on: date | None
    clause: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class RunOutcome:
    opened: int
    closed: int
    open_total: int


async def _enrollments(session: AsyncSession, plan_id: uuid.UUID, provider_id: uuid.UUID) -> list[Any]:
    return list(
        (
            await session.execute(
                select(
                    Enrollment.member_id, Enrollment.status, Enrollment.start_date, Enrollment.end_date
                ).where(
                    Enrollment.plan_id == plan_id,
                    Enrollment.provider_id == provider_id,
                    Enrollment.program == "ecm",
                )
            )
        ).all()
    )


def _engagement(
    enrollments: list[Any], interactions: list[Any], as_of: date, policy: CompliancePolicy
) -> list[Found]:
    if policy.engagement is None:
        return []
    members = engaged_members(enrollments)
    seen = as_interactions(interactions)
    gaps = rules.engagement_gaps(
        members, seen, as_of - timedelta(days=LOOKBACK_DAYS), as_of, policy.engagement
    )
    return [
        Found(
            uuid.UUID(g.member_id),
            "engagement_gap",
            f"{g.phase}:{g.window_start.isoformat()}",
            g.window_start,
            g.window_end,
            clause=g.phase,
            details={"required": g.required, "found": g.found, "window_days": policy.engagement.window_days},
            sources=[
                {
                    "table": "member_interaction",
                    "window": [g.window_start.isoformat(), g.window_end.isoformat()],
                }
            ],
        )
        for g in gaps
    ]


def _missed(interactions: list[Any], as_of: date) -> list[Found]:
    since = as_of - timedelta(days=LOOKBACK_DAYS)
    return [
        Found(
            i.member_id,
            "missed_appointment",
            i.source_id,
            i.occurred_on,
            i.occurred_on,
            sources=[{"table": "member_interaction", "id": str(i.id), "source_id": i.source_id}],
        )
        for i in interactions
        if i.kind == "appointment" and i.outcome == "missed" and since <= i.occurred_on <= as_of
    ]


def _tars(
    tars: list[Any], enrollments: list[Any], policy: CompliancePolicy, calendar: Calendar
) -> list[Found]:
    out: list[Found] = []
    population = {e.member_id: e.population for e in enrollments if getattr(e, "population", None)}
    for t in tars:
        source = [{"table": "treatment_authorization", "id": str(t.id), "source_id": t.source_id}]
        if policy.tar_timeliness is not None:
            tar = rules.Tar(
                t.source_id,
                str(t.member_id),
                t.received_on,
                t.kind,
                t.service_date,
                t.primary_denial_on,
                t.retro_eligibility_on,
                t.prior_approval_ends_on,
            )
            for late in rules.late_tars([tar], policy.tar_timeliness, calendar):
                out.append(
                    Found(
                        t.member_id,
                        "tar_late",
                        t.source_id,
                        t.service_date or t.received_on,
                        t.received_on,
                        clause=late.rule,
                        details={
                            "due_on": late.due_on.isoformat(),
                            "received_on": late.received_on.isoformat(),
                            "days_late": late.days_late,
                            "calendar": calendar.jurisdiction,
                        },
                        sources=source,
                    )
                )
        missing = [
            name
            for name, value in (
                ("procedure_code", t.procedure_code),
                ("diagnosis_code", t.diagnosis_code),
                ("quantity", t.quantity),
                ("population_of_focus", t.population_of_focus),
            )
            if value in (None, "", 0)
        ]
        expected = population.get(t.member_id)
        if t.population_of_focus and expected and t.population_of_focus != expected:
            missing.append("population_of_focus_mismatch")
        if missing:
            out.append(
                Found(
                    t.member_id,
                    "tar_incorrect",
                    t.source_id,
                    t.service_date or t.received_on,
                    t.received_on,
                    clause=",".join(missing),
                    details={"problems": missing},
                    sources=source,
                )
            )
    return out


def _overlaps(enrollments: list[Any], spans: list[Any], policy: CompliancePolicy) -> list[Found]:
    if policy.duplication is None:
        return []
    program = policy.duplication.program
    values = [rules.ServiceSpan(str(e.member_id), program, e.start_date, e.end_date) for e in enrollments]
    by_key = {(str(s.member_id), s.program, s.start_date): s for s in spans}
    values += [rules.ServiceSpan(str(s.member_id), s.program, s.start_date, s.end_date) for s in spans]
    found = []
    for o in rules.duplicated_services(values, policy.duplication):
        span = next(
            (
                s
                for (m, p, _), s in by_key.items()
                if m == o.member_id and p == o.program and (s.end_date is None or s.end_date >= o.start)
            ),
            None,
        )
        found.append(
            Found(
                uuid.UUID(o.member_id),
                "duplicated_service",
                f"{o.program}:{o.start.isoformat()}",
                o.start,
                o.end,
                clause=o.program,
                details={"program": o.program, "program_name": o.program_name},
                sources=[{"table": "program_span", "id": str(span.id), "source_id": span.source_id}]
                if span
                else [],
            )
        )
    return found


def _stale(
    enrollments: list[Any], documents: list[Any], as_of: date, policy: CompliancePolicy
) -> list[Found]:
    if policy.staleness is None:
        return []
    docs = [
        rules.CareDocument(str(d.member_id), d.kind, max(d.completed_on, d.updated_on or d.completed_on))
        for d in documents
    ]
    active = {
        str(e.member_id)
        for e in enrollments
        if e.status == "enrolled" and (e.end_date is None or e.end_date >= as_of)
    }
    return [
        Found(
            uuid.UUID(s.member_id),
            "stale_document",
            s.kind,
            s.last_completed_on or as_of,
            as_of,
            clause="missing" if s.last_completed_on is None else "outdated",
            details={"kind": s.kind, "age_days": s.age_days, "max_age_days": s.max_age_days},
            sources=[{"table": "care_document", "kind": s.kind}],
        )
        for s in rules.stale_documents(sorted(active), docs, as_of, policy.staleness)
    ]


async def findings_for_provider(
    session: AsyncSession, plan_id: uuid.UUID, provider_id: uuid.UUID, as_of: date, calendar: Calendar
) -> list[Found]:
    policy = compliance_policy()
    enrollments = list(
        (
            await session.execute(
                select(
                    Enrollment.member_id,
                    Enrollment.status,
                    Enrollment.start_date,
                    Enrollment.end_date,
                    Enrollment.population,
                ).where(
                    Enrollment.plan_id == plan_id,
                    Enrollment.provider_id == provider_id,
                    Enrollment.program == "ecm",
                )
            )
        ).all()
    )
    scope = (MemberInteraction.plan_id == plan_id, MemberInteraction.provider_id == provider_id)
    since = as_of - timedelta(days=LOOKBACK_DAYS)
    # Only the run's year: no window starts before ``since``.
    interactions = list(
        (
            await session.execute(
                counted_interactions(*scope, MemberInteraction.occurred_on.between(since, as_of))
            )
        ).all()
    )
    missed = list(
        (
            await session.execute(
                select(
                    MemberInteraction.id,
                    MemberInteraction.member_id,
                    MemberInteraction.source_id,
                    MemberInteraction.occurred_on,
                    MemberInteraction.kind,
                    MemberInteraction.outcome,
                ).where(
                    *scope,
                    MemberInteraction.kind == "appointment",
                    MemberInteraction.outcome == "missed",
                    MemberInteraction.occurred_on.between(since, as_of),
                )
            )
        ).all()
    )
    tars = list(
        (
            await session.scalars(
                select(TarRow).where(TarRow.plan_id == plan_id, TarRow.provider_id == provider_id)
            )
        ).all()
    )
    documents = list(
        (
            await session.execute(
                select(
                    CareDocument.member_id,
                    CareDocument.kind,
                    CareDocument.completed_on,
                    CareDocument.updated_on,
                ).where(CareDocument.plan_id == plan_id, CareDocument.provider_id == provider_id)
            )
        ).all()
    )
    member_ids = {e.member_id for e in enrollments}
    spans = [
        s
        for s in (await session.scalars(select(ProgramSpan).where(ProgramSpan.plan_id == plan_id))).all()
        if s.member_id in member_ids
    ]
    return (
        _engagement(enrollments, interactions, as_of, policy)
        + _missed(missed, as_of)
        + _tars(tars, enrollments, policy, calendar)
        + _overlaps(enrollments, spans, policy)
        + _stale(enrollments, documents, as_of, policy)
    )


async def store_results(
    session: AsyncSession, plan_id: uuid.UUID, provider_id: uuid.UUID, found: list[Found], now: datetime
) -> RunOutcome:
    stored = {
        (r.member_id, r.rule, r.subject_key): r
        for r in (
            await session.scalars(
                select(CheckResult).where(
                    CheckResult.plan_id == plan_id, CheckResult.provider_id == provider_id
                )
            )
        ).all()
    }
    opened: dict[str, int] = defaultdict(int)
    closed: dict[str, int] = defaultdict(int)
    current = set()
    for f in found:
        key = (f.member_id, f.rule, f.subject_key)
        current.add(key)
        row = stored.get(key)
        if row is None:
            session.add(
                CheckResult(
                    id=uuid.uuid4(),
                    plan_id=plan_id,
                    provider_id=provider_id,
                    member_id=f.member_id,
                    rule=f.rule,
                    clause=f.clause,
                    subject_key=f.subject_key,
                    status="open",
                    starts_on=f.starts_on,
                    ends_on=f.ends_on,
                    details=f.details,
                    sources=f.sources,
                    times_opened=1,
                    opened_at=now,
                    last_run_at=now,
                )
            )
            opened[f.rule] += 1
            continue
        if row.status == "closed":
            row.status, row.closed_at, row.opened_at = "open", None, now
            row.times_opened += 1
            opened[f.rule] += 1
        row.clause, row.details, row.sources, row.ends_on, row.last_run_at = (
            f.clause,
            f.details,
            f.sources,
            f.ends_on,
            now,
        )
    for key, row in stored.items():
        if key not in current and row.status == "open":
            row.status, row.closed_at, row.last_run_at = "closed", now, now
            closed[row.rule] += 1
    await session.flush()
    await _notify(session, plan_id, provider_id, opened, closed, now)
    open_total = sum(1 for r in stored.values() if r.status == "open") + sum(
        1 for f in found if (f.member_id, f.rule, f.subject_key) not in stored
    )
    return RunOutcome(sum(opened.values()), sum(closed.values()), open_total)


async def _notify(
    session: AsyncSession,
    plan_id: uuid.UUID,
    provider_id: uuid.UUID,
    opened: dict[str, int],
    closed: dict[str, int],
    now: datetime,
) -> None:
    notifying = check_notice_rules()
    notify_opened = {k: v for k, v in opened.items() if k in notifying}
    notify_closed = {k: v for k, v in closed.items() if k in notifying}
    if not notify_opened and not notify_closed:
        return
    await add_notice(
        session,
        kind="check_results_changed",
        recipient_organization_id=plan_id,
        subject_type="organization",
        subject_id=provider_id,
        data={
            "plan_id": str(plan_id),
            "provider_id": str(provider_id),
            "opened": notify_opened,
            "closed": notify_closed,
            "run_at": now.isoformat(),
        },
    )


async def run_checks(
    session: AsyncSession, plan_id: uuid.UUID, as_of: date, calendar: Calendar, now: datetime | None = None
) -> dict[uuid.UUID, RunOutcome]:
    """Every provider in the plan's ECM network; the caller owns the transaction. The pending suggested
    findings of the provider's reviews in progress follow the new results."""
    providers = (
        await session.scalars(
            select(NetworkLink.provider_id).where(
                NetworkLink.plan_id == plan_id, NetworkLink.program == "ecm"
            )
        )
    ).all()
    moment = now or datetime.now(UTC)
    out = {}
    for provider_id in sorted(set(providers)):
        found = await findings_for_provider(session, plan_id, provider_id, as_of, calendar)
        out[provider_id] = await store_results(session, plan_id, provider_id, found, moment)
        await refresh_for_provider(session, plan_id, provider_id)
    return out


async def plan_jurisdiction(session: AsyncSession, plan_id: uuid.UUID) -> str:
    value = await session.scalar(select(Organization.jurisdiction).where(Organization.id == plan_id))
    return value or "US"
