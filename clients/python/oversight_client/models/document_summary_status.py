from enum import StrEnum


class DocumentSummaryStatus(StrEnum):
    AVAILABLE = "available"
    DELETED = "deleted"
    DELETING = "deleting"
    PENDING = "pending"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
