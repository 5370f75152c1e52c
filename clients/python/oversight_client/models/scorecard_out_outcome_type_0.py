from enum import StrEnum


class ScorecardOutOutcomeType0(StrEnum):
    CONDITIONAL_PASS = "conditional_pass"
    PASS = "pass"
    PIP = "pip"

    def __str__(self) -> str:
        return str(self.value)
