from enum import StrEnum


class DaysAfterEndDayType(StrEnum):
    BUSINESS = "business"
    CALENDAR = "calendar"

    def __str__(self) -> str:
        return str(self.value)
