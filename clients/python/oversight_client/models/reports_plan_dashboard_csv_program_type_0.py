from enum import StrEnum


class ReportsPlanDashboardCsvProgramType0(StrEnum):
    ECM = "ecm"
    TCM = "tcm"

    def __str__(self) -> str:
        return str(self.value)
