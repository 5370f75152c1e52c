from enum import StrEnum


class ObligationOutAnchor(StrEnum):
    FIRST_ENROLLMENT = "first_enrollment"
    SITE_ADDED = "site_added"

    def __str__(self) -> str:
        return str(self.value)
