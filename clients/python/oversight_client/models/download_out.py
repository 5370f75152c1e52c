from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DownloadOut")


@_attrs_define
class DownloadOut:
    """A short-lived URL (the issuance is recorded as a member-data read).

    Attributes:
        content_type (None | str):
        document_id (UUID):
        expires_at (datetime.datetime):
        file_name (str):
        url (str):
    """

    content_type: None | str
    document_id: UUID
    expires_at: datetime.datetime
    file_name: str
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content_type: None | str
        content_type = self.content_type

        document_id = str(self.document_id)

        expires_at = self.expires_at.isoformat()

        file_name = self.file_name

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content_type": content_type,
                "document_id": document_id,
                "expires_at": expires_at,
                "file_name": file_name,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_content_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content_type = _parse_content_type(d.pop("content_type"))

        document_id = UUID(d.pop("document_id"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        file_name = d.pop("file_name")

        url = d.pop("url")

        download_out = cls(
            content_type=content_type,
            document_id=document_id,
            expires_at=expires_at,
            file_name=file_name,
            url=url,
        )

        download_out.additional_properties = d
        return download_out

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
