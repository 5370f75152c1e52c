from enum import StrEnum


class PlanVersionOutDecisionType0(StrEnum):
    APPROVED = "approved"
    RETURNED = "returned"

    def __str__(self) -> str:
        return str(self.value)
