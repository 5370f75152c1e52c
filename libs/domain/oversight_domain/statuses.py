"""Every status set, once: the database CHECK constraints, the domain rules and the API schemas take their
values from these enums (the values are the strings stored and sent)."""

from __future__ import annotations

from enum import StrEnum


class ReviewPurpose(StrEnum):
    """Why a review is scheduled (``technical_assistance``: no corrective action plans, seed 000)."""

    INITIAL = "initial"
    MONITORING = "monitoring"
    FOLLOW_UP = "follow_up"
    TECHNICAL_ASSISTANCE = "technical_assistance"
    OTHER = "other"


class ReviewStatus(StrEnum):
    """A review's life: scheduled, in progress once samples or findings are recorded, then final."""

    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    FINALIZED = "finalized"
    CANCELLED = "cancelled"


OPEN_REVIEW_STATUSES: frozenset[ReviewStatus] = frozenset({ReviewStatus.SCHEDULED, ReviewStatus.IN_PROGRESS})
"""A review that is neither finalized nor cancelled: findings and samples may still change."""


class SampleRecordStatus(StrEnum):
    """A drawn member: in the sample, held in reserve (the oversample), or excluded (and replaced); ``held``:
    drawn up front and reviewed only if the first records fail (the ``upfront`` sampling method, NCQA 8/30)."""

    SAMPLED = "sampled"
    RESERVE = "reserve"
    EXCLUDED = "excluded"
    HELD = "held"


class ActionPlanStatus(StrEnum):
    """An action plan's state: PIP -> CAP -> termination recommendation (seed 003), or closed when accepted."""

    PIP_OPEN = "pip_open"
    PIP_SUBMITTED = "pip_submitted"
    CAP_OPEN = "cap_open"
    CAP_SUBMITTED = "cap_submitted"
    CLOSED = "closed"
    TERMINATION_RECOMMENDED = "termination_recommended"


ACTION_PLAN_AWAITING_PROVIDER: frozenset[ActionPlanStatus] = frozenset(
    {ActionPlanStatus.PIP_OPEN, ActionPlanStatus.CAP_OPEN}
)
"""The provider owes a submission (and the plan can become overdue)."""
ACTION_PLAN_AWAITING_DECISION: frozenset[ActionPlanStatus] = frozenset(
    {ActionPlanStatus.PIP_SUBMITTED, ActionPlanStatus.CAP_SUBMITTED}
)
"""The provider submitted; the plan accepts or returns it."""
ACTION_PLAN_ACTIVE: frozenset[ActionPlanStatus] = (
    ACTION_PLAN_AWAITING_PROVIDER | ACTION_PLAN_AWAITING_DECISION
)
"""Neither closed nor ended by a termination recommendation."""
ACTION_PLAN_TERMINAL: frozenset[ActionPlanStatus] = frozenset(
    {ActionPlanStatus.CLOSED, ActionPlanStatus.TERMINATION_RECOMMENDED}
)


class ProviderStanding(StrEnum):
    """A provider's worst action-plan stage across plans (what partner platforms check)."""

    GOOD = "good"
    PIP = "pip"
    CAP = "cap"
    TERMINATION_RECOMMENDED = "termination_recommended"


class NoticeDeliveryStatus(StrEnum):
    """A notice's delivery over all its destinations."""

    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


class DestinationDeliveryStatus(StrEnum):
    """One destination's delivery of a notice."""

    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    CANCELLED = "cancelled"


class DisputeSubject(StrEnum):
    """What a provider disputes (seed 004: "the LME/MCO's decision in question")."""

    REVIEW_RESULT = "review_result"
    FINDING = "finding"
    ACTION_PLAN_DECISION = "action_plan_decision"
    CAP = "cap"
    TERMINATION_RECOMMENDATION = "termination_recommendation"


class DisputeStatus(StrEnum):
    """A dispute is open until the plan decides it."""

    OPEN = "open"
    DECIDED = "decided"


class DisputeDecision(StrEnum):
    """The plan's decision on a dispute."""

    UPHELD = "upheld"
    OVERTURNED = "overturned"
    PARTIALLY_OVERTURNED = "partially_overturned"
