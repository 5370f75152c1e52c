from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.roi_check_item import RoiCheckItem


T = TypeVar("T", bound="RoiCheckOut")


@_attrs_define
class RoiCheckOut:
    """Seed 003's "Valid ROI" element per sampled record: a suggestion the reviewer confirms in findings.

    Attributes:
        items (list[RoiCheckItem]):
        period_end (datetime.date):
        period_start (datetime.date):
        review_id (UUID):
    """

    items: list[RoiCheckItem]
    period_end: datetime.date
    period_start: datetime.date
    review_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        period_end = self.period_end.isoformat()

        period_start = self.period_start.isoformat()

        review_id = str(self.review_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "period_end": period_end,
                "period_start": period_start,
                "review_id": review_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.roi_check_item import RoiCheckItem  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = RoiCheckItem.from_dict(items_item_data)

            items.append(items_item)

        period_end = datetime.date.fromisoformat(d.pop("period_end"))

        period_start = datetime.date.fromisoformat(d.pop("period_start"))

        review_id = UUID(d.pop("review_id"))

        roi_check_out = cls(
            items=items,
            period_end=period_end,
            period_start=period_start,
            review_id=review_id,
        )

        roi_check_out.additional_properties = d
        return roi_check_out

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
