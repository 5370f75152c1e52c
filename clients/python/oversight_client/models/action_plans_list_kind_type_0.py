from enum import StrEnum


class ActionPlansListKindType0(StrEnum):
    CAP = "cap"
    PIP = "pip"

    def __str__(self) -> str:
        return str(self.value)
