from enum import StrEnum


class CapacityReportsListKindType0(StrEnum):
    DISTRIBUTION_PLAN = "distribution_plan"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"

    def __str__(self) -> str:
        return str(self.value)
