"""Action plans (PIP -> CAP -> termination recommendation) as a pure state machine.

Seed 003: below 80% a PIP is sent and the provider has 90 days to correct; failing that, a CAP with
30 days during which the provider cannot enroll new ECM members nor submit authorizations "until
100% compliant"; failing that, the provider may be administratively terminated or de-credentialed
(here: ``termination_recommended`` - the plan decides). Seed 000: initial NC monitoring reviews are
technical assistance and have no corrective action plans - a technical-assistance plan never becomes
a CAP (when the policy's ``technical_assistance_exempt`` is on); when overdue it only owes an overdue
notice.

``transition(plan, event, today, policy, calendar)`` returns the new state and the effects the
caller must carry out (notices to send, deadlines to store, holds to place or lift). It never reads a
clock: ``today`` is given. Every transition is idempotent: applying the same event to the state it
produced returns that state unchanged with no effects. Events that make no sense in a state (accepting
a plan nobody submitted, submitting a closed plan) raise :class:`InvalidTransition`.

Dates:
* PIP due = ``add_days(issued_on, pip_days, day_type, calendar)``.
* A PIP not submitted by its due date escalates when the sweep runs on a day after the due date
  (``today > due_on``); the CAP opens on that day and is due ``cap_days`` later, so the provider
  always gets the full CAP period from the notice.
* A plan that is submitted is not overdue while the plan reviews it; if it is returned after the due
  date, the next sweep escalates it.
* Reminders (``action_plan_due_soon``) are owed ``reminder_offsets`` calendar days before the due date
  (14, 7, 1); the deadlines to fire them are returned as ``SetDeadline("action_plan_reminder", ...)``
  with the offset, skipping dates already past.
* Holds placed when a CAP opens are released when the CAP is accepted (the provider is compliant).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from oversight_domain.calendars import Calendar, add_days
from oversight_domain.statuses import (
    ACTION_PLAN_ACTIVE,
    ACTION_PLAN_AWAITING_DECISION,
    ACTION_PLAN_AWAITING_PROVIDER,
    ActionPlanStatus,
    ProviderStanding,
)
from oversight_domain.tools.models import EscalationPolicy
from oversight_domain.types import DayType

Stage = Literal["pip", "cap"]
Role = Literal["provider", "plan_admins"]

BOTH: tuple[Role, ...] = ("provider", "plan_admins")


class InvalidTransition(ValueError):
    """The event does not apply to the plan's state."""


class EscalationConfigError(ValueError):
    """The tool's escalation policy lacks a number needed here (e.g. NC PIP days not in the seeds)."""


# --------------------------------------------------------------------------- state


@dataclass(frozen=True, slots=True)
class ActionPlanState:
    status: ActionPlanStatus
    technical_assistance: bool
    pip_issued_on: date
    due_on: date
    """Due date of the current stage (PIP or CAP)."""
    cap_opened_on: date | None = None
    submitted_on: date | None = None
    closed_on: date | None = None
    holds: tuple[str, ...] = ()
    reminders_sent: tuple[int, ...] = ()
    overdue_notified: bool = False

    @property
    def stage(self) -> Stage:
        return "cap" if self.cap_opened_on is not None else "pip"


# --------------------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class OpenPip:
    issued_on: date
    technical_assistance: bool = False
    kind: Literal["open_pip"] = "open_pip"


@dataclass(frozen=True, slots=True)
class Submit:
    submitted_on: date
    kind: Literal["submit"] = "submit"


@dataclass(frozen=True, slots=True)
class Accept:
    accepted_on: date
    kind: Literal["accept"] = "accept"


@dataclass(frozen=True, slots=True)
class Return:
    returned_on: date
    kind: Literal["return"] = "return"


@dataclass(frozen=True, slots=True)
class DuePassed:
    """The deadline sweep found the plan's due date passed."""

    kind: Literal["due_passed"] = "due_passed"


@dataclass(frozen=True, slots=True)
class ReminderDue:
    offset: int
    kind: Literal["reminder_due"] = "reminder_due"


@dataclass(frozen=True, slots=True)
class Close:
    """The plan ends without a decision on a submission: a follow-up review showed compliance (seed 003
    "until 100% compliant"; only an active plan), or a dispute removed its basis (any plan not closed)."""

    closed_on: date
    reason: Literal["follow_up", "dispute"]
    kind: Literal["close"] = "close"


@dataclass(frozen=True, slots=True)
class Downgrade:
    """A dispute overturned the last escalation: a CAP goes back to a PIP (holds lifted), a termination
    recommendation back to a CAP (holds kept), each due on ``due_on``."""

    on: date
    due_on: date
    kind: Literal["downgrade"] = "downgrade"


Event = OpenPip | Submit | Accept | Return | DuePassed | ReminderDue | Close | Downgrade


# --------------------------------------------------------------------------- effects


@dataclass(frozen=True, slots=True)
class NoticeOwed:
    kind: str
    """``action_plan_opened``, ``action_plan_submitted``, ``action_plan_accepted``,
    ``action_plan_returned``, ``action_plan_due_soon``, ``action_plan_overdue``,
    ``termination_recommended``."""
    recipients: tuple[Role, ...]
    stage: Stage
    due_on: date | None = None


@dataclass(frozen=True, slots=True)
class SetDeadline:
    kind: Literal["action_plan_due", "action_plan_reminder"]
    due_on: date
    day_type: DayType
    offset: int | None = None


@dataclass(frozen=True, slots=True)
class ClearDeadlines:
    kinds: tuple[str, ...] = ("action_plan_due", "action_plan_reminder")


@dataclass(frozen=True, slots=True)
class PlaceHolds:
    holds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReleaseHolds:
    holds: tuple[str, ...]


Effect = NoticeOwed | SetDeadline | ClearDeadlines | PlaceHolds | ReleaseHolds


@dataclass(frozen=True, slots=True)
class Transition:
    plan: ActionPlanState
    effects: tuple[Effect, ...] = ()


# --------------------------------------------------------------------------- machine


def _due_deadlines(
    due_on: date, today: date, policy: EscalationPolicy, sent: tuple[int, ...]
) -> list[Effect]:
    effects: list[Effect] = [SetDeadline("action_plan_due", due_on, policy.day_type)]
    for offset in sorted(policy.reminder_offsets, reverse=True):
        when = due_on - timedelta(days=offset)
        if when >= today and offset not in sent:
            effects.append(SetDeadline("action_plan_reminder", when, "calendar", offset))
    return effects


def _days(value: int | None, what: str) -> int:
    if value is None:
        raise EscalationConfigError(f"the tool's escalation policy sets no {what}")
    return value


def is_technical_assistance(
    policy: EscalationPolicy, *, prior_reviews_with_tool: int, visit_purpose_is_ta: bool = False
) -> bool:
    """Whether a new review is for technical assistance (its action plans never become CAPs).

    Seed 000: "Initial monitoring reviews will be for technical assistance and will not have corrective
    action plans." A review scheduled for technical assistance always is one; otherwise, when the tool's
    policy ``first_review_is_technical_assistance`` is on, it is one exactly when
    ``prior_reviews_with_tool`` (the plan's earlier, non-cancelled reviews of the provider with the same
    tool) is 0.
    """
    return visit_purpose_is_ta or (
        policy.first_review_is_technical_assistance and prior_reviews_with_tool == 0
    )


def transition(
    plan: ActionPlanState | None,
    event: Event,
    today: date,
    policy: EscalationPolicy,
    calendar: Calendar,
) -> Transition:
    """Apply ``event`` on ``today``. ``plan`` is ``None`` only for :class:`OpenPip`."""
    if isinstance(event, OpenPip):
        return _open(plan, event, today, policy, calendar)
    if plan is None:
        raise InvalidTransition(f"no action plan to apply {event.kind!r} to")
    if isinstance(event, Submit):
        return _submit(plan, event)
    if isinstance(event, Accept):
        return _accept(plan, event)
    if isinstance(event, Return):
        return _return(plan, event, today, policy)
    if isinstance(event, DuePassed):
        return _due_passed(plan, today, policy, calendar)
    if isinstance(event, Close):
        return _close(plan, event)
    if isinstance(event, Downgrade):
        return _downgrade(plan, event, today, policy)
    return _reminder(plan, event, today, policy)


def _open(
    plan: ActionPlanState | None, event: OpenPip, today: date, policy: EscalationPolicy, calendar: Calendar
) -> Transition:
    if plan is not None:
        if plan.pip_issued_on == event.issued_on and plan.technical_assistance == event.technical_assistance:
            return Transition(plan)
        raise InvalidTransition("an action plan is already open")
    if event.issued_on > today:
        raise InvalidTransition("a PIP cannot be issued in the future")
    due = add_days(event.issued_on, _days(policy.pip_days, "PIP days"), policy.day_type, calendar)
    new = ActionPlanState(ActionPlanStatus.PIP_OPEN, event.technical_assistance, event.issued_on, due)
    return Transition(
        new,
        (NoticeOwed("action_plan_opened", BOTH, "pip", due), *_due_deadlines(due, today, policy, ())),
    )


def _submit(plan: ActionPlanState, event: Submit) -> Transition:
    if plan.status in ACTION_PLAN_AWAITING_DECISION:
        return Transition(plan)
    if plan.status not in ACTION_PLAN_AWAITING_PROVIDER:
        raise InvalidTransition(f"cannot submit a plan that is {plan.status}")
    status = (
        ActionPlanStatus.PIP_SUBMITTED
        if plan.status == ActionPlanStatus.PIP_OPEN
        else ActionPlanStatus.CAP_SUBMITTED
    )
    new = replace(plan, status=status, submitted_on=event.submitted_on)
    return Transition(
        new, (NoticeOwed("action_plan_submitted", ("plan_admins",), plan.stage), ClearDeadlines())
    )


def _accept(plan: ActionPlanState, event: Accept) -> Transition:
    if plan.status == ActionPlanStatus.CLOSED:
        return Transition(plan)
    if plan.status not in ACTION_PLAN_AWAITING_DECISION:
        raise InvalidTransition(f"cannot accept a plan that is {plan.status}")
    new = replace(plan, status=ActionPlanStatus.CLOSED, closed_on=event.accepted_on, holds=())
    effects: list[Effect] = [NoticeOwed("action_plan_accepted", BOTH, plan.stage)]
    if plan.holds:
        effects.append(ReleaseHolds(plan.holds))
    return Transition(new, tuple(effects))


def _return(plan: ActionPlanState, event: Return, today: date, policy: EscalationPolicy) -> Transition:
    if plan.status in ACTION_PLAN_AWAITING_PROVIDER:
        return Transition(plan)
    if plan.status not in ACTION_PLAN_AWAITING_DECISION:
        raise InvalidTransition(f"cannot return a plan that is {plan.status}")
    status = (
        ActionPlanStatus.PIP_OPEN
        if plan.status == ActionPlanStatus.PIP_SUBMITTED
        else ActionPlanStatus.CAP_OPEN
    )
    new = replace(plan, status=status, submitted_on=None)
    return Transition(
        new,
        (
            NoticeOwed("action_plan_returned", ("provider",), plan.stage, plan.due_on),
            *_due_deadlines(plan.due_on, today, policy, plan.reminders_sent),
        ),
    )


def _due_passed(
    plan: ActionPlanState, today: date, policy: EscalationPolicy, calendar: Calendar
) -> Transition:
    if plan.status not in ACTION_PLAN_AWAITING_PROVIDER or today <= plan.due_on:
        return Transition(plan)
    overdue = NoticeOwed("action_plan_overdue", BOTH, plan.stage, plan.due_on)
    if (
        plan.status == ActionPlanStatus.PIP_OPEN
        and plan.technical_assistance
        and policy.technical_assistance_exempt
    ):
        # Seed 000: technical-assistance reviews have no corrective action plan.
        if plan.overdue_notified:
            return Transition(plan)
        return Transition(replace(plan, overdue_notified=True), (overdue,))
    if plan.status == ActionPlanStatus.PIP_OPEN:
        due = add_days(today, _days(policy.cap_days, "CAP days"), policy.day_type, calendar)
        holds = tuple(policy.holds_on_cap)
        new = replace(
            plan,
            status=ActionPlanStatus.CAP_OPEN,
            cap_opened_on=today,
            due_on=due,
            holds=holds,
            reminders_sent=(),
            overdue_notified=False,
        )
        effects: list[Effect] = [overdue, NoticeOwed("action_plan_opened", BOTH, "cap", due)]
        if holds:
            effects.append(PlaceHolds(holds))
        effects.extend(_due_deadlines(due, today, policy, ()))
        return Transition(new, tuple(effects))
    # CAP overdue (seed 003: "may be administratively terminated or de-credentialed")
    new = replace(plan, status=ActionPlanStatus.TERMINATION_RECOMMENDED, overdue_notified=True)
    return Transition(
        new,
        (
            overdue,
            NoticeOwed("termination_recommended", ("plan_admins",), "cap", plan.due_on),
            ClearDeadlines(),
        ),
    )


def _close(plan: ActionPlanState, event: Close) -> Transition:
    if plan.status == ActionPlanStatus.CLOSED:
        return Transition(plan)
    if event.reason == "follow_up" and plan.status not in ACTION_PLAN_ACTIVE:
        raise InvalidTransition(f"a follow-up cannot close a plan that is {plan.status}")
    new = replace(plan, status=ActionPlanStatus.CLOSED, closed_on=event.closed_on, holds=())
    effects: list[Effect] = [NoticeOwed("action_plan_closed", BOTH, plan.stage), ClearDeadlines()]
    if plan.holds:
        effects.append(ReleaseHolds(plan.holds))
    return Transition(new, tuple(effects))


def _downgrade(plan: ActionPlanState, event: Downgrade, today: date, policy: EscalationPolicy) -> Transition:
    if plan.status in ACTION_PLAN_AWAITING_PROVIDER and plan.due_on == event.due_on:
        return Transition(plan)  # already applied
    if event.due_on < today:
        raise InvalidTransition("the new due date is in the past")
    effects: list[Effect] = [ClearDeadlines()]
    if plan.status in {ActionPlanStatus.CAP_OPEN, ActionPlanStatus.CAP_SUBMITTED}:
        new = replace(
            plan,
            status=ActionPlanStatus.PIP_OPEN,
            cap_opened_on=None,
            due_on=event.due_on,
            submitted_on=None,
            holds=(),
            reminders_sent=(),
            overdue_notified=False,
        )
        if plan.holds:
            effects.append(ReleaseHolds(plan.holds))
    elif plan.status == ActionPlanStatus.TERMINATION_RECOMMENDED:
        new = replace(
            plan,
            status=ActionPlanStatus.CAP_OPEN,
            due_on=event.due_on,
            submitted_on=None,
            holds=tuple(policy.holds_on_cap),
            reminders_sent=(),
            overdue_notified=False,
        )
    else:
        raise InvalidTransition(f"there is no escalation to undo on a plan that is {plan.status}")
    effects.append(NoticeOwed("action_plan_downgraded", BOTH, new.stage, new.due_on))
    effects.extend(_due_deadlines(new.due_on, today, policy, ()))
    return Transition(new, tuple(effects))


def _reminder(plan: ActionPlanState, event: ReminderDue, today: date, policy: EscalationPolicy) -> Transition:
    if (
        plan.status not in ACTION_PLAN_AWAITING_PROVIDER
        or event.offset not in policy.reminder_offsets
        or event.offset in plan.reminders_sent
        or today < plan.due_on - timedelta(days=event.offset)
        or today > plan.due_on
    ):
        return Transition(plan)
    new = replace(plan, reminders_sent=(*plan.reminders_sent, event.offset))
    return Transition(new, (NoticeOwed("action_plan_due_soon", ("provider",), plan.stage, plan.due_on),))


def record_existing_pip(
    issued_on: date,
    today: date,
    policy: EscalationPolicy,
    calendar: Calendar,
    *,
    technical_assistance: bool = False,
) -> Transition:
    """Record a PIP issued before it was entered here: due date from ``issued_on``; if that date has
    already passed, the overdue step is applied as of ``today`` (effects of both, in order)."""
    opened = transition(None, OpenPip(issued_on, technical_assistance), today, policy, calendar)
    swept = transition(opened.plan, DuePassed(), today, policy, calendar)
    if not swept.effects:
        return opened
    # deadlines of the already-past PIP stage are superseded by the sweep's
    kept = tuple(e for e in opened.effects if not isinstance(e, SetDeadline))
    return Transition(swept.plan, kept + swept.effects)


# --------------------------------------------------------------------------- provider standing


@dataclass(frozen=True, slots=True)
class Standing:
    """What partner platforms check before enrolling a member or submitting an authorization."""

    standing: ProviderStanding
    can_enroll_members: bool
    can_submit_authorizations: bool
    active_plans: int
    """Plans the provider or the plan still has to act on (open or submitted)."""


def provider_standing(plans: Iterable[tuple[str, Iterable[str]]]) -> Standing:
    """A provider's standing from its action plans, given as ``(status, holds)`` pairs.

    The worst stage counts: any plan ending in a termination recommendation, else any CAP (open or
    submitted), else any PIP; closed plans count for nothing. Seed 003: during a CAP the provider "will
    not be able to enroll new ECM members nor submit authorizations until 100% compliant" - that is
    what the holds placed on the CAP say (``new_enrollment``, ``authorizations``).
    """
    statuses: set[ActionPlanStatus] = set()
    holds: set[str] = set()
    active = 0
    for status, plan_holds in plans:
        plan_status = ActionPlanStatus(status)
        if plan_status == ActionPlanStatus.CLOSED:
            continue
        statuses.add(plan_status)
        holds.update(plan_holds)
        active += plan_status in ACTION_PLAN_ACTIVE
    if ActionPlanStatus.TERMINATION_RECOMMENDED in statuses:
        standing = ProviderStanding.TERMINATION_RECOMMENDED
    elif statuses & {ActionPlanStatus.CAP_OPEN, ActionPlanStatus.CAP_SUBMITTED}:
        standing = ProviderStanding.CAP
    elif statuses & {ActionPlanStatus.PIP_OPEN, ActionPlanStatus.PIP_SUBMITTED}:
        standing = ProviderStanding.PIP
    else:
        standing = ProviderStanding.GOOD
    return Standing(
        standing=standing,
        can_enroll_members="new_enrollment" not in holds,
        can_submit_authorizations="authorizations" not in holds,
        active_plans=active,
    )
