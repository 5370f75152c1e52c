from enum import StrEnum


class ReviewStatus(StrEnum):
    CANCELLED = "cancelled"
    FINALIZED = "finalized"
    IN_PROGRESS = "in_progress"
    SCHEDULED = "scheduled"

    def __str__(self) -> str:
        return str(self.value)
