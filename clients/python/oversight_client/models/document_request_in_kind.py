from enum import StrEnum


class DocumentRequestInKind(StrEnum):
    ASSESSMENT = "assessment"
    CAPACITY_SURVEY = "capacity_survey"
    CARE_PLAN = "care_plan"
    IOT = "iot"
    MEMBER_OTHER = "member_other"
    ORG_CHART = "org_chart"
    POLICY = "policy"
    PROGRAM_DESCRIPTION = "program_description"
    PROVIDER_OTHER = "provider_other"
    ROI = "roi"
    RTF = "rtf"
    TAR = "tar"
    VISIT_NOTES = "visit_notes"

    def __str__(self) -> str:
        return str(self.value)
