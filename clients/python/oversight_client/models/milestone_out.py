from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.milestone_out_status import MilestoneOutStatus

T = TypeVar("T", bound="MilestoneOut")


@_attrs_define
class MilestoneOut:
    """
    Attributes:
        achieved_on (datetime.date | None):
        number (int):
        status (MilestoneOutStatus):
        text (str):
    """

    achieved_on: datetime.date | None
    number: int
    status: MilestoneOutStatus
    text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        achieved_on: None | str
        if isinstance(self.achieved_on, datetime.date):
            achieved_on = self.achieved_on.isoformat()
        else:
            achieved_on = self.achieved_on

        number = self.number

        status = self.status.value

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "achieved_on": achieved_on,
                "number": number,
                "status": status,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_achieved_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                achieved_on_type_0 = datetime.date.fromisoformat(data)

                return achieved_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        achieved_on = _parse_achieved_on(d.pop("achieved_on"))

        number = d.pop("number")

        status = MilestoneOutStatus(d.pop("status"))

        text = d.pop("text")

        milestone_out = cls(
            achieved_on=achieved_on,
            number=number,
            status=status,
            text=text,
        )

        milestone_out.additional_properties = d
        return milestone_out

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
