from enum import StrEnum


class MilestoneSummaryOutStatus(StrEnum):
    ACHIEVED = "achieved"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
