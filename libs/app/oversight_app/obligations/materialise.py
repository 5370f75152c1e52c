"""Finding the anchors of obligation series in the data and creating each series' first occurrence.

Run by the worker (a cron job, and at start-up): it looks at every contract in force for a program with an
obligations policy (ECM, seed 003) and creates what is missing —

- ``first_enrollment`` (program narrative, one series per plan-provider link): the start date of the first
  member the plan enrolled with the provider in the program (status ``enrolled``, or ``disenrolled``: that
  member was enrolled once); an enrollment starting after today has not happened yet;
- ``site_added`` (peer sharing, one series per site and link): the day the site was entered in Oversight (in
  the deadline time zone), the nearest thing to "services began at the site" the data holds. A site counts for
  a plan when the plan can see it: the provider's own sites and the plan's own entries.

A series starts at its first occurrence due today or later (``oversight_domain.obligations.first_owed``):
occurrences that fell due before Oversight knew of the anchor are not invented as overdue. An anchor found
once is kept; later changes to the data (an earlier enrollment sent afterwards) do not move a series.
Idempotent: a series that has any occurrence is left alone.
"""

from __future__ import annotations

from datetime import date, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.obligations.series import create_occurrence
from oversight_db.models.members import Enrollment
from oversight_db.models.obligations import ProviderObligation
from oversight_db.models.organizations import PROGRAMS, NetworkLink, ProviderSite
from oversight_domain.obligations import ObligationKind, ObligationPolicy, first_owed, load_policy

# Enrollment statuses that mean the member was enrolled (seed 003 counts "first member enrolled").
ENROLLED = ("enrolled", "disenrolled")


def _policies() -> dict[str, ObligationPolicy]:
    found = {}
    for program in PROGRAMS:
        try:
            found[program] = load_policy(program)
        except KeyError:
            continue
    return found


def _in_force(today: date) -> ColumnElement[bool]:
    return (
        (NetworkLink.status == "active")
        & (NetworkLink.effective_from <= today)
        & or_(NetworkLink.effective_to.is_(None), NetworkLink.effective_to >= today)
    )


def _series_exists(kind_key: str, site: Any = None) -> ColumnElement[bool]:
    clause = exists().where(
        ProviderObligation.network_link_id == NetworkLink.id, ProviderObligation.kind == kind_key
    )
    if site is not None:
        clause = clause.where(ProviderObligation.site_id == site)
    return clause


async def materialise_obligations(session: AsyncSession, today: date, tz: tzinfo) -> int:
    """Create the first occurrence of every series whose anchor exists and that has none; returns how many."""
    created = 0
    for program, policy in _policies().items():
        for kind_key, kind in policy.kinds.items():
            if kind.anchor == "first_enrollment":
                created += await _from_first_enrollments(session, program, kind_key, kind, today)
            else:
                created += await _from_sites(session, program, kind_key, kind, today, tz)
    return created


async def _from_first_enrollments(
    session: AsyncSession, program: str, kind_key: str, kind: ObligationKind, today: date
) -> int:
    first = func.min(Enrollment.start_date)
    rows = await session.execute(
        select(NetworkLink, first)
        .join(
            Enrollment,
            (Enrollment.plan_id == NetworkLink.plan_id)
            & (Enrollment.provider_id == NetworkLink.provider_id)
            & (Enrollment.program == NetworkLink.program),
        )
        .where(
            NetworkLink.program == program,
            _in_force(today),
            Enrollment.status.in_(ENROLLED),
            Enrollment.start_date <= today,
            ~_series_exists(kind_key),
        )
        .group_by(NetworkLink.id)
        .order_by(NetworkLink.id)
    )
    created = 0
    for link, anchor in rows.tuples():
        created += await _start(session, link, kind_key, kind, None, anchor, today)
    return created


async def _from_sites(
    session: AsyncSession, program: str, kind_key: str, kind: ObligationKind, today: date, tz: tzinfo
) -> int:
    rows = await session.execute(
        select(NetworkLink, ProviderSite.id, ProviderSite.created_at)
        .join(
            ProviderSite,
            (ProviderSite.provider_id == NetworkLink.provider_id)
            & ProviderSite.owner_id.in_([NetworkLink.plan_id, NetworkLink.provider_id]),
        )
        .where(NetworkLink.program == program, _in_force(today), ~_series_exists(kind_key, ProviderSite.id))
        .order_by(NetworkLink.id, ProviderSite.id)
    )
    created = 0
    for link, site_id, added_at in rows.tuples():
        anchor = added_at.astimezone(tz).date()
        created += await _start(session, link, kind_key, kind, site_id, anchor, today)
    return created


async def _start(
    session: AsyncSession,
    link: NetworkLink,
    kind_key: str,
    kind: ObligationKind,
    site_id: Any,
    anchor: date,
    today: date,
) -> int:
    first = first_owed(kind, anchor, today)
    if first is None:
        return 0
    new_id = await create_occurrence(
        session,
        link=link,
        kind_key=kind_key,
        kind=kind,
        site_id=site_id,
        anchor_on=anchor,
        sequence=first[0],
        today=today,
    )
    return 0 if new_id is None else 1
