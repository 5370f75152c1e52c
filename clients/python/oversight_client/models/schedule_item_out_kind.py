from enum import StrEnum


class ScheduleItemOutKind(StrEnum):
    DISTRIBUTION_PLAN = "distribution_plan"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"

    def __str__(self) -> str:
        return str(self.value)
