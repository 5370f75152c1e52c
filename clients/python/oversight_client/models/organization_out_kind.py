from enum import StrEnum


class OrganizationOutKind(StrEnum):
    PLAN = "plan"
    PROVIDER = "provider"
    STATE = "state"

    def __str__(self) -> str:
        return str(self.value)
