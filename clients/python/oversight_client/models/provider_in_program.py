from enum import StrEnum


class ProviderInProgram(StrEnum):
    ECM = "ecm"
    TCM = "tcm"

    def __str__(self) -> str:
        return str(self.value)
