from enum import StrEnum


class AllocationInProviderType(StrEnum):
    AMH_PLUS = "amh_plus"
    CMA = "cma"

    def __str__(self) -> str:
        return str(self.value)
