from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SampleStageOut")


@_attrs_define
class SampleStageOut:
    """
    Attributes:
        available (int):
        draw_number (int):
        drawn (int):
        limited_by_frame (bool):
        requested (int | None):
    """

    available: int
    draw_number: int
    drawn: int
    limited_by_frame: bool
    requested: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        available = self.available

        draw_number = self.draw_number

        drawn = self.drawn

        limited_by_frame = self.limited_by_frame

        requested: int | None
        requested = self.requested

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "available": available,
                "draw_number": draw_number,
                "drawn": drawn,
                "limited_by_frame": limited_by_frame,
                "requested": requested,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        available = d.pop("available")

        draw_number = d.pop("draw_number")

        drawn = d.pop("drawn")

        limited_by_frame = d.pop("limited_by_frame")

        def _parse_requested(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        requested = _parse_requested(d.pop("requested"))

        sample_stage_out = cls(
            available=available,
            draw_number=draw_number,
            drawn=drawn,
            limited_by_frame=limited_by_frame,
            requested=requested,
        )

        sample_stage_out.additional_properties = d
        return sample_stage_out

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
