"""Rules about reviews as a whole."""

from __future__ import annotations

from oversight_domain.statuses import ReviewPurpose
from oversight_domain.tools.models import EscalationPolicy


def is_technical_assistance(policy: EscalationPolicy, purpose: str, earlier_review_exists: bool) -> bool:
    """Whether a new review is for technical assistance (no corrective action plans).

    Seed 000: "Initial monitoring reviews will be for technical assistance and will not have corrective
    action plans." A review scheduled with the purpose ``technical_assistance`` always is one; otherwise,
    when the tool's policy ``first_review_is_technical_assistance`` is on, it is one exactly when the plan
    has no earlier, non-cancelled review of the provider with the same tool (``earlier_review_exists``).
    """
    if purpose == ReviewPurpose.TECHNICAL_ASSISTANCE:
        return True
    return policy.first_review_is_technical_assistance and not earlier_review_exists
