from enum import StrEnum


class ExportStatus(StrEnum):
    EXPIRED = "expired"
    FAILED = "failed"
    QUEUED = "queued"
    READY = "ready"
    RUNNING = "running"

    def __str__(self) -> str:
        return str(self.value)
