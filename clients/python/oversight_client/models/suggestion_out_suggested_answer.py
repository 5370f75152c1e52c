from enum import StrEnum


class SuggestionOutSuggestedAnswer(StrEnum):
    NA = "na"
    NO = "no"
    YES = "yes"

    def __str__(self) -> str:
        return str(self.value)
