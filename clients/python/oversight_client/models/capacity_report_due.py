from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CapacityReportDue")


@_attrs_define
class CapacityReportDue:
    """
    Attributes:
        due_on (datetime.date):
        kind (str):
        label (str):
        overdue (bool):
        program_id (UUID):
        report_id (UUID):
        status (str):
    """

    due_on: datetime.date
    kind: str
    label: str
    overdue: bool
    program_id: UUID
    report_id: UUID
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due_on = self.due_on.isoformat()

        kind = self.kind

        label = self.label

        overdue = self.overdue

        program_id = str(self.program_id)

        report_id = str(self.report_id)

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due_on": due_on,
                "kind": kind,
                "label": label,
                "overdue": overdue,
                "program_id": program_id,
                "report_id": report_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        kind = d.pop("kind")

        label = d.pop("label")

        overdue = d.pop("overdue")

        program_id = UUID(d.pop("program_id"))

        report_id = UUID(d.pop("report_id"))

        status = d.pop("status")

        capacity_report_due = cls(
            due_on=due_on,
            kind=kind,
            label=label,
            overdue=overdue,
            program_id=program_id,
            report_id=report_id,
            status=status,
        )

        capacity_report_due.additional_properties = d
        return capacity_report_due

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
