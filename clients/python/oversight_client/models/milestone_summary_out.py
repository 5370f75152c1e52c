from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.milestone_summary_out_status import MilestoneSummaryOutStatus

if TYPE_CHECKING:
    from ..models.quarter_status_out import QuarterStatusOut


T = TypeVar("T", bound="MilestoneSummaryOut")


@_attrs_define
class MilestoneSummaryOut:
    """
    Attributes:
        achieved_on (datetime.date | None):
        budgeted (str):
        earned (str):
        number (int):
        quarters (list[QuarterStatusOut]):
        status (MilestoneSummaryOutStatus):
        text (str):
    """

    achieved_on: datetime.date | None
    budgeted: str
    earned: str
    number: int
    quarters: list[QuarterStatusOut]
    status: MilestoneSummaryOutStatus
    text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        achieved_on: None | str
        if isinstance(self.achieved_on, datetime.date):
            achieved_on = self.achieved_on.isoformat()
        else:
            achieved_on = self.achieved_on

        budgeted = self.budgeted

        earned = self.earned

        number = self.number

        quarters = []
        for quarters_item_data in self.quarters:
            quarters_item = quarters_item_data.to_dict()
            quarters.append(quarters_item)

        status = self.status.value

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "achieved_on": achieved_on,
                "budgeted": budgeted,
                "earned": earned,
                "number": number,
                "quarters": quarters,
                "status": status,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quarter_status_out import QuarterStatusOut  # noqa: PLC0415

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

        budgeted = d.pop("budgeted")

        earned = d.pop("earned")

        number = d.pop("number")

        quarters = []
        _quarters = d.pop("quarters")
        for quarters_item_data in _quarters:
            quarters_item = QuarterStatusOut.from_dict(quarters_item_data)

            quarters.append(quarters_item)

        status = MilestoneSummaryOutStatus(d.pop("status"))

        text = d.pop("text")

        milestone_summary_out = cls(
            achieved_on=achieved_on,
            budgeted=budgeted,
            earned=earned,
            number=number,
            quarters=quarters,
            status=status,
            text=text,
        )

        milestone_summary_out.additional_properties = d
        return milestone_summary_out

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
