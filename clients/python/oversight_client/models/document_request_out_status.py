from enum import StrEnum


class DocumentRequestOutStatus(StrEnum):
    CANCELLED = "cancelled"
    FULFILLED = "fulfilled"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
