from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.calendar_change_out import CalendarChangeOut
    from ..models.closed_day import ClosedDay


T = TypeVar("T", bound="OrganizationCalendarOut")


@_attrs_define
class OrganizationCalendarOut:
    """
    Attributes:
        base (str): the jurisdiction whose published schedule this calendar starts from
        changes (list[CalendarChangeOut]):
        closed_days (list[ClosedDay]): every weekday closed in the years the base schedule covers, changes applied
        organization_id (UUID):
        version (int): 0 until the organization's first change
    """

    base: str
    changes: list[CalendarChangeOut]
    closed_days: list[ClosedDay]
    organization_id: UUID
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        base = self.base

        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.to_dict()
            changes.append(changes_item)

        closed_days = []
        for closed_days_item_data in self.closed_days:
            closed_days_item = closed_days_item_data.to_dict()
            closed_days.append(closed_days_item)

        organization_id = str(self.organization_id)

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "base": base,
                "changes": changes,
                "closed_days": closed_days,
                "organization_id": organization_id,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.calendar_change_out import CalendarChangeOut  # noqa: PLC0415
        from ..models.closed_day import ClosedDay  # noqa: PLC0415

        d = dict(src_dict)
        base = d.pop("base")

        changes = []
        _changes = d.pop("changes")
        for changes_item_data in _changes:
            changes_item = CalendarChangeOut.from_dict(changes_item_data)

            changes.append(changes_item)

        closed_days = []
        _closed_days = d.pop("closed_days")
        for closed_days_item_data in _closed_days:
            closed_days_item = ClosedDay.from_dict(closed_days_item_data)

            closed_days.append(closed_days_item)

        organization_id = UUID(d.pop("organization_id"))

        version = d.pop("version")

        organization_calendar_out = cls(
            base=base,
            changes=changes,
            closed_days=closed_days,
            organization_id=organization_id,
            version=version,
        )

        organization_calendar_out.additional_properties = d
        return organization_calendar_out

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
