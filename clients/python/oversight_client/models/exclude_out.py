from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.record_out import RecordOut


T = TypeVar("T", bound="ExcludeOut")


@_attrs_define
class ExcludeOut:
    """
    Attributes:
        excluded (RecordOut):
        replacement (RecordOut):
    """

    excluded: RecordOut
    replacement: RecordOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        excluded = self.excluded.to_dict()

        replacement = self.replacement.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "excluded": excluded,
                "replacement": replacement,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_out import RecordOut  # noqa: PLC0415

        d = dict(src_dict)
        excluded = RecordOut.from_dict(d.pop("excluded"))

        replacement = RecordOut.from_dict(d.pop("replacement"))

        exclude_out = cls(
            excluded=excluded,
            replacement=replacement,
        )

        exclude_out.additional_properties = d
        return exclude_out

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
