from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.dispute_subject import DisputeSubject
from ..types import UNSET, Unset

T = TypeVar("T", bound="DisputeCreate")


@_attrs_define
class DisputeCreate:
    """
    Attributes:
        reason (str): The provider's written request
        subject (DisputeSubject): What a provider disputes (seed 004: "the LME/MCO's decision in question").
        subject_id (UUID): The review for review_result, the finding for finding, the action plan otherwise
        evidence (list[str] | Unset): Evidence as text (documents come with a later evidence issue)
    """

    reason: str
    subject: DisputeSubject
    subject_id: UUID
    evidence: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        subject = self.subject.value

        subject_id = str(self.subject_id)

        evidence: list[str] | Unset = UNSET
        if not isinstance(self.evidence, Unset):
            evidence = self.evidence

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
                "subject": subject,
                "subject_id": subject_id,
            }
        )
        if evidence is not UNSET:
            field_dict["evidence"] = evidence

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        subject = DisputeSubject(d.pop("subject"))

        subject_id = UUID(d.pop("subject_id"))

        evidence = cast(list[str], d.pop("evidence", UNSET))

        dispute_create = cls(
            reason=reason,
            subject=subject,
            subject_id=subject_id,
            evidence=evidence,
        )

        return dispute_create
