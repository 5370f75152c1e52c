"""Contains all the data models used in inputs/outputs"""

from .action_plan_clock import ActionPlanClock
from .action_plan_out import ActionPlanOut
from .action_plan_out_history_item import ActionPlanOutHistoryItem
from .action_plan_out_kind import ActionPlanOutKind
from .action_plan_record import ActionPlanRecord
from .action_plan_status import ActionPlanStatus
from .action_plans_list_kind_type_0 import ActionPlansListKindType0
from .allocation_in import AllocationIn
from .allocation_in_provider_type import AllocationInProviderType
from .amendment_in import AmendmentIn
from .amendment_in_answer import AmendmentInAnswer
from .api_key_created import ApiKeyCreated
from .api_key_in import ApiKeyIn
from .api_key_out import ApiKeyOut
from .audit_event_out import AuditEventOut
from .audit_event_out_changes import AuditEventOutChanges
from .budget_in import BudgetIn
from .calendar_change_out import CalendarChangeOut
from .calendar_day_change import CalendarDayChange
from .capacity_report_due import CapacityReportDue
from .capacity_reports_list_kind_type_0 import CapacityReportsListKindType0
from .capacity_reports_list_status_type_0 import CapacityReportsListStatusType0
from .check_result_out import CheckResultOut
from .check_result_out_details import CheckResultOutDetails
from .check_result_out_sources_item import CheckResultOutSourcesItem
from .check_result_out_status import CheckResultOutStatus
from .checks_list_results_rule_type_0 import ChecksListResultsRuleType0
from .checks_list_results_status_type_0 import ChecksListResultsStatusType0
from .citation_in import CitationIn
from .citation_out import CitationOut
from .claim_batch_in import ClaimBatchIn
from .claim_batch_out import ClaimBatchOut
from .claim_in import ClaimIn
from .closed_day import ClosedDay
from .dashboard_format import DashboardFormat
from .day_of_following_month import DayOfFollowingMonth
from .days_after_end import DaysAfterEnd
from .days_after_end_day_type import DaysAfterEndDayType
from .decision_in import DecisionIn
from .decision_in_decision import DecisionInDecision
from .destination_delivery_status import DestinationDeliveryStatus
from .dispute_create import DisputeCreate
from .dispute_decision import DisputeDecision
from .dispute_decision_in import DisputeDecisionIn
from .dispute_out import DisputeOut
from .dispute_out_changes import DisputeOutChanges
from .dispute_status import DisputeStatus
from .dispute_subject import DisputeSubject
from .distribution_out import DistributionOut
from .distribution_plan_in import DistributionPlanIn
from .distribution_plan_out import DistributionPlanOut
from .distribution_plan_out_status import DistributionPlanOutStatus
from .document_list import DocumentList
from .document_request_in import DocumentRequestIn
from .document_request_in_kind import DocumentRequestInKind
from .document_request_out import DocumentRequestOut
from .document_request_out_level import DocumentRequestOutLevel
from .document_request_out_status import DocumentRequestOutStatus
from .document_summary import DocumentSummary
from .document_summary_status import DocumentSummaryStatus
from .download_out import DownloadOut
from .enrollment_in import EnrollmentIn
from .enrollment_in_program import EnrollmentInProgram
from .enrollment_in_status import EnrollmentInStatus
from .enrollment_out import EnrollmentOut
from .enrollment_out_program import EnrollmentOutProgram
from .enrollment_out_status import EnrollmentOutStatus
from .evidence_cited_out import EvidenceCitedOut
from .evidence_in import EvidenceIn
from .evidence_out import EvidenceOut
from .exclude_in import ExcludeIn
from .exclude_out import ExcludeOut
from .export_download_out import ExportDownloadOut
from .export_filters import ExportFilters
from .export_filters_program_type_0 import ExportFiltersProgramType0
from .export_in import ExportIn
from .export_kind import ExportKind
from .export_out import ExportOut
from .export_out_filters import ExportOutFilters
from .export_status import ExportStatus
from .field_error import FieldError
from .finalize_out import FinalizeOut
from .finding_in import FindingIn
from .finding_in_answer import FindingInAnswer
from .finding_out import FindingOut
from .finding_out_answer import FindingOutAnswer
from .findings_out import FindingsOut
from .follow_up_result_out import FollowUpResultOut
from .health import Health
from .import_error_out import ImportErrorOut
from .import_out import ImportOut
from .import_out_file_format import ImportOutFileFormat
from .import_out_kind import ImportOutKind
from .import_out_status import ImportOutStatus
from .import_upload_in import ImportUploadIn
from .import_upload_in_file_format import ImportUploadInFileFormat
from .import_upload_out import ImportUploadOut
from .imports_create_file_format import ImportsCreateFileFormat
from .imports_create_kind import ImportsCreateKind
from .imports_list_kind_type_0 import ImportsListKindType0
from .imports_request_upload_kind import ImportsRequestUploadKind
from .last_day_of_month import LastDayOfMonth
from .legal_hold_in import LegalHoldIn
from .legal_hold_out import LegalHoldOut
from .member_batch_in import MemberBatchIn
from .member_batch_out import MemberBatchOut
from .member_in import MemberIn
from .member_out import MemberOut
from .members_list_program_type_0 import MembersListProgramType0
from .members_list_status_type_0 import MembersListStatusType0
from .milestone_out import MilestoneOut
from .milestone_out_status import MilestoneOutStatus
from .milestone_summary_list_out import MilestoneSummaryListOut
from .milestone_summary_out import MilestoneSummaryOut
from .milestone_summary_out_status import MilestoneSummaryOutStatus
from .monthly_reports_in import MonthlyReportsIn
from .network_link_out import NetworkLinkOut
from .network_link_out_program import NetworkLinkOutProgram
from .network_link_out_status import NetworkLinkOutStatus
from .network_link_patch import NetworkLinkPatch
from .network_link_patch_status_type_0 import NetworkLinkPatchStatusType0
from .notice_delivery_out import NoticeDeliveryOut
from .notice_delivery_out_channel import NoticeDeliveryOutChannel
from .notice_delivery_status import NoticeDeliveryStatus
from .notice_out import NoticeOut
from .notice_out_data import NoticeOutData
from .obligation_detail import ObligationDetail
from .obligation_detail_anchor import ObligationDetailAnchor
from .obligation_out import ObligationOut
from .obligation_out_anchor import ObligationOutAnchor
from .obligation_submission_in import ObligationSubmissionIn
from .obligation_view import ObligationView
from .organization_calendar_out import OrganizationCalendarOut
from .organization_in import OrganizationIn
from .organization_in_kind import OrganizationInKind
from .organization_out import OrganizationOut
from .organization_out_kind import OrganizationOutKind
from .organization_out_settings import OrganizationOutSettings
from .organization_patch import OrganizationPatch
from .organization_settings import OrganizationSettings
from .organization_settings_notice_channels_type_0_item import OrganizationSettingsNoticeChannelsType0Item
from .organization_settings_role_emails import OrganizationSettingsRoleEmails
from .organizations_list_kind_type_0 import OrganizationsListKindType0
from .page_action_plan_out import PageActionPlanOut
from .page_api_key_out import PageApiKeyOut
from .page_audit_event_out import PageAuditEventOut
from .page_check_result_out import PageCheckResultOut
from .page_dispute_out import PageDisputeOut
from .page_document_request_out import PageDocumentRequestOut
from .page_export_out import PageExportOut
from .page_import_out import PageImportOut
from .page_member_out import PageMemberOut
from .page_notice_out import PageNoticeOut
from .page_obligation_out import PageObligationOut
from .page_organization_out import PageOrganizationOut
from .page_participant_out import PageParticipantOut
from .page_program_out import PageProgramOut
from .page_provider_out import PageProviderOut
from .page_record_out import PageRecordOut
from .page_report_out import PageReportOut
from .page_report_schedule_out import PageReportScheduleOut
from .page_review_out import PageReviewOut
from .page_suggestion_out import PageSuggestionOut
from .page_tool_version_summary import PageToolVersionSummary
from .page_webhook_endpoint_out import PageWebhookEndpointOut
from .participant_in import ParticipantIn
from .participant_out import ParticipantOut
from .participant_totals_out import ParticipantTotalsOut
from .payment_out import PaymentOut
from .payments_out import PaymentsOut
from .period_in import PeriodIn
from .ping_out import PingOut
from .plan_dashboard import PlanDashboard
from .plan_decision_in import PlanDecisionIn
from .plan_decision_in_decision import PlanDecisionInDecision
from .plan_row import PlanRow
from .plan_version_out import PlanVersionOut
from .plan_version_out_decision_type_0 import PlanVersionOutDecisionType0
from .plan_version_summary import PlanVersionSummary
from .plan_version_summary_decision_type_0 import PlanVersionSummaryDecisionType0
from .problem import Problem
from .program_in import ProgramIn
from .program_out import ProgramOut
from .program_out_spec import ProgramOutSpec
from .progress_in import ProgressIn
from .progress_out import ProgressOut
from .provider_check_summary import ProviderCheckSummary
from .provider_dashboard import ProviderDashboard
from .provider_dashboard_review_due import ProviderDashboardReviewDue
from .provider_in import ProviderIn
from .provider_in_program import ProviderInProgram
from .provider_latest import ProviderLatest
from .provider_latest_review_due_type_0 import ProviderLatestReviewDueType0
from .provider_latest_sections import ProviderLatestSections
from .provider_out import ProviderOut
from .provider_review_row import ProviderReviewRow
from .provider_review_row_sections import ProviderReviewRowSections
from .provider_standing import ProviderStanding
from .providers_list_program_type_0 import ProvidersListProgramType0
from .providers_list_status_type_0 import ProvidersListStatusType0
from .published_calendar_out import PublishedCalendarOut
from .published_year_out import PublishedYearOut
from .published_year_out_basis import PublishedYearOutBasis
from .quarter_status_out import QuarterStatusOut
from .quarter_status_out_status import QuarterStatusOutStatus
from .quarterly_periods_in import QuarterlyPeriodsIn
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .record_member import RecordMember
from .record_out import RecordOut
from .record_score_out import RecordScoreOut
from .reminders_in import RemindersIn
from .report_decision_in import ReportDecisionIn
from .report_decision_in_decision import ReportDecisionInDecision
from .report_out import ReportOut
from .report_out_kind import ReportOutKind
from .report_out_status import ReportOutStatus
from .report_schedule_in import ReportScheduleIn
from .report_schedule_out import ReportScheduleOut
from .report_schedule_out_filters import ReportScheduleOutFilters
from .report_schedule_patch import ReportSchedulePatch
from .report_submission_in import ReportSubmissionIn
from .reports_plan_dashboard_csv_program_type_0 import ReportsPlanDashboardCsvProgramType0
from .reports_plan_dashboard_program_type_0 import ReportsPlanDashboardProgramType0
from .retention_in import RetentionIn
from .retention_out import RetentionOut
from .review_create import ReviewCreate
from .review_out import ReviewOut
from .review_patch import ReviewPatch
from .review_patch_status_type_0 import ReviewPatchStatusType0
from .review_purpose import ReviewPurpose
from .review_status import ReviewStatus
from .reviews_list_suggestions_status_type_0 import ReviewsListSuggestionsStatusType0
from .roi_check_item import RoiCheckItem
from .roi_check_item_current_answer_type_0 import RoiCheckItemCurrentAnswerType0
from .roi_check_item_suggested_answer import RoiCheckItemSuggestedAnswer
from .roi_check_out import RoiCheckOut
from .roi_in import RoiIn
from .role import Role
from .row_result import RowResult
from .rule_count import RuleCount
from .sample_draw_in import SampleDrawIn
from .sample_draw_list import SampleDrawList
from .sample_draw_out import SampleDrawOut
from .sample_draw_out_quotas import SampleDrawOutQuotas
from .sample_draw_out_strata_sizes import SampleDrawOutStrataSizes
from .sample_drawn_out import SampleDrawnOut
from .sample_drawn_out_quotas import SampleDrawnOutQuotas
from .sample_drawn_out_strata_sizes import SampleDrawnOutStrataSizes
from .sample_record_status import SampleRecordStatus
from .sample_stage_out import SampleStageOut
from .schedule_item_out import ScheduleItemOut
from .schedule_item_out_kind import ScheduleItemOutKind
from .schedule_out import ScheduleOut
from .scorecard_format import ScorecardFormat
from .scorecard_out import ScorecardOut
from .scorecard_out_outcome_type_0 import ScorecardOutOutcomeType0
from .scorecard_version_list import ScorecardVersionList
from .scorecard_version_out import ScorecardVersionOut
from .scorecard_version_out_outcome_type_0 import ScorecardVersionOutOutcomeType0
from .scorecard_version_out_reason import ScorecardVersionOutReason
from .section_score_out import SectionScoreOut
from .site_in import SiteIn
from .site_out import SiteOut
from .site_out_owner import SiteOutOwner
from .site_patch import SitePatch
from .standing_out import StandingOut
from .state_dashboard import StateDashboard
from .submission_in import SubmissionIn
from .submission_out import SubmissionOut
from .submission_out_decision_type_0 import SubmissionOutDecisionType0
from .suggestion_out import SuggestionOut
from .suggestion_out_final_answer_type_0 import SuggestionOutFinalAnswerType0
from .suggestion_out_status import SuggestionOutStatus
from .suggestion_out_suggested_answer import SuggestionOutSuggestedAnswer
from .suggestion_override_in import SuggestionOverrideIn
from .suggestion_override_in_answer import SuggestionOverrideInAnswer
from .suggestion_reason import SuggestionReason
from .suggestion_reason_details import SuggestionReasonDetails
from .target_in import TargetIn
from .tool_version_out import ToolVersionOut
from .tool_version_out_document import ToolVersionOutDocument
from .tool_version_summary import ToolVersionSummary
from .tools_import_json_body import ToolsImportJsonBody
from .total_score_out import TotalScoreOut
from .totals_out import TotalsOut
from .trend_point import TrendPoint
from .unanswered_out import UnansweredOut
from .upload_in import UploadIn
from .upload_out import UploadOut
from .upload_target import UploadTarget
from .upload_target_fields import UploadTargetFields
from .upload_target_headers import UploadTargetHeaders
from .upload_target_method import UploadTargetMethod
from .webhook_endpoint_in import WebhookEndpointIn
from .webhook_endpoint_in_event_types_item import WebhookEndpointInEventTypesItem
from .webhook_endpoint_out import WebhookEndpointOut
from .webhook_endpoint_with_secret import WebhookEndpointWithSecret

__all__ = (
    "ActionPlanClock",
    "ActionPlanOut",
    "ActionPlanOutHistoryItem",
    "ActionPlanOutKind",
    "ActionPlanRecord",
    "ActionPlansListKindType0",
    "ActionPlanStatus",
    "AllocationIn",
    "AllocationInProviderType",
    "AmendmentIn",
    "AmendmentInAnswer",
    "ApiKeyCreated",
    "ApiKeyIn",
    "ApiKeyOut",
    "AuditEventOut",
    "AuditEventOutChanges",
    "BudgetIn",
    "CalendarChangeOut",
    "CalendarDayChange",
    "CapacityReportDue",
    "CapacityReportsListKindType0",
    "CapacityReportsListStatusType0",
    "CheckResultOut",
    "CheckResultOutDetails",
    "CheckResultOutSourcesItem",
    "CheckResultOutStatus",
    "ChecksListResultsRuleType0",
    "ChecksListResultsStatusType0",
    "CitationIn",
    "CitationOut",
    "ClaimBatchIn",
    "ClaimBatchOut",
    "ClaimIn",
    "ClosedDay",
    "DashboardFormat",
    "DayOfFollowingMonth",
    "DaysAfterEnd",
    "DaysAfterEndDayType",
    "DecisionIn",
    "DecisionInDecision",
    "DestinationDeliveryStatus",
    "DisputeCreate",
    "DisputeDecision",
    "DisputeDecisionIn",
    "DisputeOut",
    "DisputeOutChanges",
    "DisputeStatus",
    "DisputeSubject",
    "DistributionOut",
    "DistributionPlanIn",
    "DistributionPlanOut",
    "DistributionPlanOutStatus",
    "DocumentList",
    "DocumentRequestIn",
    "DocumentRequestInKind",
    "DocumentRequestOut",
    "DocumentRequestOutLevel",
    "DocumentRequestOutStatus",
    "DocumentSummary",
    "DocumentSummaryStatus",
    "DownloadOut",
    "EnrollmentIn",
    "EnrollmentInProgram",
    "EnrollmentInStatus",
    "EnrollmentOut",
    "EnrollmentOutProgram",
    "EnrollmentOutStatus",
    "EvidenceCitedOut",
    "EvidenceIn",
    "EvidenceOut",
    "ExcludeIn",
    "ExcludeOut",
    "ExportDownloadOut",
    "ExportFilters",
    "ExportFiltersProgramType0",
    "ExportIn",
    "ExportKind",
    "ExportOut",
    "ExportOutFilters",
    "ExportStatus",
    "FieldError",
    "FinalizeOut",
    "FindingIn",
    "FindingInAnswer",
    "FindingOut",
    "FindingOutAnswer",
    "FindingsOut",
    "FollowUpResultOut",
    "Health",
    "ImportErrorOut",
    "ImportOut",
    "ImportOutFileFormat",
    "ImportOutKind",
    "ImportOutStatus",
    "ImportsCreateFileFormat",
    "ImportsCreateKind",
    "ImportsListKindType0",
    "ImportsRequestUploadKind",
    "ImportUploadIn",
    "ImportUploadInFileFormat",
    "ImportUploadOut",
    "LastDayOfMonth",
    "LegalHoldIn",
    "LegalHoldOut",
    "MemberBatchIn",
    "MemberBatchOut",
    "MemberIn",
    "MemberOut",
    "MembersListProgramType0",
    "MembersListStatusType0",
    "MilestoneOut",
    "MilestoneOutStatus",
    "MilestoneSummaryListOut",
    "MilestoneSummaryOut",
    "MilestoneSummaryOutStatus",
    "MonthlyReportsIn",
    "NetworkLinkOut",
    "NetworkLinkOutProgram",
    "NetworkLinkOutStatus",
    "NetworkLinkPatch",
    "NetworkLinkPatchStatusType0",
    "NoticeDeliveryOut",
    "NoticeDeliveryOutChannel",
    "NoticeDeliveryStatus",
    "NoticeOut",
    "NoticeOutData",
    "ObligationDetail",
    "ObligationDetailAnchor",
    "ObligationOut",
    "ObligationOutAnchor",
    "ObligationSubmissionIn",
    "ObligationView",
    "OrganizationCalendarOut",
    "OrganizationIn",
    "OrganizationInKind",
    "OrganizationOut",
    "OrganizationOutKind",
    "OrganizationOutSettings",
    "OrganizationPatch",
    "OrganizationSettings",
    "OrganizationSettingsNoticeChannelsType0Item",
    "OrganizationSettingsRoleEmails",
    "OrganizationsListKindType0",
    "PageActionPlanOut",
    "PageApiKeyOut",
    "PageAuditEventOut",
    "PageCheckResultOut",
    "PageDisputeOut",
    "PageDocumentRequestOut",
    "PageExportOut",
    "PageImportOut",
    "PageMemberOut",
    "PageNoticeOut",
    "PageObligationOut",
    "PageOrganizationOut",
    "PageParticipantOut",
    "PageProgramOut",
    "PageProviderOut",
    "PageRecordOut",
    "PageReportOut",
    "PageReportScheduleOut",
    "PageReviewOut",
    "PageSuggestionOut",
    "PageToolVersionSummary",
    "PageWebhookEndpointOut",
    "ParticipantIn",
    "ParticipantOut",
    "ParticipantTotalsOut",
    "PaymentOut",
    "PaymentsOut",
    "PeriodIn",
    "PingOut",
    "PlanDashboard",
    "PlanDecisionIn",
    "PlanDecisionInDecision",
    "PlanRow",
    "PlanVersionOut",
    "PlanVersionOutDecisionType0",
    "PlanVersionSummary",
    "PlanVersionSummaryDecisionType0",
    "Problem",
    "ProgramIn",
    "ProgramOut",
    "ProgramOutSpec",
    "ProgressIn",
    "ProgressOut",
    "ProviderCheckSummary",
    "ProviderDashboard",
    "ProviderDashboardReviewDue",
    "ProviderIn",
    "ProviderInProgram",
    "ProviderLatest",
    "ProviderLatestReviewDueType0",
    "ProviderLatestSections",
    "ProviderOut",
    "ProviderReviewRow",
    "ProviderReviewRowSections",
    "ProvidersListProgramType0",
    "ProvidersListStatusType0",
    "ProviderStanding",
    "PublishedCalendarOut",
    "PublishedYearOut",
    "PublishedYearOutBasis",
    "QuarterlyPeriodsIn",
    "QuarterStatusOut",
    "QuarterStatusOutStatus",
    "Readiness",
    "ReadinessChecks",
    "RecordMember",
    "RecordOut",
    "RecordScoreOut",
    "RemindersIn",
    "ReportDecisionIn",
    "ReportDecisionInDecision",
    "ReportOut",
    "ReportOutKind",
    "ReportOutStatus",
    "ReportScheduleIn",
    "ReportScheduleOut",
    "ReportScheduleOutFilters",
    "ReportSchedulePatch",
    "ReportsPlanDashboardCsvProgramType0",
    "ReportsPlanDashboardProgramType0",
    "ReportSubmissionIn",
    "RetentionIn",
    "RetentionOut",
    "ReviewCreate",
    "ReviewOut",
    "ReviewPatch",
    "ReviewPatchStatusType0",
    "ReviewPurpose",
    "ReviewsListSuggestionsStatusType0",
    "ReviewStatus",
    "RoiCheckItem",
    "RoiCheckItemCurrentAnswerType0",
    "RoiCheckItemSuggestedAnswer",
    "RoiCheckOut",
    "RoiIn",
    "Role",
    "RowResult",
    "RuleCount",
    "SampleDrawIn",
    "SampleDrawList",
    "SampleDrawnOut",
    "SampleDrawnOutQuotas",
    "SampleDrawnOutStrataSizes",
    "SampleDrawOut",
    "SampleDrawOutQuotas",
    "SampleDrawOutStrataSizes",
    "SampleRecordStatus",
    "SampleStageOut",
    "ScheduleItemOut",
    "ScheduleItemOutKind",
    "ScheduleOut",
    "ScorecardFormat",
    "ScorecardOut",
    "ScorecardOutOutcomeType0",
    "ScorecardVersionList",
    "ScorecardVersionOut",
    "ScorecardVersionOutOutcomeType0",
    "ScorecardVersionOutReason",
    "SectionScoreOut",
    "SiteIn",
    "SiteOut",
    "SiteOutOwner",
    "SitePatch",
    "StandingOut",
    "StateDashboard",
    "SubmissionIn",
    "SubmissionOut",
    "SubmissionOutDecisionType0",
    "SuggestionOut",
    "SuggestionOutFinalAnswerType0",
    "SuggestionOutStatus",
    "SuggestionOutSuggestedAnswer",
    "SuggestionOverrideIn",
    "SuggestionOverrideInAnswer",
    "SuggestionReason",
    "SuggestionReasonDetails",
    "TargetIn",
    "ToolsImportJsonBody",
    "ToolVersionOut",
    "ToolVersionOutDocument",
    "ToolVersionSummary",
    "TotalScoreOut",
    "TotalsOut",
    "TrendPoint",
    "UnansweredOut",
    "UploadIn",
    "UploadOut",
    "UploadTarget",
    "UploadTargetFields",
    "UploadTargetHeaders",
    "UploadTargetMethod",
    "WebhookEndpointIn",
    "WebhookEndpointInEventTypesItem",
    "WebhookEndpointOut",
    "WebhookEndpointWithSecret",
)
