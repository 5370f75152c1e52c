from enum import StrEnum


class WebhookEndpointInEventTypesItem(StrEnum):
    ACTION_PLAN_ACCEPTED = "action_plan_accepted"
    ACTION_PLAN_CLOSED = "action_plan_closed"
    ACTION_PLAN_DOWNGRADED = "action_plan_downgraded"
    ACTION_PLAN_DUE_SOON = "action_plan_due_soon"
    ACTION_PLAN_OPENED = "action_plan_opened"
    ACTION_PLAN_OVERDUE = "action_plan_overdue"
    ACTION_PLAN_RETURNED = "action_plan_returned"
    ACTION_PLAN_SUBMITTED = "action_plan_submitted"
    CAPACITY_REPORT_DUE_SOON = "capacity_report_due_soon"
    CAPACITY_REPORT_OVERDUE = "capacity_report_overdue"
    CHECK_RESULTS_CHANGED = "check_results_changed"
    DISPUTE_DECIDED = "dispute_decided"
    DISPUTE_DECISION_OVERDUE = "dispute_decision_overdue"
    DISPUTE_FILED = "dispute_filed"
    DOCUMENT_REQUEST = "document_request"
    DOCUMENT_REQUEST_DUE_SOON = "document_request_due_soon"
    DOCUMENT_REQUEST_OVERDUE = "document_request_overdue"
    OBLIGATION_ACCEPTED = "obligation_accepted"
    OBLIGATION_OVERDUE = "obligation_overdue"
    OBLIGATION_REMINDER = "obligation_reminder"
    OBLIGATION_RETURNED = "obligation_returned"
    OBLIGATION_SUBMITTED = "obligation_submitted"
    REPORT_READY = "report_ready"
    REVIEW_CANCELLED = "review_cancelled"
    REVIEW_REMINDER = "review_reminder"
    REVIEW_RESCHEDULED = "review_rescheduled"
    REVIEW_RESULT = "review_result"
    REVIEW_SCHEDULED = "review_scheduled"
    TERMINATION_RECOMMENDED = "termination_recommended"

    def __str__(self) -> str:
        return str(self.value)
