"""Automated compliance checks over plain records (seed 003). All limits come from policy data
(:class:`~oversight_domain.tools.models.CompliancePolicy`, shipped in ``ecm-partnership.yaml``).

* Engagement cadence ("Engaging non-enrolled members: three times per 30 days. Engaging enrolled
  members: a minimum of once per 30 days"): the member's time is cut into consecutive 30-day windows
  from the start of each phase (not-enrolled phase: from ``assigned_on``; enrolled phase: from
  ``enrolled_on``), clipped to the review period. Only whole windows inside the period and phase are
  checked (a trailing partial window is not judged). Not-enrolled windows need ``3`` outreach attempts
  (successful or not); enrolled windows need ``1`` successful contact.
* TAR timeliness (Partnership policy MCUP3041): an initial TAR is due within 15 business days of the
  date of service, or - if later - within 60 calendar days of a primary-insurance denial or of
  retroactive eligibility; a renewal TAR at least 10 days before the prior approval ends. A late TAR
  names the rule whose deadline applied (the latest applicable one).
* Duplication of services: ECM spans overlapping a span of a listed program (TCM, CCM, ALW, MCWP,
  MSSP, HCBS I/DD waiver) for the same member.
* Staleness: the latest document of each kind (assessment, care plan) older than its age limit, or
  missing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from oversight_domain.calendars import Calendar, add_days
from oversight_domain.tools.models import (
    DuplicationPolicy,
    EngagementPolicy,
    StalenessPolicy,
    TarTimelinessPolicy,
)

# --------------------------------------------------------------------------- engagement


@dataclass(frozen=True, slots=True)
class Interaction:
    member_id: str
    on: date
    successful: bool
    """True for a contact with the member (or parent, caregiver, guardian); False for an attempt only."""


@dataclass(frozen=True, slots=True)
class MemberEngagement:
    member_id: str
    assigned_on: date
    enrolled_on: date | None = None
    ended_on: date | None = None
    """Last day the member was assigned/enrolled (disenrolled, transferred); ``None`` if ongoing."""


@dataclass(frozen=True, slots=True)
class EngagementWindow:
    """One whole window judged: the interactions it required and found (a gap when fewer were found)."""

    member_id: str
    phase: Literal["not_enrolled", "enrolled"]
    window_start: date
    window_end: date
    required: int
    found: int

    @property
    def met(self) -> bool:
        return self.found >= self.required


EngagementGap = EngagementWindow
"""A window that was not met."""


def engagement_gaps(
    members: Iterable[MemberEngagement],
    interactions: Iterable[Interaction],
    period_start: date,
    period_end: date,
    policy: EngagementPolicy,
) -> list[EngagementGap]:
    return list(_windows(members, interactions, period_start, period_end, policy, gaps_only=True))


def engagement_windows(
    members: Iterable[MemberEngagement],
    interactions: Iterable[Interaction],
    period_start: date,
    period_end: date,
    policy: EngagementPolicy,
) -> list[EngagementWindow]:
    """Every whole window of every member's phases inside the period, met or not."""
    return list(_windows(members, interactions, period_start, period_end, policy, gaps_only=False))


def _windows(
    members: Iterable[MemberEngagement],
    interactions: Iterable[Interaction],
    period_start: date,
    period_end: date,
    policy: EngagementPolicy,
    *,
    gaps_only: bool,
) -> Iterator[EngagementWindow]:
    by_member: dict[str, list[Interaction]] = defaultdict(list)
    for it in interactions:
        by_member[it.member_id].append(it)
    window = timedelta(days=policy.window_days)
    for m in members:
        end_all = min(period_end, m.ended_on) if m.ended_on else period_end
        phases: list[tuple[Literal["not_enrolled", "enrolled"], date, date, int]] = []
        pre_end = (m.enrolled_on - timedelta(days=1)) if m.enrolled_on else end_all
        phases.append(
            ("not_enrolled", m.assigned_on, min(pre_end, end_all), policy.not_enrolled_min_attempts)
        )
        if m.enrolled_on:
            phases.append(("enrolled", m.enrolled_on, end_all, policy.enrolled_min_contacts))
        # Sorted dates, counted per window by bisection: a member's windows times interactions would be
        # a plan's millions of interactions scanned a dozen times each.
        mine = by_member.get(m.member_id, [])
        attempts = sorted(it.on for it in mine)
        contacts = sorted(it.on for it in mine if it.successful)
        for phase, phase_start, phase_end, required in phases:
            if required <= 0:
                continue
            # windows are anchored at the phase start; the first checked one is the first inside the period
            start = phase_start
            if start < period_start:
                skip = (period_start - start).days // policy.window_days
                start += window * skip
                if start < period_start:
                    start += window
            counted = attempts if phase == "not_enrolled" else contacts
            while start + window - timedelta(days=1) <= phase_end:
                stop = start + window - timedelta(days=1)
                found = bisect_right(counted, stop) - bisect_left(counted, start)
                if not gaps_only or found < required:
                    yield EngagementWindow(m.member_id, phase, start, stop, required, found)
                start += window


# --------------------------------------------------------------------------- TAR timeliness


@dataclass(frozen=True, slots=True)
class Tar:
    tar_id: str
    member_id: str
    received_on: date
    kind: Literal["initial", "renewal"] = "initial"
    service_date: date | None = None
    primary_denial_on: date | None = None
    retro_eligibility_on: date | None = None
    prior_approval_ends_on: date | None = None


TarRule = Literal["service_date_15_business_days", "denial_or_retro_60_days", "renewal_10_days_before_end"]


@dataclass(frozen=True, slots=True)
class LateTar:
    tar_id: str
    member_id: str
    rule: TarRule
    due_on: date
    received_on: date
    days_late: int
    """Calendar days after ``due_on``."""


def tar_deadline(tar: Tar, policy: TarTimelinessPolicy, calendar: Calendar) -> tuple[TarRule, date]:
    """The deadline that applies to a TAR and the rule it comes from."""
    if tar.kind == "renewal":
        if tar.prior_approval_ends_on is None:
            raise ValueError(f"renewal TAR {tar.tar_id!r} needs prior_approval_ends_on")
        due = add_days(
            tar.prior_approval_ends_on, -policy.renewal_days_before_end, policy.renewal_day_type, calendar
        )
        return "renewal_10_days_before_end", due
    if tar.service_date is None:
        raise ValueError(f"initial TAR {tar.tar_id!r} needs service_date")
    best: tuple[TarRule, date] = (
        "service_date_15_business_days",
        add_days(tar.service_date, policy.service_days, policy.service_day_type, calendar),
    )
    for trigger in (tar.primary_denial_on, tar.retro_eligibility_on):
        if trigger is not None:
            due = add_days(trigger, policy.denial_or_retro_days, policy.denial_or_retro_day_type, calendar)
            if due > best[1]:
                best = ("denial_or_retro_60_days", due)
    return best


def late_tars(tars: Iterable[Tar], policy: TarTimelinessPolicy, calendar: Calendar) -> list[LateTar]:
    out: list[LateTar] = []
    for tar in tars:
        rule, due = tar_deadline(tar, policy, calendar)
        if tar.received_on > due:
            out.append(
                LateTar(tar.tar_id, tar.member_id, rule, due, tar.received_on, (tar.received_on - due).days)
            )
    return out


# --------------------------------------------------------------------------- duplication of services


@dataclass(frozen=True, slots=True)
class ServiceSpan:
    member_id: str
    program: str
    start: date
    end: date | None = None
    """Inclusive; ``None`` = ongoing."""


@dataclass(frozen=True, slots=True)
class Overlap:
    member_id: str
    program: str
    program_name: str
    start: date
    end: date | None


def duplicated_services(spans: Iterable[ServiceSpan], policy: DuplicationPolicy) -> list[Overlap]:
    """Overlaps (inclusive dates) between the policy's program (ECM) and a conflicting program."""
    mine: dict[str, list[ServiceSpan]] = defaultdict(list)
    others: dict[str, list[ServiceSpan]] = defaultdict(list)
    for span in spans:
        if span.end is not None and span.end < span.start:
            raise ValueError(f"span of {span.program} for {span.member_id!r} ends before it starts")
        if span.program == policy.program:
            mine[span.member_id].append(span)
        elif span.program in policy.conflicting_programs:
            others[span.member_id].append(span)
    out: list[Overlap] = []
    for member_id, own in mine.items():
        for a in own:
            for b in others.get(member_id, []):
                start = max(a.start, b.start)
                ends = [e for e in (a.end, b.end) if e is not None]
                end = min(ends) if ends else None
                if end is None or start <= end:
                    out.append(
                        Overlap(member_id, b.program, policy.conflicting_programs[b.program], start, end)
                    )
    out.sort(key=lambda o: (o.member_id, o.start, o.program))
    return out


# --------------------------------------------------------------------------- staleness


@dataclass(frozen=True, slots=True)
class CareDocument:
    member_id: str
    kind: str
    completed_on: date


@dataclass(frozen=True, slots=True)
class StaleDocument:
    member_id: str
    kind: str
    last_completed_on: date | None
    """``None`` when the member has no such document."""
    age_days: int | None
    max_age_days: int


def stale_documents(
    member_ids: Iterable[str], documents: Iterable[CareDocument], as_of: date, policy: StalenessPolicy
) -> list[StaleDocument]:
    latest: dict[tuple[str, str], date] = {}
    for d in documents:
        if d.completed_on <= as_of:
            key = (d.member_id, d.kind)
            if key not in latest or d.completed_on > latest[key]:
                latest[key] = d.completed_on
    out: list[StaleDocument] = []
    for member_id in member_ids:
        for kind, limit in policy.max_age_days.items():
            last = latest.get((member_id, kind))
            if last is None:
                out.append(StaleDocument(member_id, kind, None, None, limit))
            elif (as_of - last).days > limit:
                out.append(StaleDocument(member_id, kind, last, (as_of - last).days, limit))
    return out


# --------------------------------------------------------------------------- rule names

CHECK_RULES: tuple[str, ...] = (
    "engagement_gap",
    "missed_appointment",
    "tar_late",
    "tar_incorrect",
    "duplicated_service",
    "stale_document",
)
"""The rules the automated checks store results under (``oversight_app.checks``; a test keeps them in step)."""
