from enum import StrEnum


class EnrollmentOutProgram(StrEnum):
    ECM = "ecm"
    TCM = "tcm"

    def __str__(self) -> str:
        return str(self.value)
