from enum import StrEnum


class ActionPlanStatus(StrEnum):
    CAP_OPEN = "cap_open"
    CAP_SUBMITTED = "cap_submitted"
    CLOSED = "closed"
    PIP_OPEN = "pip_open"
    PIP_SUBMITTED = "pip_submitted"
    TERMINATION_RECOMMENDED = "termination_recommended"

    def __str__(self) -> str:
        return str(self.value)
