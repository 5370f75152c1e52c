from enum import StrEnum


class QuarterStatusOutStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    MET = "met"
    NOT_MET = "not_met"
    NOT_REPORTED = "not_reported"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
