from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.import_out import ImportOut
    from ..models.upload_target import UploadTarget


T = TypeVar("T", bound="ImportUploadOut")


@_attrs_define
class ImportUploadOut:
    """The import (``uploading`` until completed) and where to send the bytes; ``upload`` is null when
    this file (same kind and sha256) was sent before: nothing needs sending again.

        Attributes:
            activity_import (ImportOut):
            upload (None | Unset | UploadTarget):
    """

    activity_import: ImportOut
    upload: None | Unset | UploadTarget = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.upload_target import UploadTarget  # noqa: PLC0415

        activity_import = self.activity_import.to_dict()

        upload: dict[str, Any] | None | Unset
        if isinstance(self.upload, Unset):
            upload = UNSET
        elif isinstance(self.upload, UploadTarget):
            upload = self.upload.to_dict()
        else:
            upload = self.upload

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activity_import": activity_import,
            }
        )
        if upload is not UNSET:
            field_dict["upload"] = upload

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_out import ImportOut  # noqa: PLC0415
        from ..models.upload_target import UploadTarget  # noqa: PLC0415

        d = dict(src_dict)
        activity_import = ImportOut.from_dict(d.pop("activity_import"))

        def _parse_upload(data: object) -> None | Unset | UploadTarget:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                upload_type_0 = UploadTarget.from_dict(data)

                return upload_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UploadTarget, data)

        upload = _parse_upload(d.pop("upload", UNSET))

        import_upload_out = cls(
            activity_import=activity_import,
            upload=upload,
        )

        import_upload_out.additional_properties = d
        return import_upload_out

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
