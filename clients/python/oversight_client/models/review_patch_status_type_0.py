from enum import StrEnum


class ReviewPatchStatusType0(StrEnum):
    CANCELLED = "cancelled"
    IN_PROGRESS = "in_progress"

    def __str__(self) -> str:
        return str(self.value)
