from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TrendPoint")


@_attrs_define
class TrendPoint:
    """
    Attributes:
        quarter (datetime.date): First day of the quarter the reviews were finalized in
        reviews (int):
        conditional_pass (int | None | Unset):
        mean_total (float | None | Unset):
        median_total (float | None | Unset):
        passed (int | None | Unset):
        pip (int | None | Unset):
        plan_id (None | Unset | UUID):
    """

    quarter: datetime.date
    reviews: int
    conditional_pass: int | None | Unset = UNSET
    mean_total: float | None | Unset = UNSET
    median_total: float | None | Unset = UNSET
    passed: int | None | Unset = UNSET
    pip: int | None | Unset = UNSET
    plan_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        quarter = self.quarter.isoformat()

        reviews = self.reviews

        conditional_pass: int | None | Unset
        if isinstance(self.conditional_pass, Unset):
            conditional_pass = UNSET
        else:
            conditional_pass = self.conditional_pass

        mean_total: float | None | Unset
        if isinstance(self.mean_total, Unset):
            mean_total = UNSET
        else:
            mean_total = self.mean_total

        median_total: float | None | Unset
        if isinstance(self.median_total, Unset):
            median_total = UNSET
        else:
            median_total = self.median_total

        passed: int | None | Unset
        if isinstance(self.passed, Unset):
            passed = UNSET
        else:
            passed = self.passed

        pip: int | None | Unset
        if isinstance(self.pip, Unset):
            pip = UNSET
        else:
            pip = self.pip

        plan_id: None | str | Unset
        if isinstance(self.plan_id, Unset):
            plan_id = UNSET
        elif isinstance(self.plan_id, UUID):
            plan_id = str(self.plan_id)
        else:
            plan_id = self.plan_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "quarter": quarter,
                "reviews": reviews,
            }
        )
        if conditional_pass is not UNSET:
            field_dict["conditional_pass"] = conditional_pass
        if mean_total is not UNSET:
            field_dict["mean_total"] = mean_total
        if median_total is not UNSET:
            field_dict["median_total"] = median_total
        if passed is not UNSET:
            field_dict["passed"] = passed
        if pip is not UNSET:
            field_dict["pip"] = pip
        if plan_id is not UNSET:
            field_dict["plan_id"] = plan_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        quarter = datetime.date.fromisoformat(d.pop("quarter"))

        reviews = d.pop("reviews")

        def _parse_conditional_pass(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        conditional_pass = _parse_conditional_pass(d.pop("conditional_pass", UNSET))

        def _parse_mean_total(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        mean_total = _parse_mean_total(d.pop("mean_total", UNSET))

        def _parse_median_total(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        median_total = _parse_median_total(d.pop("median_total", UNSET))

        def _parse_passed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        passed = _parse_passed(d.pop("passed", UNSET))

        def _parse_pip(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        pip = _parse_pip(d.pop("pip", UNSET))

        def _parse_plan_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                plan_id_type_0 = UUID(data)

                return plan_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        plan_id = _parse_plan_id(d.pop("plan_id", UNSET))

        trend_point = cls(
            quarter=quarter,
            reviews=reviews,
            conditional_pass=conditional_pass,
            mean_total=mean_total,
            median_total=median_total,
            passed=passed,
            pip=pip,
            plan_id=plan_id,
        )

        trend_point.additional_properties = d
        return trend_point

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
