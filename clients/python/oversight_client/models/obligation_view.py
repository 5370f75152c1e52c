from enum import StrEnum


class ObligationView(StrEnum):
    ACCEPTED = "accepted"
    COMPLETED = "completed"
    DUE = "due"
    OVERDUE = "overdue"
    RETURNED = "returned"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
