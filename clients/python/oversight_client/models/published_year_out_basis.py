from enum import StrEnum


class PublishedYearOutBasis(StrEnum):
    DERIVED = "derived"
    PUBLISHED = "published"

    def __str__(self) -> str:
        return str(self.value)
