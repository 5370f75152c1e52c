from enum import StrEnum


class CapacityReportsListStatusType0(StrEnum):
    ACCEPTED = "accepted"
    DUE = "due"
    OVERDUE = "overdue"
    RETURNED = "returned"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
