from enum import StrEnum


class ScorecardVersionOutReason(StrEnum):
    DISPUTE = "dispute"
    FINALIZED = "finalized"

    def __str__(self) -> str:
        return str(self.value)
