from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.allocation_in import AllocationIn
    from ..models.budget_in import BudgetIn
    from ..models.target_in import TargetIn


T = TypeVar("T", bound="DistributionPlanIn")


@_attrs_define
class DistributionPlanIn:
    """
    Attributes:
        budgets (list[BudgetIn]):
        allocations (list[AllocationIn] | Unset):
        approach (None | str | Unset):
        needs_assessment (None | str | Unset): Summary of the regional needs assessment
        targets (list[TargetIn] | Unset):
    """

    budgets: list[BudgetIn]
    allocations: list[AllocationIn] | Unset = UNSET
    approach: None | str | Unset = UNSET
    needs_assessment: None | str | Unset = UNSET
    targets: list[TargetIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        budgets = []
        for budgets_item_data in self.budgets:
            budgets_item = budgets_item_data.to_dict()
            budgets.append(budgets_item)

        allocations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.allocations, Unset):
            allocations = []
            for allocations_item_data in self.allocations:
                allocations_item = allocations_item_data.to_dict()
                allocations.append(allocations_item)

        approach: None | str | Unset
        if isinstance(self.approach, Unset):
            approach = UNSET
        else:
            approach = self.approach

        needs_assessment: None | str | Unset
        if isinstance(self.needs_assessment, Unset):
            needs_assessment = UNSET
        else:
            needs_assessment = self.needs_assessment

        targets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.targets, Unset):
            targets = []
            for targets_item_data in self.targets:
                targets_item = targets_item_data.to_dict()
                targets.append(targets_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "budgets": budgets,
            }
        )
        if allocations is not UNSET:
            field_dict["allocations"] = allocations
        if approach is not UNSET:
            field_dict["approach"] = approach
        if needs_assessment is not UNSET:
            field_dict["needs_assessment"] = needs_assessment
        if targets is not UNSET:
            field_dict["targets"] = targets

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.allocation_in import AllocationIn  # noqa: PLC0415
        from ..models.budget_in import BudgetIn  # noqa: PLC0415
        from ..models.target_in import TargetIn  # noqa: PLC0415

        d = dict(src_dict)
        budgets = []
        _budgets = d.pop("budgets")
        for budgets_item_data in _budgets:
            budgets_item = BudgetIn.from_dict(budgets_item_data)

            budgets.append(budgets_item)

        _allocations = d.pop("allocations", UNSET)
        allocations: list[AllocationIn] | Unset = UNSET
        if _allocations is not UNSET:
            allocations = []
            for allocations_item_data in _allocations:
                allocations_item = AllocationIn.from_dict(allocations_item_data)

                allocations.append(allocations_item)

        def _parse_approach(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        approach = _parse_approach(d.pop("approach", UNSET))

        def _parse_needs_assessment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        needs_assessment = _parse_needs_assessment(d.pop("needs_assessment", UNSET))

        _targets = d.pop("targets", UNSET)
        targets: list[TargetIn] | Unset = UNSET
        if _targets is not UNSET:
            targets = []
            for targets_item_data in _targets:
                targets_item = TargetIn.from_dict(targets_item_data)

                targets.append(targets_item)

        distribution_plan_in = cls(
            budgets=budgets,
            allocations=allocations,
            approach=approach,
            needs_assessment=needs_assessment,
            targets=targets,
        )

        return distribution_plan_in
