from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.export_kind import ExportKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.report_schedule_out_filters import ReportScheduleOutFilters


T = TypeVar("T", bound="ReportScheduleOut")


@_attrs_define
class ReportScheduleOut:
    """
    Attributes:
        created_at (datetime.datetime):
        created_by (str):
        cron (str):
        enabled (bool):
        filters (ReportScheduleOutFilters):
        format_ (str):
        id (UUID):
        include_member_identity (bool):
        kind (ExportKind):
        name (str):
        next_run_at (datetime.datetime):
        timezone (str):
        version (int):
        last_run_at (datetime.datetime | None | Unset):
    """

    created_at: datetime.datetime
    created_by: str
    cron: str
    enabled: bool
    filters: ReportScheduleOutFilters
    format_: str
    id: UUID
    include_member_identity: bool
    kind: ExportKind
    name: str
    next_run_at: datetime.datetime
    timezone: str
    version: int
    last_run_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        created_by = self.created_by

        cron = self.cron

        enabled = self.enabled

        filters = self.filters.to_dict()

        format_ = self.format_

        id = str(self.id)

        include_member_identity = self.include_member_identity

        kind = self.kind.value

        name = self.name

        next_run_at = self.next_run_at.isoformat()

        timezone = self.timezone

        version = self.version

        last_run_at: None | str | Unset
        if isinstance(self.last_run_at, Unset):
            last_run_at = UNSET
        elif isinstance(self.last_run_at, datetime.datetime):
            last_run_at = self.last_run_at.isoformat()
        else:
            last_run_at = self.last_run_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "created_by": created_by,
                "cron": cron,
                "enabled": enabled,
                "filters": filters,
                "format": format_,
                "id": id,
                "include_member_identity": include_member_identity,
                "kind": kind,
                "name": name,
                "next_run_at": next_run_at,
                "timezone": timezone,
                "version": version,
            }
        )
        if last_run_at is not UNSET:
            field_dict["last_run_at"] = last_run_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report_schedule_out_filters import ReportScheduleOutFilters  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_by = d.pop("created_by")

        cron = d.pop("cron")

        enabled = d.pop("enabled")

        filters = ReportScheduleOutFilters.from_dict(d.pop("filters"))

        format_ = d.pop("format")

        id = UUID(d.pop("id"))

        include_member_identity = d.pop("include_member_identity")

        kind = ExportKind(d.pop("kind"))

        name = d.pop("name")

        next_run_at = datetime.datetime.fromisoformat(d.pop("next_run_at"))

        timezone = d.pop("timezone")

        version = d.pop("version")

        def _parse_last_run_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_run_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_run_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_run_at = _parse_last_run_at(d.pop("last_run_at", UNSET))

        report_schedule_out = cls(
            created_at=created_at,
            created_by=created_by,
            cron=cron,
            enabled=enabled,
            filters=filters,
            format_=format_,
            id=id,
            include_member_identity=include_member_identity,
            kind=kind,
            name=name,
            next_run_at=next_run_at,
            timezone=timezone,
            version=version,
            last_run_at=last_run_at,
        )

        report_schedule_out.additional_properties = d
        return report_schedule_out

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
