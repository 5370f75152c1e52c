"""A review's scorecard report (seed 003's ECM Review Tool / Audit Scorecard): the data the XLSX, the PDF and
the findings CSV print, gathered once.

The numbers are the scorecard's own (``finalize.get_scorecard``: the frozen snapshot once finalized), so an
export never disagrees with ``GET .../scorecard``. Member identity (CIN, age, gender, plan code, enrollment
date) is read only for callers holding ``members:read``, and that read is audited like every other member-data
read (``review.records_read`` with ``phi: true``, plus ``report.scorecard_exported``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.audit import audit_event
from oversight_app.caller import Caller
from oversight_app.permissions import Permission
from oversight_app.reports.evidence import evidence_cited
from oversight_app.reviews.finalize import get_scorecard
from oversight_app.reviews.schemas import ScorecardOut
from oversight_app.reviews.service import load_review, tool_of
from oversight_db.models.members import Enrollment, Member
from oversight_db.models.organizations import Organization, ProviderSite
from oversight_db.models.reviews import Finding, Review, ReviewRecord
from oversight_domain.reports import (
    age_years_months,
    compliance_rate,
    populations_checked,
    purposes_checked,
    scoring_procedure,
)
from oversight_domain.tools import ToolVersion

OUTCOME_LABELS = {"pass": "Pass", "conditional_pass": "Conditional Pass", "pip": "PIP"}
ANSWER_LABELS = {"yes": "Yes", "no": "No", "na": "N/A"}


@dataclass(frozen=True)
class Header:
    """Seed 003's header. Partnership No, phone, fax and contact person/title are the provider's own fields
    (blank when unset); the reviewer is the actor who finalized the review (or scheduled it, before that)."""

    provider_name: str
    review_date: date
    partnership_no: str
    site_npi: str
    address: str
    city_zip: str
    reviewer: str
    contact: str
    phone: str
    fax: str
    email: str
    records_reviewed: int
    plan_name: str
    tool_title: str
    tool_version: str
    status: str


@dataclass(frozen=True)
class SectionRow:
    title: str
    yes: int
    no: int
    na: int
    score: Decimal | None  # 0..1


@dataclass(frozen=True)
class RecordRow:
    """One sampled record of the ECM Records Reference. Identity fields are None when withheld."""

    number: int
    record_id: uuid.UUID
    draw_number: int
    score: Decimal | None
    failed: bool
    cin: str | None = None
    age: str | None = None
    gender: str | None = None
    plan_code: str | None = None
    enrollment_date: date | None = None


@dataclass(frozen=True)
class FindingRow:
    section: str
    element_key: str
    element_title: str
    level: str
    record_number: int | None
    answer: str
    points_given: int
    points_possible: int
    comment: str | None
    correction_required: bool
    corrected_on: date | None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScorecardReport:
    review_id: uuid.UUID
    header: Header
    visit_purpose: list[tuple[str, bool]]
    populations: list[tuple[str, bool]]
    sections: list[SectionRow]
    total_yes: int
    total_no: int
    total_na: int
    total_score: Decimal | None
    outcome: str | None
    sections_requiring_action: list[str]
    scoring_procedure: str
    compliance_rate: str
    next_review_due: date | None
    final: bool
    identity: bool  # the records reference carries member identity
    records: list[RecordRow] = field(default_factory=list)
    findings: list[FindingRow] = field(default_factory=list)

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.outcome or "", "Not scored")


async def build_scorecard_report(
    session: AsyncSession, caller: Caller, review_id: uuid.UUID, *, export_format: str
) -> ScorecardReport:
    review = await load_review(session, caller, review_id)
    card = await get_scorecard(session, caller, review_id)
    tool = await tool_of(session, review)
    identity = caller.can(Permission.MEMBERS_READ)
    header = await _header(session, review, card, tool.title)
    records = await _records(session, review, card, identity)
    findings = await _findings(session, review, tool, {r.record_id: r.number for r in records})
    section_rows = [
        SectionRow(s.title, s.yes_points, s.no_points, s.na_count, s.score) for s in card.sections
    ]
    await audit_event(
        session,
        caller,
        "report.scorecard_exported",
        "review",
        review.id,
        {"format": export_format, "records": len(records), "phi": identity},
    )
    if identity and records:
        # The same event a records read writes: who read which review's member identities, and how many.
        await audit_event(
            session,
            caller,
            "review.records_read",
            "review",
            review.id,
            {"records": len(records), "phi": True},
        )
    return ScorecardReport(
        review_id=review.id,
        header=header,
        visit_purpose=purposes_checked(review.purpose),
        populations=populations_checked(review.populations_of_focus or []),
        sections=section_rows,
        total_yes=card.total.yes_points,
        total_no=card.total.possible_points - card.total.yes_points,
        total_na=sum(s.na_count for s in card.sections),
        total_score=card.total.score,
        outcome=card.outcome,
        sections_requiring_action=[s.title for s in card.sections if s.key in card.sections_requiring_action],
        scoring_procedure=scoring_procedure(tool),
        compliance_rate=compliance_rate(tool),
        next_review_due=review.next_review_due,
        final=card.final,
        identity=identity,
        records=records,
        findings=findings,
    )


async def _header(session: AsyncSession, review: Review, card: ScorecardOut, tool_title: str) -> Header:
    provider = await session.get(Organization, review.provider_id)
    plan = await session.get(Organization, review.plan_id)
    assert provider is not None and plan is not None
    # The provider's own site first, then the reviewing plan's entry (never another plan's).
    site = await session.scalar(
        select(ProviderSite)
        .where(
            ProviderSite.provider_id == provider.id,
            ProviderSite.owner_id.in_([provider.id, plan.id]),
        )
        .order_by((ProviderSite.owner_id == provider.id).desc(), ProviderSite.name)
        .limit(1)
    )
    emails = provider.settings.get("emails") or []
    address = ", ".join(p for p in (site.address_line, site.state) if p) if site else ""
    city_zip = " ".join(p for p in (site.city, site.postal_code) if p) if site else ""
    return Header(
        provider_name=provider.name,
        review_date=review.scheduled_for,
        partnership_no=provider.partnership_no or "",
        site_npi=provider.npi or "",
        address=address,
        city_zip=city_zip,
        reviewer=review.finalized_by or review.created_by,
        contact=" / ".join(p for p in (provider.contact_name, provider.contact_title) if p),
        phone=provider.phone or "",
        fax=provider.fax or "",
        email=str(emails[0]) if emails else "",
        records_reviewed=len(card.records),
        plan_name=plan.name,
        tool_title=tool_title,
        tool_version=review.tool_version,
        status=review.status,
    )


async def _records(
    session: AsyncSession, review: Review, card: ScorecardOut, identity: bool
) -> list[RecordRow]:
    scored = {r.record_id: r for r in card.records}
    rows = (
        await session.execute(
            select(ReviewRecord.id, ReviewRecord.draw_number, ReviewRecord.member_id)
            .where(ReviewRecord.review_id == review.id, ReviewRecord.id.in_(list(scored)))
            .order_by(ReviewRecord.draw_number, ReviewRecord.stratum, ReviewRecord.position)
        )
    ).all()
    members: dict[uuid.UUID, tuple[str, date, str | None, str | None, date | None]] = {}
    if identity and rows:
        members = await _member_identity(session, review, [r.member_id for r in rows])
    on = review.finalized_at.date() if review.finalized_at else review.scheduled_for
    out = []
    for number, (record_id, draw_number, member_id) in enumerate(rows, start=1):
        score = scored[record_id]
        row = RecordRow(number, record_id, draw_number, score.score, score.failed)
        if member_id in members:
            cin, birth, gender, plan_code, enrolled = members[member_id]
            years, months = age_years_months(birth, on)
            row = RecordRow(
                number,
                record_id,
                draw_number,
                score.score,
                score.failed,
                cin=cin,
                age=f"{years}/{months}",
                gender=gender or "",
                plan_code=plan_code or "",
                enrollment_date=enrolled,
            )
        out.append(row)
    return out


async def _member_identity(
    session: AsyncSession, review: Review, member_ids: list[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, date, str | None, str | None, date | None]]:
    # "Member's Enrollment Date or Effective Date Assigned to Member - more recent date should be noted"
    # (seed 003): the latest start of an enrollment with this provider in the program, up to the period's end.
    latest = (
        select(func.max(Enrollment.start_date))
        .where(
            Enrollment.member_id == Member.id,
            Enrollment.provider_id == review.provider_id,
            Enrollment.program == review.program,
            Enrollment.start_date <= review.period_end,
        )
        .scalar_subquery()
    )
    rows = (
        await session.execute(
            select(
                Member.id, Member.member_number, Member.birth_date, Member.gender, Member.plan_code, latest
            ).where(Member.id.in_(member_ids), Member.plan_id == review.plan_id)
        )
    ).all()
    return {r[0]: (r[1], r[2], r[3], r[4], r[5]) for r in rows}


async def _findings(
    session: AsyncSession, review: Review, tool: ToolVersion, numbers: dict[uuid.UUID, int]
) -> list[FindingRow]:
    where: dict[str, tuple[int, str, str, str, int]] = {}
    for s_index, section in enumerate(tool.sections):
        for e_index, element in enumerate(section.elements):
            order = s_index * 1000 + e_index
            where[element.key] = (order, section.title, element.title, element.level, element.points)
    rows = (await session.scalars(select(Finding).where(Finding.review_id == review.id))).all()
    evidence = await evidence_cited(session, review.id)
    out = []
    for f in rows:
        if f.element_key not in where:
            continue
        if f.record_id is not None and f.record_id not in numbers:
            continue  # an excluded record's answers are not part of the scorecard
        _, section_title, title, level, points = where[f.element_key]
        out.append(
            FindingRow(
                section=section_title,
                element_key=f.element_key,
                element_title=title,
                level=level,
                record_number=numbers.get(f.record_id) if f.record_id else None,
                answer=ANSWER_LABELS.get(f.answer, f.answer),
                points_given=points if f.answer == "yes" else 0,
                points_possible=0 if f.answer == "na" else points,
                comment=f.comment,
                correction_required=f.correction_required,
                corrected_on=f.corrected_on,
                evidence=tuple(evidence.get(f.id, ())),
            )
        )
    out.sort(key=lambda r: (where[r.element_key][0], r.record_number or 0))
    return out
