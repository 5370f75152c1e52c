from enum import StrEnum


class SampleRecordStatus(StrEnum):
    EXCLUDED = "excluded"
    RESERVE = "reserve"
    SAMPLED = "sampled"

    def __str__(self) -> str:
        return str(self.value)
