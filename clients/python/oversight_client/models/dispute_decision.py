from enum import StrEnum


class DisputeDecision(StrEnum):
    OVERTURNED = "overturned"
    PARTIALLY_OVERTURNED = "partially_overturned"
    UPHELD = "upheld"

    def __str__(self) -> str:
        return str(self.value)
