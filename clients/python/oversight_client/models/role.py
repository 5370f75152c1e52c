from enum import StrEnum


class Role(StrEnum):
    PLAN_ADMIN = "plan_admin"
    PROVIDER = "provider"
    REVIEWER = "reviewer"
    STATE_ADMIN = "state_admin"
    VIEWER = "viewer"

    def __str__(self) -> str:
        return str(self.value)
