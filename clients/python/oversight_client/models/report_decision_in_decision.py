from enum import StrEnum


class ReportDecisionInDecision(StrEnum):
    ACCEPT = "accept"
    RETURN = "return"

    def __str__(self) -> str:
        return str(self.value)
