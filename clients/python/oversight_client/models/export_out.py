from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.export_kind import ExportKind
from ..models.export_status import ExportStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.export_out_filters import ExportOutFilters


T = TypeVar("T", bound="ExportOut")


@_attrs_define
class ExportOut:
    """
    Attributes:
        byte_size (int | None):
        created_at (datetime.datetime):
        expires_at (datetime.datetime | None):
        filters (ExportOutFilters):
        finished_at (datetime.datetime | None):
        format_ (str):
        id (UUID):
        include_member_identity (bool):
        kind (ExportKind):
        requested_by (str):
        row_count (int | None):
        started_at (datetime.datetime | None):
        status (ExportStatus):
        error (None | str | Unset): the last failure's error type (never its message)
        schedule_id (None | Unset | UUID):
    """

    byte_size: int | None
    created_at: datetime.datetime
    expires_at: datetime.datetime | None
    filters: ExportOutFilters
    finished_at: datetime.datetime | None
    format_: str
    id: UUID
    include_member_identity: bool
    kind: ExportKind
    requested_by: str
    row_count: int | None
    started_at: datetime.datetime | None
    status: ExportStatus
    error: None | str | Unset = UNSET
    schedule_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        byte_size: int | None
        byte_size = self.byte_size

        created_at = self.created_at.isoformat()

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        filters = self.filters.to_dict()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        format_ = self.format_

        id = str(self.id)

        include_member_identity = self.include_member_identity

        kind = self.kind.value

        requested_by = self.requested_by

        row_count: int | None
        row_count = self.row_count

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        status = self.status.value

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        schedule_id: None | str | Unset
        if isinstance(self.schedule_id, Unset):
            schedule_id = UNSET
        elif isinstance(self.schedule_id, UUID):
            schedule_id = str(self.schedule_id)
        else:
            schedule_id = self.schedule_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "byte_size": byte_size,
                "created_at": created_at,
                "expires_at": expires_at,
                "filters": filters,
                "finished_at": finished_at,
                "format": format_,
                "id": id,
                "include_member_identity": include_member_identity,
                "kind": kind,
                "requested_by": requested_by,
                "row_count": row_count,
                "started_at": started_at,
                "status": status,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if schedule_id is not UNSET:
            field_dict["schedule_id"] = schedule_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_out_filters import ExportOutFilters  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_byte_size(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        byte_size = _parse_byte_size(d.pop("byte_size"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        filters = ExportOutFilters.from_dict(d.pop("filters"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        format_ = d.pop("format")

        id = UUID(d.pop("id"))

        include_member_identity = d.pop("include_member_identity")

        kind = ExportKind(d.pop("kind"))

        requested_by = d.pop("requested_by")

        def _parse_row_count(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        row_count = _parse_row_count(d.pop("row_count"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        status = ExportStatus(d.pop("status"))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_schedule_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                schedule_id_type_0 = UUID(data)

                return schedule_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        schedule_id = _parse_schedule_id(d.pop("schedule_id", UNSET))

        export_out = cls(
            byte_size=byte_size,
            created_at=created_at,
            expires_at=expires_at,
            filters=filters,
            finished_at=finished_at,
            format_=format_,
            id=id,
            include_member_identity=include_member_identity,
            kind=kind,
            requested_by=requested_by,
            row_count=row_count,
            started_at=started_at,
            status=status,
            error=error,
            schedule_id=schedule_id,
        )

        export_out.additional_properties = d
        return export_out

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
