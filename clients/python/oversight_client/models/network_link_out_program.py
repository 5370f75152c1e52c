from enum import StrEnum


class NetworkLinkOutProgram(StrEnum):
    ECM = "ecm"
    TCM = "tcm"

    def __str__(self) -> str:
        return str(self.value)
