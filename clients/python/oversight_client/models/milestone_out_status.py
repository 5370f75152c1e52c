from enum import StrEnum


class MilestoneOutStatus(StrEnum):
    ACHIEVED = "achieved"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
