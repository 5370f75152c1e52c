from enum import StrEnum


class SuggestionOverrideInAnswer(StrEnum):
    NA = "na"
    NO = "no"
    YES = "yes"

    def __str__(self) -> str:
        return str(self.value)
