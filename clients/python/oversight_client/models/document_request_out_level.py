from enum import StrEnum


class DocumentRequestOutLevel(StrEnum):
    DISPUTE = "dispute"
    PROVIDER = "provider"
    RECORD = "record"

    def __str__(self) -> str:
        return str(self.value)
