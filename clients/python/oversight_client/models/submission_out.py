from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.submission_out_decision_type_0 import SubmissionOutDecisionType0

T = TypeVar("T", bound="SubmissionOut")


@_attrs_define
class SubmissionOut:
    """
    Attributes:
        content (str):
        decided_by (None | str):
        decided_on (datetime.date | None):
        decision (None | SubmissionOutDecisionType0):
        decision_comment (None | str):
        id (UUID):
        late (bool): Submitted after the obligation's due date
        number (int):
        submitted_at (datetime.datetime):
        submitted_by (str):
        submitted_on (datetime.date):
        summary (str):
    """

    content: str
    decided_by: None | str
    decided_on: datetime.date | None
    decision: None | SubmissionOutDecisionType0
    decision_comment: None | str
    id: UUID
    late: bool
    number: int
    submitted_at: datetime.datetime
    submitted_by: str
    submitted_on: datetime.date
    summary: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        decided_by: None | str
        decided_by = self.decided_by

        decided_on: None | str
        if isinstance(self.decided_on, datetime.date):
            decided_on = self.decided_on.isoformat()
        else:
            decided_on = self.decided_on

        decision: None | str
        if isinstance(self.decision, SubmissionOutDecisionType0):
            decision = self.decision.value
        else:
            decision = self.decision

        decision_comment: None | str
        decision_comment = self.decision_comment

        id = str(self.id)

        late = self.late

        number = self.number

        submitted_at = self.submitted_at.isoformat()

        submitted_by = self.submitted_by

        submitted_on = self.submitted_on.isoformat()

        summary = self.summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "decided_by": decided_by,
                "decided_on": decided_on,
                "decision": decision,
                "decision_comment": decision_comment,
                "id": id,
                "late": late,
                "number": number,
                "submitted_at": submitted_at,
                "submitted_by": submitted_by,
                "submitted_on": submitted_on,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        content = d.pop("content")

        def _parse_decided_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        def _parse_decided_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_on_type_0 = datetime.date.fromisoformat(data)

                return decided_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        decided_on = _parse_decided_on(d.pop("decided_on"))

        def _parse_decision(data: object) -> None | SubmissionOutDecisionType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decision_type_0 = SubmissionOutDecisionType0(data)

                return decision_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SubmissionOutDecisionType0, data)

        decision = _parse_decision(d.pop("decision"))

        def _parse_decision_comment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_comment = _parse_decision_comment(d.pop("decision_comment"))

        id = UUID(d.pop("id"))

        late = d.pop("late")

        number = d.pop("number")

        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))

        submitted_by = d.pop("submitted_by")

        submitted_on = datetime.date.fromisoformat(d.pop("submitted_on"))

        summary = d.pop("summary")

        submission_out = cls(
            content=content,
            decided_by=decided_by,
            decided_on=decided_on,
            decision=decision,
            decision_comment=decision_comment,
            id=id,
            late=late,
            number=number,
            submitted_at=submitted_at,
            submitted_by=submitted_by,
            submitted_on=submitted_on,
            summary=summary,
        )

        submission_out.additional_properties = d
        return submission_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
