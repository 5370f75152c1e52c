from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PlanRow")


@_attrs_define
class PlanRow:
    """
    Attributes:
        conditional_pass (int):
        median_total (float | None):
        name (str):
        passed (int):
        pip (int):
        plan_id (UUID):
        providers (int):
    """

    conditional_pass: int
    median_total: float | None
    name: str
    passed: int
    pip: int
    plan_id: UUID
    providers: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conditional_pass = self.conditional_pass

        median_total: float | None
        median_total = self.median_total

        name = self.name

        passed = self.passed

        pip = self.pip

        plan_id = str(self.plan_id)

        providers = self.providers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conditional_pass": conditional_pass,
                "median_total": median_total,
                "name": name,
                "passed": passed,
                "pip": pip,
                "plan_id": plan_id,
                "providers": providers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        conditional_pass = d.pop("conditional_pass")

        def _parse_median_total(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_total = _parse_median_total(d.pop("median_total"))

        name = d.pop("name")

        passed = d.pop("passed")

        pip = d.pop("pip")

        plan_id = UUID(d.pop("plan_id"))

        providers = d.pop("providers")

        plan_row = cls(
            conditional_pass=conditional_pass,
            median_total=median_total,
            name=name,
            passed=passed,
            pip=pip,
            plan_id=plan_id,
            providers=providers,
        )

        plan_row.additional_properties = d
        return plan_row

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
