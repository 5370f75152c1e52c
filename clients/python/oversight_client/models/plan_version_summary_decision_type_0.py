from enum import StrEnum


class PlanVersionSummaryDecisionType0(StrEnum):
    APPROVED = "approved"
    RETURNED = "returned"

    def __str__(self) -> str:
        return str(self.value)
