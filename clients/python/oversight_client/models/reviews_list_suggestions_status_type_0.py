from enum import StrEnum


class ReviewsListSuggestionsStatusType0(StrEnum):
    ACCEPTED = "accepted"
    OVERRIDDEN = "overridden"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
