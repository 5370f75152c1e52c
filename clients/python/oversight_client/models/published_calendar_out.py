from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.published_year_out import PublishedYearOut


T = TypeVar("T", bound="PublishedCalendarOut")


@_attrs_define
class PublishedCalendarOut:
    """
    Attributes:
        jurisdiction (str):
        published_year (int):
        source (str):
        source_url (str):
        title (str):
        years (list[PublishedYearOut]):
    """

    jurisdiction: str
    published_year: int
    source: str
    source_url: str
    title: str
    years: list[PublishedYearOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        jurisdiction = self.jurisdiction

        published_year = self.published_year

        source = self.source

        source_url = self.source_url

        title = self.title

        years = []
        for years_item_data in self.years:
            years_item = years_item_data.to_dict()
            years.append(years_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "jurisdiction": jurisdiction,
                "published_year": published_year,
                "source": source,
                "source_url": source_url,
                "title": title,
                "years": years,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.published_year_out import PublishedYearOut  # noqa: PLC0415

        d = dict(src_dict)
        jurisdiction = d.pop("jurisdiction")

        published_year = d.pop("published_year")

        source = d.pop("source")

        source_url = d.pop("source_url")

        title = d.pop("title")

        years = []
        _years = d.pop("years")
        for years_item_data in _years:
            years_item = PublishedYearOut.from_dict(years_item_data)

            years.append(years_item)

        published_calendar_out = cls(
            jurisdiction=jurisdiction,
            published_year=published_year,
            source=source,
            source_url=source_url,
            title=title,
            years=years,
        )

        published_calendar_out.additional_properties = d
        return published_calendar_out

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
