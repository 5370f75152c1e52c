from enum import StrEnum


class PlanDecisionInDecision(StrEnum):
    APPROVE = "approve"
    RETURN = "return"

    def __str__(self) -> str:
        return str(self.value)
