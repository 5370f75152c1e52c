from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.schedule_item_out_kind import ScheduleItemOutKind

T = TypeVar("T", bound="ScheduleItemOut")


@_attrs_define
class ScheduleItemOut:
    """
    Attributes:
        due_on (datetime.date):
        kind (ScheduleItemOutKind):
        label (str):
        period_end (datetime.date | None):
        period_index (int | None):
        period_start (datetime.date | None):
    """

    due_on: datetime.date
    kind: ScheduleItemOutKind
    label: str
    period_end: datetime.date | None
    period_index: int | None
    period_start: datetime.date | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due_on = self.due_on.isoformat()

        kind = self.kind.value

        label = self.label

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due_on": due_on,
                "kind": kind,
                "label": label,
                "period_end": period_end,
                "period_index": period_index,
                "period_start": period_start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        due_on = datetime.date.fromisoformat(d.pop("due_on"))

        kind = ScheduleItemOutKind(d.pop("kind"))

        label = d.pop("label")

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

        schedule_item_out = cls(
            due_on=due_on,
            kind=kind,
            label=label,
            period_end=period_end,
            period_index=period_index,
            period_start=period_start,
        )

        schedule_item_out.additional_properties = d
        return schedule_item_out

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
