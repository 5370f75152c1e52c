from enum import StrEnum


class ReviewPurpose(StrEnum):
    FOLLOW_UP = "follow_up"
    INITIAL = "initial"
    MONITORING = "monitoring"
    OTHER = "other"
    TECHNICAL_ASSISTANCE = "technical_assistance"

    def __str__(self) -> str:
        return str(self.value)
