from enum import StrEnum


class ProviderStanding(StrEnum):
    CAP = "cap"
    GOOD = "good"
    PIP = "pip"
    TERMINATION_RECOMMENDED = "termination_recommended"

    def __str__(self) -> str:
        return str(self.value)
