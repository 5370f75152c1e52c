from enum import StrEnum


class ExportKind(StrEnum):
    FINDINGS = "findings"
    REVIEWS = "reviews"

    def __str__(self) -> str:
        return str(self.value)
