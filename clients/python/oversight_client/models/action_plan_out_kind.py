from enum import StrEnum


class ActionPlanOutKind(StrEnum):
    CAP = "cap"
    PIP = "pip"

    def __str__(self) -> str:
        return str(self.value)
