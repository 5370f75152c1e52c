"""The kinds of notice and what each carries in ``notice.data`` (ids and non-PHI facts only).

Writers (``add_notice`` callers) put these keys in ``data``; the worker's templates read nothing else, and
webhook receivers get ``data`` plus links. Dates are ISO strings. No key may hold member data: a notice is
about a review, an action plan or a report, never about a member.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Keys that must never appear in notice data (checked by ``phi_keys_in`` and the template test).
PHI_KEYS = frozenset(
    {
        "member_id",
        "member_number",
        "member_name",
        "first_name",
        "last_name",
        "birth_date",
        "date_of_birth",
        "dob",
        "cin",
        "medicaid_id",
        "ssn",
        "address",
        "phone",
    }
)


@dataclass(frozen=True)
class NoticeKind:
    name: str
    subject_type: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    description: str = ""

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(self.required) | frozenset(self.optional)


_REVIEW_FACTS = (
    "plan_id",
    "plan_name",
    "provider_id",
    "tool_key",
    "tool_version",
    "tool_title",
    "purpose",
    "technical_assistance",
    "notified_on",
    "access_needed",
)
_PLAN_FACTS = (
    "review_id",
    "plan_id",
    "provider_id",
    "program",
    "status",
    "issued_on",
    "holds",
    "notice_stage",
    "days_left",
)
_DISPUTE_FACTS = (
    "plan_id",
    "provider_id",
    "review_id",
    "action_plan_id",
    "subject",
    "received_on",
    "window_closes_on",
    "filed_on",
    "decision_due_on",
)
# Keys follow what the reviews and action-plan services write (``stage`` is "pip" or "cap").
_KINDS = [
    NoticeKind(
        "review_scheduled",
        "review",
        required=("review_id", "scheduled_for", "period_start", "period_end"),
        optional=_REVIEW_FACTS,
        # Seed 000: providers are notified 28 days ahead and told the period under review, so they can
        # arrange user login access to their care management platform for the monitoring staff.
        description="A monitoring review was scheduled (seed 000: date, period under review, access needed).",
    ),
    NoticeKind(
        "review_rescheduled",
        "review",
        required=("review_id", "scheduled_for", "period_start", "period_end"),
        optional=_REVIEW_FACTS,
        description="A scheduled review moved to another date.",
    ),
    NoticeKind(
        "review_cancelled",
        "review",
        required=("review_id", "scheduled_for"),
        optional=(*_REVIEW_FACTS, "period_start", "period_end", "cancelled"),
        description="A scheduled review was cancelled.",
    ),
    NoticeKind(
        "review_reminder",
        "review",
        required=("review_id", "scheduled_for"),
        optional=("plan_id", "provider_id", "period_start", "period_end", "days_before", "access_needed"),
        description="A scheduled review is near (the tool's notice.reminder_days_before; 7 in the shipped tools).",
    ),
    NoticeKind(
        "review_result",
        "review",
        required=("review_id", "outcome"),
        optional=(
            "plan_id",
            "provider_id",
            "tool_key",
            "tool_version",
            "total_percent",
            "sections_requiring_action",
            "sections",
            "technical_assistance",
            "action_plan_id",
            "next_review_due",
            "finalized_on",
        ),
        description="A review was finalized: outcome and section scores.",
    ),
    NoticeKind(
        "action_plan_opened",
        "action_plan",
        required=("action_plan_id", "stage", "due_on"),
        optional=_PLAN_FACTS,
        description="A PIP or CAP was opened: due date and holds.",
    ),
    NoticeKind(
        "action_plan_due_soon",
        "action_plan",
        required=("action_plan_id", "stage", "due_on"),
        optional=_PLAN_FACTS,
        description="An action plan is due in 14, 7 or 1 days.",
    ),
    NoticeKind(
        "action_plan_overdue",
        "action_plan",
        required=("action_plan_id", "stage", "due_on"),
        optional=(*_PLAN_FACTS, "next_step"),
        description="An action plan passed its due date.",
    ),
    NoticeKind(
        "action_plan_submitted",
        "action_plan",
        required=("action_plan_id", "stage"),
        optional=(*_PLAN_FACTS, "due_on"),
        description="The provider submitted its action plan (to the plan's admins).",
    ),
    NoticeKind(
        "action_plan_accepted",
        "action_plan",
        required=("action_plan_id", "stage"),
        optional=(*_PLAN_FACTS, "due_on"),
        description="The plan accepted the action plan.",
    ),
    NoticeKind(
        "action_plan_returned",
        "action_plan",
        required=("action_plan_id", "stage", "due_on"),
        optional=_PLAN_FACTS,
        description="The plan returned the action plan for changes.",
    ),
    NoticeKind(
        "termination_recommended",
        "action_plan",
        required=("action_plan_id", "provider_id"),
        optional=(*_PLAN_FACTS, "stage", "due_on", "recommended_on"),
        description="A CAP went unmet: termination of the provider is recommended (to the plan's admins).",
    ),
    NoticeKind(
        "action_plan_closed",
        "action_plan",
        required=("action_plan_id", "stage"),
        optional=(*_PLAN_FACTS, "due_on", "closed_by", "follow_up_review_id", "dispute_id"),
        description="An action plan closed without a submission decision: a follow-up review showed "
        "compliance (seed 003, holds lifted), or a dispute removed its basis.",
    ),
    NoticeKind(
        "action_plan_downgraded",
        "action_plan",
        required=("action_plan_id", "stage", "due_on"),
        optional=(*_PLAN_FACTS, "dispute_id"),
        description="A dispute overturned an escalation: a CAP back to a PIP, or a termination "
        "recommendation back to a CAP, with a new due date.",
    ),
    NoticeKind(
        "dispute_filed",
        "dispute",
        required=("dispute_id", "subject", "decision_due_on"),
        optional=_DISPUTE_FACTS,
        description="A provider disputed a decision (seed 004); to the plan's admins, with the decision due date.",
    ),
    NoticeKind(
        "dispute_decided",
        "dispute",
        required=("dispute_id", "subject", "decision"),
        optional=(*_DISPUTE_FACTS, "scorecard_version", "outcome"),
        description="The plan decided a dispute: upheld, overturned or partially overturned.",
    ),
    NoticeKind(
        "dispute_decision_overdue",
        "dispute",
        required=("dispute_id", "subject", "decision_due_on"),
        optional=_DISPUTE_FACTS,
        description="A dispute passed its decision due date without a decision.",
    ),
    NoticeKind(
        "capacity_report_due_soon",
        "capacity_report",
        required=("report_id", "due_on"),
        optional=(
            "report_type",
            "period",
            "days_left",
            "organization_id",
            "program_id",
            "participant_id",
            "reminder",
        ),
        description="A Capacity Building report is due soon.",
    ),
    NoticeKind(
        "capacity_report_overdue",
        "capacity_report",
        required=("report_id", "due_on"),
        optional=("report_type", "period", "organization_id", "program_id", "participant_id", "reminder"),
        description="A Capacity Building report is overdue.",
    ),
]
# Provider obligations (seed 003: program narrative, peer sharing support); ``site_id`` only for a site's.
_OBLIGATION_FACTS = ("obligation_kind", "title", "sequence", "plan_id", "provider_id", "site_id")
_KINDS += [
    NoticeKind(
        "obligation_reminder",
        "provider_obligation",
        required=("obligation_id", "title", "due_on"),
        optional=(*_OBLIGATION_FACTS, "days_before"),
        description="An obligation is due soon (the kind's reminders.days_before: 30 and 7 days for the program "
        "narrative, 7 for peer sharing), to the provider.",
    ),
    NoticeKind(
        "obligation_overdue",
        "provider_obligation",
        required=("obligation_id", "title", "due_on"),
        optional=_OBLIGATION_FACTS,
        description="An obligation passed its due date unsubmitted, to the provider and the plan's admins.",
    ),
    NoticeKind(
        "obligation_submitted",
        "provider_obligation",
        required=("obligation_id", "title", "due_on"),
        optional=(*_OBLIGATION_FACTS, "status", "late"),
        description="The provider submitted an obligation (to the plan's admins; status submitted: awaiting review).",
    ),
    NoticeKind(
        "obligation_accepted",
        "provider_obligation",
        required=("obligation_id", "title", "due_on"),
        optional=(*_OBLIGATION_FACTS, "status"),
        description="The plan accepted the provider's submission.",
    ),
    NoticeKind(
        "obligation_returned",
        "provider_obligation",
        required=("obligation_id", "title", "due_on"),
        optional=(*_OBLIGATION_FACTS, "status"),
        description="The plan returned the provider's submission for changes: it is owed again.",
    ),
]
# Seed 003: after the sample is drawn the plan asks the provider to attach member file information or records.
# The notice names the request and the kind of document, never the member (the provider reads that through
# the API, where the read is audited).
_DOCUMENT_FACTS = ("plan_id", "provider_id", "document_kind", "document_title", "level", "days_left")
_KINDS += [
    NoticeKind(
        "document_request",
        "document_request",
        required=("document_request_id", "review_id", "due_on"),
        optional=_DOCUMENT_FACTS,
        description="A reviewer asked for a document (seed 003): what kind, for which review, due when.",
    ),
    NoticeKind(
        "document_request_due_soon",
        "document_request",
        required=("document_request_id", "review_id", "due_on"),
        optional=_DOCUMENT_FACTS,
        description="A requested document is due soon (documents policy: reminder_days_before).",
    ),
    NoticeKind(
        "document_request_overdue",
        "document_request",
        required=("document_request_id", "review_id", "due_on"),
        optional=_DOCUMENT_FACTS,
        description="A requested document passed its due date without an accepted upload.",
    ),
]
# Issue 16: an export job's file is built. The notice names the export, its kind and size, never a row of it;
# the file is fetched through the API (an audited, short-lived download).
_KINDS += [
    NoticeKind(
        "report_ready",
        "export_job",
        required=("export_id", "export_kind", "expires_at"),
        optional=("schedule_id", "schedule_name", "format", "row_count"),
        description="An export (requested, or run by a schedule) is built and can be downloaded until it expires.",
    ),
]
_KINDS += [
    NoticeKind(
        "check_results_changed",
        "organization",
        required=("plan_id", "provider_id", "opened", "closed", "run_at"),
        description="Automated checks over imported care-management data (issue 17) opened or closed results "
        "of the rules the policy names; counts per rule only, never a member.",
    ),
]
NOTICE_KINDS: dict[str, NoticeKind] = {kind.name: kind for kind in _KINDS}

# Where the API serves each id a notice may carry; links in e-mails and webhooks are built from these.
LINK_PATHS: dict[str, str] = {
    "review_id": "/v1/reviews/{}",
    "action_plan_id": "/v1/action-plans/{}",
    "provider_id": "/v1/providers/{}",
    "report_id": "/v1/capacity/reports/{}",
    "dispute_id": "/v1/disputes/{}",
    "obligation_id": "/v1/obligations/{}",
    "document_request_id": "/v1/document-requests/{}",
    "export_id": "/v1/reports/exports/{}",
}


def links_for(base_url: str, notice_id: str, data: Mapping[str, object]) -> dict[str, str]:
    base = base_url.rstrip("/")
    links = {"notice": f"{base}/v1/notices/{notice_id}"}
    for key, path in LINK_PATHS.items():
        value = data.get(key)
        if isinstance(value, str) and value:
            links[key.removesuffix("_id")] = base + path.format(value)
    return links


def phi_keys_in(data: object) -> set[str]:
    """Keys anywhere in ``data`` (nested too) that name member data."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if str(key).lower() in PHI_KEYS:
                found.add(str(key))
            found |= phi_keys_in(value)
    elif isinstance(data, list):
        for item in data:
            found |= phi_keys_in(item)
    return found
