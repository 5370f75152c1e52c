from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.report_out_kind import ReportOutKind
from ..models.report_out_status import ReportOutStatus

if TYPE_CHECKING:
    from ..models.progress_out import ProgressOut


T = TypeVar("T", bound="ReportOut")


@_attrs_define
class ReportOut:
    """
    Attributes:
        decided_at (datetime.datetime | None):
        decision_comments (None | str):
        due_on (datetime.date):
        first_submitted_at (datetime.datetime | None):
        id (UUID):
        kind (ReportOutKind):
        label (str):
        late (bool | None): Its first submission came after the due date
        narrative (None | str):
        overdue (bool): Still owed (due or returned) and its due date has passed
        participant_id (UUID):
        period_end (datetime.date | None):
        period_index (int | None):
        period_start (datetime.date | None):
        program_id (UUID):
        progress (list[ProgressOut]):
        status (ReportOutStatus):
        submissions (int):
        submitted_at (datetime.datetime | None):
    """

    decided_at: datetime.datetime | None
    decision_comments: None | str
    due_on: datetime.date
    first_submitted_at: datetime.datetime | None
    id: UUID
    kind: ReportOutKind
    label: str
    late: bool | None
    narrative: None | str
    overdue: bool
    participant_id: UUID
    period_end: datetime.date | None
    period_index: int | None
    period_start: datetime.date | None
    program_id: UUID
    progress: list[ProgressOut]
    status: ReportOutStatus
    submissions: int
    submitted_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decision_comments: None | str
        decision_comments = self.decision_comments

        due_on = self.due_on.isoformat()

        first_submitted_at: None | str
        if isinstance(self.first_submitted_at, datetime.datetime):
            first_submitted_at = self.first_submitted_at.isoformat()
        else:
            first_submitted_at = self.first_submitted_at

        id = str(self.id)

        kind = self.kind.value

        label = self.label

        late: bool | None
        late = self.late

        narrative: None | str
        narrative = self.narrative

        overdue = self.overdue

        participant_id = str(self.participant_id)

        period_end: None | str
        if isinstance(self.period_end, datetime.date):
            period_end = self.period_end.isoformat()
        else:
            period_end = self.period_end

        period_index: int | None
        period_index = self.period_index

        period_start: None | str
        if isinstance(self.period_start, datetime.date):
            period_start = self.period_start.isoformat()
        else:
            period_start = self.period_start

        program_id = str(self.program_id)

        progress = []
        for progress_item_data in self.progress:
            progress_item = progress_item_data.to_dict()
            progress.append(progress_item)

        status = self.status.value

        submissions = self.submissions

        submitted_at: None | str
        if isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "decided_at": decided_at,
                "decision_comments": decision_comments,
                "due_on": due_on,
                "first_submitted_at": first_submitted_at,
                "id": id,
                "kind": kind,
                "label": label,
                "late": late,
                "narrative": narrative,
                "overdue": overdue,
                "participant_id": participant_id,
                "period_end": period_end,
                "period_index": period_index,
                "period_start": period_start,
                "program_id": program_id,
                "progress": progress,
                "status": status,
                "submissions": submissions,
                "submitted_at": submitted_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.progress_out import ProgressOut  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_decision_comments(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_comments = _parse_decision_comments(d.pop("decision_comments"))

        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        def _parse_first_submitted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_submitted_at_type_0 = datetime.datetime.fromisoformat(data)

                return first_submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_submitted_at = _parse_first_submitted_at(d.pop("first_submitted_at"))

        id = UUID(d.pop("id"))

        kind = ReportOutKind(d.pop("kind"))

        label = d.pop("label")

        def _parse_late(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        late = _parse_late(d.pop("late"))

        def _parse_narrative(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        narrative = _parse_narrative(d.pop("narrative"))

        overdue = d.pop("overdue")

        participant_id = UUID(d.pop("participant_id"))

        def _parse_period_end(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_end_type_0 = datetime.date.fromisoformat(data)

                return period_end_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        period_end = _parse_period_end(d.pop("period_end"))

        def _parse_period_index(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        period_index = _parse_period_index(d.pop("period_index"))

        def _parse_period_start(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_start_type_0 = datetime.date.fromisoformat(data)

                return period_start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        period_start = _parse_period_start(d.pop("period_start"))

        program_id = UUID(d.pop("program_id"))

        progress = []
        _progress = d.pop("progress")
        for progress_item_data in _progress:
            progress_item = ProgressOut.from_dict(progress_item_data)

            progress.append(progress_item)

        status = ReportOutStatus(d.pop("status"))

        submissions = d.pop("submissions")

        def _parse_submitted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_at_type_0 = datetime.datetime.fromisoformat(data)

                return submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        submitted_at = _parse_submitted_at(d.pop("submitted_at"))

        report_out = cls(
            decided_at=decided_at,
            decision_comments=decision_comments,
            due_on=due_on,
            first_submitted_at=first_submitted_at,
            id=id,
            kind=kind,
            label=label,
            late=late,
            narrative=narrative,
            overdue=overdue,
            participant_id=participant_id,
            period_end=period_end,
            period_index=period_index,
            period_start=period_start,
            program_id=program_id,
            progress=progress,
            status=status,
            submissions=submissions,
            submitted_at=submitted_at,
        )

        report_out.additional_properties = d
        return report_out

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
