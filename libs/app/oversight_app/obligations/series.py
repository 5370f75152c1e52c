"""Occurrences of an obligation series: creating one with its deadlines, and the next one after it.

Shared by the materialiser (a series' first occurrence), the provider's submission and the deadline handler
(the next occurrence, when one is submitted or falls due). Creating is idempotent: the unique occurrence
indexes make a second insert of the same (link, kind, site, sequence) a no-op, so a sweep that runs twice or
a submission racing the sweep creates each occurrence once.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import and_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_db import audit
from oversight_db.deadlines import schedule_deadline
from oversight_db.models.deadlines import Deadline
from oversight_db.models.obligations import ProviderObligation
from oversight_db.models.organizations import NetworkLink
from oversight_domain.obligations import ObligationKind, due_on, has_occurrence, load_policy, reminder_dates

SUBJECT_TYPE = "provider_obligation"
# Who the audit trail names for what the worker does on its own.
SYSTEM_ACTOR = "system:obligations"


def kind_of(row: ProviderObligation) -> ObligationKind | None:
    """The row's kind in its program's policy (None if a later policy dropped the kind)."""
    return load_policy(row.program).kinds.get(row.kind)


def link_in_force(link: NetworkLink, today: date) -> bool:
    """Reminders go only while the contract is active; a suspended one keeps its series, silently."""
    return link.status == "active" and (link.effective_to is None or link.effective_to >= today)


def link_ended(link: NetworkLink, today: date) -> bool:
    """A terminated or expired contract owes nothing further: its series stops."""
    return link.status == "terminated" or (link.effective_to is not None and link.effective_to < today)


async def create_occurrence(
    session: AsyncSession,
    *,
    link: NetworkLink,
    kind_key: str,
    kind: ObligationKind,
    site_id: uuid.UUID | None,
    anchor_on: date,
    sequence: int,
    today: date,
) -> uuid.UUID | None:
    """Insert one occurrence with its deadlines and an audit event; None if it already existed."""
    due = due_on(kind, anchor_on, sequence)
    new_id = await session.scalar(
        insert(ProviderObligation)
        .values(
            id=uuid.uuid4(),
            plan_id=link.plan_id,
            provider_id=link.provider_id,
            network_link_id=link.id,
            site_id=site_id,
            program=link.program,
            kind=kind_key,
            sequence=sequence,
            anchor_on=anchor_on,
            due_on=due,
            status="due",
            version=1,
        )
        .on_conflict_do_nothing()
        .returning(ProviderObligation.id)
    )
    if new_id is None:
        return None
    for deadline_kind, fires_on in reminder_dates(kind, due).items():
        # A reminder whose day has gone is not sent late; the due and overdue steps always run.
        if fires_on >= today or not deadline_kind.startswith("reminder_"):
            await schedule_deadline(
                session,
                organization_id=link.plan_id,
                subject_type=SUBJECT_TYPE,
                subject_id=new_id,
                kind=deadline_kind,
                due_on=fires_on,
            )
    changes: dict[str, Any] = {
        "kind": kind_key,
        "sequence": sequence,
        "due_on": due.isoformat(),
        "anchor_on": anchor_on.isoformat(),
        "provider_id": str(link.provider_id),
    }
    if site_id is not None:
        changes["site_id"] = str(site_id)
    await audit.record(
        session,
        organization_id=link.plan_id,
        actor=SYSTEM_ACTOR,
        action="obligation.created",
        entity_type="provider_obligation",
        entity_id=new_id,
        changes=changes,
    )
    return new_id


async def ensure_next(session: AsyncSession, row: ProviderObligation, link: NetworkLink, today: date) -> None:
    """The occurrence after ``row``, unless the cadence ends or the contract did."""
    kind = kind_of(row)
    if kind is None or link_ended(link, today) or not has_occurrence(kind, row.sequence + 1):
        return
    await create_occurrence(
        session,
        link=link,
        kind_key=row.kind,
        kind=kind,
        site_id=row.site_id,
        anchor_on=row.anchor_on,
        sequence=row.sequence + 1,
        today=today,
    )


async def stop_reminders(session: AsyncSession, obligation_id: uuid.UUID) -> None:
    """Submitted: no more reminders or overdue notice (the ``due`` step stays: it only creates the next)."""
    await session.execute(
        update(Deadline)
        .where(
            Deadline.subject_type == SUBJECT_TYPE,
            Deadline.subject_id == obligation_id,
            Deadline.state == "pending",
            Deadline.kind != "due",
        )
        .values(state="cancelled")
    )


async def rearm_reminders(session: AsyncSession, obligation_id: uuid.UUID, today: date) -> None:
    """Returned: owed again, so the reminders (and overdue notice) cancelled by the submission that still
    lie ahead fire after all."""
    await session.execute(
        update(Deadline)
        .where(
            and_(
                Deadline.subject_type == SUBJECT_TYPE,
                Deadline.subject_id == obligation_id,
                Deadline.state == "cancelled",
                Deadline.due_on >= today,
            )
        )
        .values(state="pending")
    )
