from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.quarter_status_out_status import QuarterStatusOutStatus

T = TypeVar("T", bound="QuarterStatusOut")


@_attrs_define
class QuarterStatusOut:
    """
    Attributes:
        due_on (datetime.date):
        earned (str):
        label (str):
        measure (str):
        payment (str):
        period_index (int):
        reported (None | str):
        status (QuarterStatusOutStatus):
        target (str):
    """

    due_on: datetime.date
    earned: str
    label: str
    measure: str
    payment: str
    period_index: int
    reported: None | str
    status: QuarterStatusOutStatus
    target: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due_on = self.due_on.isoformat()

        earned = self.earned

        label = self.label

        measure = self.measure

        payment = self.payment

        period_index = self.period_index

        reported: None | str
        reported = self.reported

        status = self.status.value

        target = self.target

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due_on": due_on,
                "earned": earned,
                "label": label,
                "measure": measure,
                "payment": payment,
                "period_index": period_index,
                "reported": reported,
                "status": status,
                "target": target,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        earned = d.pop("earned")

        label = d.pop("label")

        measure = d.pop("measure")

        payment = d.pop("payment")

        period_index = d.pop("period_index")

        def _parse_reported(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reported = _parse_reported(d.pop("reported"))

        status = QuarterStatusOutStatus(d.pop("status"))

        target = d.pop("target")

        quarter_status_out = cls(
            due_on=due_on,
            earned=earned,
            label=label,
            measure=measure,
            payment=payment,
            period_index=period_index,
            reported=reported,
            status=status,
            target=target,
        )

        quarter_status_out.additional_properties = d
        return quarter_status_out

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
