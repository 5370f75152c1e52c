from enum import StrEnum


class SiteOutOwner(StrEnum):
    PLAN = "plan"
    PROVIDER = "provider"

    def __str__(self) -> str:
        return str(self.value)
