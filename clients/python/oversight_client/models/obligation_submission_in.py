from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ObligationSubmissionIn")


@_attrs_define
class ObligationSubmissionIn:
    """
    Attributes:
        content (str): The narrative (program, staffing, enrollment, barriers, challenges, successes, recommendations)
            or the account of the peer sharing session; no member data
        summary (str): One line: what this submission is
    """

    content: str
    summary: str

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        summary = self.summary

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "content": content,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content = d.pop("content")

        summary = d.pop("summary")

        obligation_submission_in = cls(
            content=content,
            summary=summary,
        )

        return obligation_submission_in
