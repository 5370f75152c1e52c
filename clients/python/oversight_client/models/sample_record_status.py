from enum import StrEnum


class SampleRecordStatus(StrEnum):
    EXCLUDED = "excluded"
    HELD = "held"
    RESERVE = "reserve"
    SAMPLED = "sampled"

    def __str__(self) -> str:
        return str(self.value)
