"""All models, imported here so ``Base.metadata`` is complete for Alembic and the tests."""

from oversight_db.models.action_plans import ActionPlan
from oversight_db.models.activity import (
    ActivityImport,
    BusinessCalendar,
    BusinessCalendarDay,
    CareDocument,
    CheckResult,
    FindingSuggestion,
    MemberInteraction,
    ProgramSpan,
    TreatmentAuthorization,
)
from oversight_db.models.audit import AuditEvent
from oversight_db.models.base import Base
from oversight_db.models.capacity import (
    CapacityDistributionPlan,
    CapacityDistributionPlanVersion,
    CapacityMilestone,
    CapacityParticipant,
    CapacityPayment,
    CapacityProgram,
    CapacityReport,
    CapacityScheduleItem,
)
from oversight_db.models.deadlines import Deadline
from oversight_db.models.disputes import Dispute
from oversight_db.models.documents import (
    Document,
    DocumentCitation,
    DocumentRequest,
    DocumentRetention,
    ReviewLegalHold,
)
from oversight_db.models.idempotency import IdempotencyRecord
from oversight_db.models.identity import ApiKey
from oversight_db.models.members import Claim, Enrollment, Member
from oversight_db.models.notices import Notice, NoticeDelivery, WebhookEndpoint
from oversight_db.models.obligations import ObligationSubmission, ProviderObligation
from oversight_db.models.ops import WorkerHeartbeat
from oversight_db.models.organizations import NetworkLink, Organization, ProviderSite
from oversight_db.models.reports import ExportJob, ReportSchedule
from oversight_db.models.reviews import (
    Finding,
    Review,
    ReviewRecord,
    ReviewSectionScore,
    SampleDraw,
    ScorecardVersion,
    ToolVersionRecord,
)

__all__ = [
    "ActionPlan",
    "ActivityImport",
    "ApiKey",
    "AuditEvent",
    "Base",
    "BusinessCalendar",
    "BusinessCalendarDay",
    "CapacityDistributionPlan",
    "CapacityDistributionPlanVersion",
    "CapacityMilestone",
    "CapacityParticipant",
    "CapacityPayment",
    "CapacityProgram",
    "CapacityReport",
    "CapacityScheduleItem",
    "CareDocument",
    "CheckResult",
    "Claim",
    "Deadline",
    "Dispute",
    "Document",
    "DocumentCitation",
    "DocumentRequest",
    "DocumentRetention",
    "Enrollment",
    "ExportJob",
    "Finding",
    "FindingSuggestion",
    "IdempotencyRecord",
    "Member",
    "MemberInteraction",
    "NetworkLink",
    "Notice",
    "NoticeDelivery",
    "ObligationSubmission",
    "Organization",
    "ProgramSpan",
    "ProviderObligation",
    "ProviderSite",
    "ReportSchedule",
    "Review",
    "ReviewLegalHold",
    "ReviewRecord",
    "ReviewSectionScore",
    "SampleDraw",
    "ScorecardVersion",
    "ToolVersionRecord",
    "TreatmentAuthorization",
    "WebhookEndpoint",
    "WorkerHeartbeat",
]
