from enum import StrEnum


class DecisionInDecision(StrEnum):
    ACCEPT = "accept"
    RETURN = "return"

    def __str__(self) -> str:
        return str(self.value)
