from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_summary_status import DocumentSummaryStatus

T = TypeVar("T", bound="DocumentSummary")


@_attrs_define
class DocumentSummary:
    """One uploaded version. ``stored_name`` is the member-file name (seed 003: Last NameCIN): member data,
    shown only to callers who may read the review's documents.

        Attributes:
            available_at (datetime.datetime | None):
            content_type (None | str):
            created_at (datetime.datetime):
            deleted_at (datetime.datetime | None):
            id (UUID):
            original_name (str):
            rejected_reason (None | str):
            roi_authorizes (None | str):
            roi_effective_on (datetime.date | None):
            roi_expires_on (datetime.date | None):
            size (int):
            status (DocumentSummaryStatus):
            stored_name (str):
            uploaded_by (str):
            version_number (int):
    """

    available_at: datetime.datetime | None
    content_type: None | str
    created_at: datetime.datetime
    deleted_at: datetime.datetime | None
    id: UUID
    original_name: str
    rejected_reason: None | str
    roi_authorizes: None | str
    roi_effective_on: datetime.date | None
    roi_expires_on: datetime.date | None
    size: int
    status: DocumentSummaryStatus
    stored_name: str
    uploaded_by: str
    version_number: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        available_at: None | str
        if isinstance(self.available_at, datetime.datetime):
            available_at = self.available_at.isoformat()
        else:
            available_at = self.available_at

        content_type: None | str
        content_type = self.content_type

        created_at = self.created_at.isoformat()

        deleted_at: None | str
        if isinstance(self.deleted_at, datetime.datetime):
            deleted_at = self.deleted_at.isoformat()
        else:
            deleted_at = self.deleted_at

        id = str(self.id)

        original_name = self.original_name

        rejected_reason: None | str
        rejected_reason = self.rejected_reason

        roi_authorizes: None | str
        roi_authorizes = self.roi_authorizes

        roi_effective_on: None | str
        if isinstance(self.roi_effective_on, datetime.date):
            roi_effective_on = self.roi_effective_on.isoformat()
        else:
            roi_effective_on = self.roi_effective_on

        roi_expires_on: None | str
        if isinstance(self.roi_expires_on, datetime.date):
            roi_expires_on = self.roi_expires_on.isoformat()
        else:
            roi_expires_on = self.roi_expires_on

        size = self.size

        status = self.status.value

        stored_name = self.stored_name

        uploaded_by = self.uploaded_by

        version_number = self.version_number

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "available_at": available_at,
                "content_type": content_type,
                "created_at": created_at,
                "deleted_at": deleted_at,
                "id": id,
                "original_name": original_name,
                "rejected_reason": rejected_reason,
                "roi_authorizes": roi_authorizes,
                "roi_effective_on": roi_effective_on,
                "roi_expires_on": roi_expires_on,
                "size": size,
                "status": status,
                "stored_name": stored_name,
                "uploaded_by": uploaded_by,
                "version_number": version_number,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_available_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                available_at_type_0 = datetime.datetime.fromisoformat(data)

                return available_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        available_at = _parse_available_at(d.pop("available_at"))

        def _parse_content_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content_type = _parse_content_type(d.pop("content_type"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_deleted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deleted_at_type_0 = datetime.datetime.fromisoformat(data)

                return deleted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        deleted_at = _parse_deleted_at(d.pop("deleted_at"))

        id = UUID(d.pop("id"))

        original_name = d.pop("original_name")

        def _parse_rejected_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rejected_reason = _parse_rejected_reason(d.pop("rejected_reason"))

        def _parse_roi_authorizes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        roi_authorizes = _parse_roi_authorizes(d.pop("roi_authorizes"))

        def _parse_roi_effective_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                roi_effective_on_type_0 = datetime.date.fromisoformat(data)

                return roi_effective_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        roi_effective_on = _parse_roi_effective_on(d.pop("roi_effective_on"))

        def _parse_roi_expires_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                roi_expires_on_type_0 = datetime.date.fromisoformat(data)

                return roi_expires_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        roi_expires_on = _parse_roi_expires_on(d.pop("roi_expires_on"))

        size = d.pop("size")

        status = DocumentSummaryStatus(d.pop("status"))

        stored_name = d.pop("stored_name")

        uploaded_by = d.pop("uploaded_by")

        version_number = d.pop("version_number")

        document_summary = cls(
            available_at=available_at,
            content_type=content_type,
            created_at=created_at,
            deleted_at=deleted_at,
            id=id,
            original_name=original_name,
            rejected_reason=rejected_reason,
            roi_authorizes=roi_authorizes,
            roi_effective_on=roi_effective_on,
            roi_expires_on=roi_expires_on,
            size=size,
            status=status,
            stored_name=stored_name,
            uploaded_by=uploaded_by,
            version_number=version_number,
        )

        document_summary.additional_properties = d
        return document_summary

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
