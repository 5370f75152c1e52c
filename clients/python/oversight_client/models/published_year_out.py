from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.published_year_out_basis import PublishedYearOutBasis

if TYPE_CHECKING:
    from ..models.closed_day import ClosedDay


T = TypeVar("T", bound="PublishedYearOut")


@_attrs_define
class PublishedYearOut:
    """
    Attributes:
        basis (PublishedYearOutBasis): published: from the state's published schedule; derived: from its rules, not yet
            checked
        days (list[ClosedDay]):
        year (int):
    """

    basis: PublishedYearOutBasis
    days: list[ClosedDay]
    year: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        basis = self.basis.value

        days = []
        for days_item_data in self.days:
            days_item = days_item_data.to_dict()
            days.append(days_item)

        year = self.year

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "basis": basis,
                "days": days,
                "year": year,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.closed_day import ClosedDay  # noqa: PLC0415

        d = dict(src_dict)
        basis = PublishedYearOutBasis(d.pop("basis"))

        days = []
        _days = d.pop("days")
        for days_item_data in _days:
            days_item = ClosedDay.from_dict(days_item_data)

            days.append(days_item)

        year = d.pop("year")

        published_year_out = cls(
            basis=basis,
            days=days,
            year=year,
        )

        published_year_out.additional_properties = d
        return published_year_out

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
