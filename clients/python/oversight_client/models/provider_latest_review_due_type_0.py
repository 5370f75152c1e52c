from enum import StrEnum


class ProviderLatestReviewDueType0(StrEnum):
    CURRENT = "current"
    DUE_SOON = "due_soon"
    NEVER_REVIEWED = "never_reviewed"
    OVERDUE = "overdue"

    def __str__(self) -> str:
        return str(self.value)
