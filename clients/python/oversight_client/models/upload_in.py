from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.roi_in import RoiIn


T = TypeVar("T", bound="UploadIn")


@_attrs_define
class UploadIn:
    """The file the provider is about to send; the store is told to accept exactly this size and type, and
    completion checks the sha256 and the real type of what arrived.

        Attributes:
            content_type (str):
            file_name (str):
            sha256 (str): lower-case hex sha256 of the file
            size (int):
            roi (None | RoiIn | Unset):
    """

    content_type: str
    file_name: str
    sha256: str
    size: int
    roi: None | RoiIn | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.roi_in import RoiIn  # noqa: PLC0415

        content_type = self.content_type

        file_name = self.file_name

        sha256 = self.sha256

        size = self.size

        roi: dict[str, Any] | None | Unset
        if isinstance(self.roi, Unset):
            roi = UNSET
        elif isinstance(self.roi, RoiIn):
            roi = self.roi.to_dict()
        else:
            roi = self.roi

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "content_type": content_type,
                "file_name": file_name,
                "sha256": sha256,
                "size": size,
            }
        )
        if roi is not UNSET:
            field_dict["roi"] = roi

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.roi_in import RoiIn  # noqa: PLC0415

        d = dict(src_dict)
        content_type = d.pop("content_type")

        file_name = d.pop("file_name")

        sha256 = d.pop("sha256")

        size = d.pop("size")

        def _parse_roi(data: object) -> None | RoiIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                roi_type_0 = RoiIn.from_dict(data)

                return roi_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RoiIn | Unset, data)

        roi = _parse_roi(d.pop("roi", UNSET))

        upload_in = cls(
            content_type=content_type,
            file_name=file_name,
            sha256=sha256,
            size=size,
            roi=roi,
        )

        return upload_in
