from enum import StrEnum


class SuggestionOutFinalAnswerType0(StrEnum):
    NA = "na"
    NO = "no"
    YES = "yes"

    def __str__(self) -> str:
        return str(self.value)
