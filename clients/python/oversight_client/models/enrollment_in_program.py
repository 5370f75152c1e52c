from enum import StrEnum


class EnrollmentInProgram(StrEnum):
    ECM = "ecm"
    TCM = "tcm"

    def __str__(self) -> str:
        return str(self.value)
