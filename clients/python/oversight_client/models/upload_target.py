from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.upload_target_method import UploadTargetMethod
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.upload_target_fields import UploadTargetFields
    from ..models.upload_target_headers import UploadTargetHeaders


T = TypeVar("T", bound="UploadTarget")


@_attrs_define
class UploadTarget:
    """Where to send the bytes. ``method`` POST: a multipart form with ``fields`` first and the file last
    (S3 presigned POST). ``method`` PUT: the raw bytes as the body with ``headers`` (the local-disk store).

        Attributes:
            expires_at (datetime.datetime):
            max_bytes (int):
            method (UploadTargetMethod):
            url (str):
            fields (UploadTargetFields | Unset):
            headers (UploadTargetHeaders | Unset):
    """

    expires_at: datetime.datetime
    max_bytes: int
    method: UploadTargetMethod
    url: str
    fields: UploadTargetFields | Unset = UNSET
    headers: UploadTargetHeaders | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expires_at = self.expires_at.isoformat()

        max_bytes = self.max_bytes

        method = self.method.value

        url = self.url

        fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields.to_dict()

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "expires_at": expires_at,
                "max_bytes": max_bytes,
                "method": method,
                "url": url,
            }
        )
        if fields is not UNSET:
            field_dict["fields"] = fields
        if headers is not UNSET:
            field_dict["headers"] = headers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.upload_target_fields import UploadTargetFields  # noqa: PLC0415
        from ..models.upload_target_headers import UploadTargetHeaders  # noqa: PLC0415

        d = dict(src_dict)
        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        max_bytes = d.pop("max_bytes")

        method = UploadTargetMethod(d.pop("method"))

        url = d.pop("url")

        _fields = d.pop("fields", UNSET)
        fields: UploadTargetFields | Unset
        if isinstance(_fields, Unset):
            fields = UNSET
        else:
            fields = UploadTargetFields.from_dict(_fields)

        _headers = d.pop("headers", UNSET)
        headers: UploadTargetHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = UploadTargetHeaders.from_dict(_headers)

        upload_target = cls(
            expires_at=expires_at,
            max_bytes=max_bytes,
            method=method,
            url=url,
            fields=fields,
            headers=headers,
        )

        upload_target.additional_properties = d
        return upload_target

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
