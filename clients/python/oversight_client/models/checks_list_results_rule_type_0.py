from enum import StrEnum


class ChecksListResultsRuleType0(StrEnum):
    DUPLICATED_SERVICE = "duplicated_service"
    ENGAGEMENT_GAP = "engagement_gap"
    MISSED_APPOINTMENT = "missed_appointment"
    STALE_DOCUMENT = "stale_document"
    TAR_INCORRECT = "tar_incorrect"
    TAR_LATE = "tar_late"

    def __str__(self) -> str:
        return str(self.value)
