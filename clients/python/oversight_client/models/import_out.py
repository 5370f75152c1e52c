from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.import_out_file_format import ImportOutFileFormat
from ..models.import_out_kind import ImportOutKind
from ..models.import_out_status import ImportOutStatus

if TYPE_CHECKING:
    from ..models.import_error_out import ImportErrorOut


T = TypeVar("T", bound="ImportOut")


@_attrs_define
class ImportOut:
    """
    Attributes:
        content_sha256 (str):
        created_at (datetime.datetime):
        error_count (int):
        errors (list[ImportErrorOut]):
        file_format (ImportOutFileFormat):
        finished_at (datetime.datetime | None):
        id (UUID):
        inserted (int | None):
        kind (ImportOutKind):
        rows (int | None):
        size_bytes (int):
        status (ImportOutStatus):
        unchanged (int | None):
        updated (int | None):
    """

    content_sha256: str
    created_at: datetime.datetime
    error_count: int
    errors: list[ImportErrorOut]
    file_format: ImportOutFileFormat
    finished_at: datetime.datetime | None
    id: UUID
    inserted: int | None
    kind: ImportOutKind
    rows: int | None
    size_bytes: int
    status: ImportOutStatus
    unchanged: int | None
    updated: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content_sha256 = self.content_sha256

        created_at = self.created_at.isoformat()

        error_count = self.error_count

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        file_format = self.file_format.value

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = str(self.id)

        inserted: int | None
        inserted = self.inserted

        kind = self.kind.value

        rows: int | None
        rows = self.rows

        size_bytes = self.size_bytes

        status = self.status.value

        unchanged: int | None
        unchanged = self.unchanged

        updated: int | None
        updated = self.updated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content_sha256": content_sha256,
                "created_at": created_at,
                "error_count": error_count,
                "errors": errors,
                "file_format": file_format,
                "finished_at": finished_at,
                "id": id,
                "inserted": inserted,
                "kind": kind,
                "rows": rows,
                "size_bytes": size_bytes,
                "status": status,
                "unchanged": unchanged,
                "updated": updated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_error_out import ImportErrorOut  # noqa: PLC0415

        d = dict(src_dict)
        content_sha256 = d.pop("content_sha256")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        error_count = d.pop("error_count")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = ImportErrorOut.from_dict(errors_item_data)

            errors.append(errors_item)

        file_format = ImportOutFileFormat(d.pop("file_format"))

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

        id = UUID(d.pop("id"))

        def _parse_inserted(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        inserted = _parse_inserted(d.pop("inserted"))

        kind = ImportOutKind(d.pop("kind"))

        def _parse_rows(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rows = _parse_rows(d.pop("rows"))

        size_bytes = d.pop("size_bytes")

        status = ImportOutStatus(d.pop("status"))

        def _parse_unchanged(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        unchanged = _parse_unchanged(d.pop("unchanged"))

        def _parse_updated(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        updated = _parse_updated(d.pop("updated"))

        import_out = cls(
            content_sha256=content_sha256,
            created_at=created_at,
            error_count=error_count,
            errors=errors,
            file_format=file_format,
            finished_at=finished_at,
            id=id,
            inserted=inserted,
            kind=kind,
            rows=rows,
            size_bytes=size_bytes,
            status=status,
            unchanged=unchanged,
            updated=updated,
        )

        import_out.additional_properties = d
        return import_out

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
