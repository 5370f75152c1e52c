"""Action plans: apply a domain escalation transition and persist what it says, once.

Used by the API (opening a PIP at finalization, recording an earlier PIP, submissions, decisions) and by
the worker's deadline sweep (:func:`on_deadline`, registered in ``oversight_app.action_plans.deadlines``:
PIP overdue -> CAP with holds, CAP overdue -> termination recommended, ``action_plan_due_soon``
reminders). The rules are ``oversight_domain.escalation.transition``; this module only stores the new
state, schedules or cancels deadlines and writes notices. Business days come from the deployment's
:class:`~oversight_app.calendars.Calendars`, which every caller passes in. Re-running an applied event
is a no-op (the machine returns no effects), and notices carry ``dedupe_key``s, so a sweep that runs twice
sends nothing twice.

Deadline rows (subject_type ``action_plan``):

* ``action_plan_overdue`` on the first day the plan is late (due date + 1): the machine escalates only
  when ``today > due_on``, and the sweep fires rows with ``due_on <= today``.
* ``action_plan_reminder`` on ``due_on - offset`` (14, 7, 1 days); the offset is recovered from the
  plan's current due date, so a reminder left from an earlier stage does nothing.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from oversight_app.business_calendars.service import for_organization
from oversight_app.calendars import Calendars
from oversight_db.deadlines import cancel_deadlines, schedule_deadline
from oversight_db.models.action_plans import ActionPlan
from oversight_db.models.deadlines import Deadline
from oversight_db.models.reviews import ToolVersionRecord
from oversight_db.outbox import add_notice
from oversight_db.tools import tool_from_row
from oversight_domain.escalation import (
    ActionPlanState,
    ClearDeadlines,
    DuePassed,
    Event,
    NoticeOwed,
    OpenPip,
    ReminderDue,
    SetDeadline,
    Transition,
    record_existing_pip,
    transition,
)
from oversight_domain.statuses import ActionPlanStatus
from oversight_domain.tools import EscalationPolicy

SUBJECT_TYPE = "action_plan"
OVERDUE = "action_plan_overdue"
REMINDER = "action_plan_reminder"
_DEADLINE_KINDS = {"action_plan_due": OVERDUE, "action_plan_reminder": REMINDER}
SWEEP_ACTOR = "system:deadline_sweep"


def state_of(row: ActionPlan) -> ActionPlanState:
    return ActionPlanState(
        status=ActionPlanStatus(row.status),
        technical_assistance=row.technical_assistance,
        pip_issued_on=row.issued_on,
        due_on=row.due_on,
        cap_opened_on=row.cap_opened_on,
        submitted_on=row.submitted_on,
        closed_on=row.closed_on,
        holds=tuple(row.holds),
        reminders_sent=tuple(row.reminders_sent),
        overdue_notified=row.overdue_notified,
    )


def _store_state(row: ActionPlan, state: ActionPlanState) -> None:
    row.status = state.status
    row.kind = state.stage
    row.technical_assistance = state.technical_assistance
    row.issued_on = state.pip_issued_on
    row.due_on = state.due_on
    row.cap_opened_on = state.cap_opened_on
    row.submitted_on = state.submitted_on
    row.closed_on = state.closed_on
    row.holds = list(state.holds)
    row.reminders_sent = list(state.reminders_sent)
    row.overdue_notified = state.overdue_notified


async def policy_of(session: AsyncSession, row: ActionPlan) -> EscalationPolicy:
    tool_row = await session.get(ToolVersionRecord, row.tool_version_id)
    assert tool_row is not None
    return tool_from_row(tool_row).policies.escalation


def notice_data(row: ActionPlan) -> dict[str, Any]:
    # Ids, dates and states only; never member data.
    return {
        "action_plan_id": str(row.id),
        "review_id": str(row.review_id) if row.review_id else None,
        "plan_id": str(row.plan_id),
        "provider_id": str(row.provider_id),
        "program": row.program,
        "stage": row.kind,
        "status": row.status,
        "issued_on": row.issued_on.isoformat(),
        "due_on": row.due_on.isoformat(),
        "holds": list(row.holds),
    }


async def _persist_effects(
    session: AsyncSession,
    row: ActionPlan,
    result: Transition,
    seq: int,
    notice_extra: dict[str, Any] | None = None,
) -> None:
    for effect in result.effects:
        if isinstance(effect, SetDeadline):
            await _schedule(session, row, effect)
        elif isinstance(effect, ClearDeadlines):
            await cancel_deadlines(session, SUBJECT_TYPE, row.id, [_DEADLINE_KINDS[k] for k in effect.kinds])
        elif isinstance(effect, NoticeOwed):
            await _notify(session, row, effect, seq, notice_extra)
        # PlaceHolds / ReleaseHolds: the holds are part of the stored state; standing reads them.


async def _schedule(session: AsyncSession, row: ActionPlan, effect: SetDeadline) -> None:
    kind = _DEADLINE_KINDS[effect.kind]
    due = effect.due_on + timedelta(days=1) if kind == OVERDUE else effect.due_on
    await schedule_deadline(
        session,
        organization_id=row.plan_id,
        subject_type=SUBJECT_TYPE,
        subject_id=row.id,
        kind=kind,
        due_on=due,
        day_type=effect.day_type,
        calendar=row.calendar,
    )


async def _notify(
    session: AsyncSession, row: ActionPlan, effect: NoticeOwed, seq: int, extra: dict[str, Any] | None
) -> None:
    """One notice per recipient; ``seq`` is the event's place in the plan's history; ``extra``: facts of the
    cause the notice kind declares (what closed the plan)."""
    data = {**notice_data(row), "notice_stage": effect.stage, **(extra or {})}
    if effect.due_on is not None:
        data["due_on"] = effect.due_on.isoformat()
    for recipient in effect.recipients:
        to_provider = recipient == "provider"
        await add_notice(
            session,
            kind=effect.kind,
            recipient_organization_id=row.provider_id if to_provider else row.plan_id,
            recipient_role=None if to_provider else "plan_admin",
            subject_type=SUBJECT_TYPE,
            subject_id=row.id,
            data=data,
            # The event's place in the plan's history makes the key unique per occurrence and
            # the same when a sweep re-runs a step it already applied.
            dedupe_key=f"{effect.kind}:{row.id}:{effect.stage}:{effect.due_on}:{seq}:{recipient}",
        )


def _history_entry(
    event: Event, today: date, actor: str, state: ActionPlanState, note: dict[str, Any] | None
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "event": event.kind,
        "on": today.isoformat(),
        "at": datetime.now(UTC).isoformat(),
        "actor": actor,
        "status": state.status,
        "due_on": state.due_on.isoformat(),
    }
    if isinstance(event, ReminderDue):
        entry["offset"] = event.offset
    if note:
        entry.update(note)
    return entry


async def apply_event(
    session: AsyncSession,
    row: ActionPlan,
    event: Event,
    today: date,
    *,
    actor: str,
    calendars: Calendars,
    policy: EscalationPolicy | None = None,
    note: dict[str, Any] | None = None,
    notice_extra: dict[str, Any] | None = None,
) -> Transition:
    """Apply ``event`` to a stored plan (lock it first) and persist the effects. Raises the domain's
    ``InvalidTransition`` when the event does not apply."""
    policy = policy or await policy_of(session, row)
    before = state_of(row)
    calendars = await for_organization(session, calendars, row.plan_id)
    result = transition(before, event, today, policy, calendars.of(row.calendar))
    if result.plan == before and not result.effects:
        return result
    _store_state(row, result.plan)
    row.history = [*row.history, _history_entry(event, today, actor, result.plan, note)]
    row.updated_at = datetime.now(UTC)  # set here, not by the server, so the row stays readable after flush
    await session.flush()
    await _persist_effects(session, row, result, len(row.history), notice_extra)
    return result


async def open_pip(
    session: AsyncSession,
    *,
    plan_id: uuid.UUID,
    provider_id: uuid.UUID,
    tool_row: ToolVersionRecord,
    review_id: uuid.UUID | None,
    issued_on: date,
    today: date,
    actor: str,
    calendars: Calendars,
    technical_assistance: bool = False,
    note: dict[str, Any] | None = None,
) -> ActionPlan:
    """Open a PIP issued on ``issued_on`` (today at finalization, or earlier when recording a PIP
    issued before Oversight; then an already-passed due date escalates at once, as the sweep would).
    Raises ``EscalationConfigError`` when the tool gives no PIP period."""
    tool = tool_from_row(tool_row)
    policy = tool.policies.escalation
    calendar = (await for_organization(session, calendars, plan_id)).of(policy.calendar)
    event = OpenPip(issued_on, technical_assistance)
    opened = transition(None, event, today, policy, calendar)
    result = opened
    if issued_on < today:
        result = record_existing_pip(
            issued_on, today, policy, calendar, technical_assistance=technical_assistance
        )
    row = ActionPlan(
        id=uuid.uuid4(),
        review_id=review_id,
        plan_id=plan_id,
        provider_id=provider_id,
        tool_version_id=tool_row.id,
        program=tool.program,
        day_type=policy.day_type,
        calendar=policy.calendar,
        created_by=actor,
        history=[],
    )
    _store_state(row, result.plan)
    entries = [_history_entry(event, today, actor, opened.plan, note)]
    if result.plan != opened.plan:
        entries.append(_history_entry(DuePassed(), today, actor, result.plan, None))
    row.history = entries
    session.add(row)
    await session.flush()
    await _persist_effects(session, row, result, len(row.history))
    return row


async def on_deadline(session: AsyncSession, deadline: Deadline, today: date, calendars: Calendars) -> None:
    """The worker's sweep found an action plan deadline due: escalate or remind (idempotent)."""
    row = await session.scalar(
        select(ActionPlan).where(ActionPlan.id == deadline.subject_id).with_for_update()
    )
    if row is None:
        return
    event: Event
    if deadline.kind == OVERDUE:
        event = DuePassed()
    elif deadline.kind == REMINDER:
        event = ReminderDue((row.due_on - deadline.due_on).days)
    else:
        return
    await apply_event(session, row, event, today, actor=SWEEP_ACTOR, calendars=calendars)
