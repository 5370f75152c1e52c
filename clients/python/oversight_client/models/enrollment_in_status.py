from enum import StrEnum


class EnrollmentInStatus(StrEnum):
    DISENROLLED = "disenrolled"
    ENGAGED = "engaged"
    ENROLLED = "enrolled"
    NOT_ENROLLED = "not_enrolled"

    def __str__(self) -> str:
        return str(self.value)
