from enum import StrEnum


class DistributionPlanOutStatus(StrEnum):
    APPROVED = "approved"
    NOT_SUBMITTED = "not_submitted"
    RETURNED = "returned"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
