"""The obligations handler of the worker's deadline sweep (listed in the worker's ``HANDLER_MODULES``).

Each occurrence has deadlines ``reminder_<n>`` (n days before its due date: the kind's policy, e.g. 30 and 7
for the program narrative), ``due`` (on the due date: the next occurrence is created, whether or not this one
was submitted) and ``overdue`` (the policy's days after: a notice to the provider, copied to the plan's
admins). Reminders and the overdue notice go only while the occurrence is owed and the contract is active.

Idempotent: notices carry a ``dedupe_key`` naming (occurrence, deadline kind, due date) and the next
occurrence's insert is a no-op when it exists, so a sweep that runs twice, or after a crash, does each once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.obligations.series import SUBJECT_TYPE, ensure_next, kind_of, link_in_force
from oversight_db.deadlines import deadline_handler
from oversight_db.models.deadlines import Deadline
from oversight_db.models.obligations import ProviderObligation
from oversight_db.models.organizations import NetworkLink
from oversight_db.outbox import add_notice
from oversight_domain.obligations import OWED, ObligationStatus


def notice_data(row: ProviderObligation, title: str) -> dict[str, Any]:
    """What every obligation notice carries: ids and dates, nothing about members."""
    data: dict[str, Any] = {
        "obligation_id": str(row.id),
        "obligation_kind": row.kind,
        "title": title,
        "sequence": row.sequence,
        "due_on": row.due_on.isoformat(),
        "plan_id": str(row.plan_id),
        "provider_id": str(row.provider_id),
    }
    if row.site_id is not None:
        data["site_id"] = str(row.site_id)
    return data


@deadline_handler(SUBJECT_TYPE)
async def on_obligation_deadline(session: AsyncSession, deadline: Deadline, today: date) -> None:
    found = (
        await session.execute(
            select(ProviderObligation, NetworkLink)
            .join(NetworkLink, NetworkLink.id == ProviderObligation.network_link_id)
            .where(ProviderObligation.id == deadline.subject_id)
        )
    ).one_or_none()
    if found is None:  # its site was removed, and the series with it
        return
    row, link = found
    kind = kind_of(row)
    if kind is None:
        return
    if deadline.kind in ("due", "overdue"):
        await ensure_next(session, row, link, today)
    owed = ObligationStatus(row.status) in OWED
    if not owed or not link_in_force(link, today) or deadline.kind == "due":
        return
    data = notice_data(row, kind.title)
    key = f"{SUBJECT_TYPE}:{row.id}:{deadline.kind}:{row.due_on.isoformat()}"
    if deadline.kind == "overdue":
        for recipient, role, suffix in ((row.provider_id, None, ""), (row.plan_id, "plan_admin", ":plan")):
            await add_notice(
                session,
                kind="obligation_overdue",
                recipient_organization_id=recipient,
                recipient_role=role,
                subject_type=SUBJECT_TYPE,
                subject_id=row.id,
                data=data,
                dedupe_key=key + suffix,
            )
        return
    if today > row.due_on:
        # A sweep that ran late: "due in 7 days" after the due date would mislead; the overdue notice covers it.
        return
    data["days_before"] = (row.due_on - deadline.due_on).days
    await add_notice(
        session,
        kind="obligation_reminder",
        recipient_organization_id=row.provider_id,
        subject_type=SUBJECT_TYPE,
        subject_id=row.id,
        data=data,
        dedupe_key=key,
    )
