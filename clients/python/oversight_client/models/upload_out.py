from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.document_summary import DocumentSummary
    from ..models.upload_target import UploadTarget


T = TypeVar("T", bound="UploadOut")


@_attrs_define
class UploadOut:
    """
    Attributes:
        document (DocumentSummary): One uploaded version. ``stored_name`` is the member-file name (seed 003: Last
            NameCIN): member data,
            shown only to callers who may read the review's documents.
        upload (UploadTarget): Where to send the bytes. ``method`` POST: a multipart form with ``fields`` first and the
            file last
            (S3 presigned POST). ``method`` PUT: the raw bytes as the body with ``headers`` (the local-disk store).
    """

    document: DocumentSummary
    upload: UploadTarget
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        document = self.document.to_dict()

        upload = self.upload.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "document": document,
                "upload": upload,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_summary import DocumentSummary  # noqa: PLC0415
        from ..models.upload_target import UploadTarget  # noqa: PLC0415

        d = dict(src_dict)
        document = DocumentSummary.from_dict(d.pop("document"))

        upload = UploadTarget.from_dict(d.pop("upload"))

        upload_out = cls(
            document=document,
            upload=upload,
        )

        upload_out.additional_properties = d
        return upload_out

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
