from enum import StrEnum


class ImportOutStatus(StrEnum):
    FAILED = "failed"
    LOADING = "loading"
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    UPLOADING = "uploading"

    def __str__(self) -> str:
        return str(self.value)
