from enum import StrEnum


class ImportsListKindType0(StrEnum):
    CARE_DOCUMENTS = "care_documents"
    CLAIMS = "claims"
    INTERACTIONS = "interactions"
    MEMBERS = "members"
    PROGRAM_SPANS = "program_spans"
    TARS = "tars"

    def __str__(self) -> str:
        return str(self.value)
