from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TotalScoreOut")


@_attrs_define
class TotalScoreOut:
    """
    Attributes:
        possible_points (int):
        score (float | None):
        yes_points (int):
    """

    possible_points: int
    score: float | None
    yes_points: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        possible_points = self.possible_points

        score: float | None
        score = self.score

        yes_points = self.yes_points

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "possible_points": possible_points,
                "score": score,
                "yes_points": yes_points,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        possible_points = d.pop("possible_points")

        def _parse_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        score = _parse_score(d.pop("score"))

        yes_points = d.pop("yes_points")

        total_score_out = cls(
            possible_points=possible_points,
            score=score,
            yes_points=yes_points,
        )

        total_score_out.additional_properties = d
        return total_score_out

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
