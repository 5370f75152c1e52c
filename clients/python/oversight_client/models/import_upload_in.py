from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.import_upload_in_file_format import ImportUploadInFileFormat

T = TypeVar("T", bound="ImportUploadIn")


@_attrs_define
class ImportUploadIn:
    """The file the plan is about to send straight to storage; completion checks that what arrived has
    exactly this size and sha256.

        Attributes:
            file_format (ImportUploadInFileFormat):
            sha256 (str): lower-case hex sha256 of the file
            size (int):
    """

    file_format: ImportUploadInFileFormat
    sha256: str
    size: int

    def to_dict(self) -> dict[str, Any]:
        file_format = self.file_format.value

        sha256 = self.sha256

        size = self.size

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "file_format": file_format,
                "sha256": sha256,
                "size": size,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file_format = ImportUploadInFileFormat(d.pop("file_format"))

        sha256 = d.pop("sha256")

        size = d.pop("size")

        import_upload_in = cls(
            file_format=file_format,
            sha256=sha256,
            size=size,
        )

        return import_upload_in
