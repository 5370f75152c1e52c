from enum import StrEnum


class ReportOutStatus(StrEnum):
    ACCEPTED = "accepted"
    DUE = "due"
    RETURNED = "returned"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
