from enum import StrEnum


class DisputeSubject(StrEnum):
    ACTION_PLAN_DECISION = "action_plan_decision"
    CAP = "cap"
    FINDING = "finding"
    REVIEW_RESULT = "review_result"
    TERMINATION_RECOMMENDATION = "termination_recommendation"

    def __str__(self) -> str:
        return str(self.value)
