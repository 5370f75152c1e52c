from enum import StrEnum


class SubmissionOutDecisionType0(StrEnum):
    ACCEPT = "accept"
    RETURN = "return"

    def __str__(self) -> str:
        return str(self.value)
