from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.distribution_out import DistributionOut
    from ..models.plan_row import PlanRow
    from ..models.provider_latest import ProviderLatest
    from ..models.trend_point import TrendPoint


T = TypeVar("T", bound="StateDashboard")


@_attrs_define
class StateDashboard:
    """
    Attributes:
        by_plan (list[PlanRow]):
        providers (list[ProviderLatest]): Lowest totals first, at most `limit`
        reviews (int): Latest finalized review of each plan-provider pair in the window
        sections (list[DistributionOut]): Per section: median and quartiles statewide
        tool_key (str):
        total (DistributionOut):
        trend (list[TrendPoint]):
    """

    by_plan: list[PlanRow]
    providers: list[ProviderLatest]
    reviews: int
    sections: list[DistributionOut]
    tool_key: str
    total: DistributionOut
    trend: list[TrendPoint]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_plan = []
        for by_plan_item_data in self.by_plan:
            by_plan_item = by_plan_item_data.to_dict()
            by_plan.append(by_plan_item)

        providers = []
        for providers_item_data in self.providers:
            providers_item = providers_item_data.to_dict()
            providers.append(providers_item)

        reviews = self.reviews

        sections = []
        for sections_item_data in self.sections:
            sections_item = sections_item_data.to_dict()
            sections.append(sections_item)

        tool_key = self.tool_key

        total = self.total.to_dict()

        trend = []
        for trend_item_data in self.trend:
            trend_item = trend_item_data.to_dict()
            trend.append(trend_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_plan": by_plan,
                "providers": providers,
                "reviews": reviews,
                "sections": sections,
                "tool_key": tool_key,
                "total": total,
                "trend": trend,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.distribution_out import DistributionOut  # noqa: PLC0415
        from ..models.plan_row import PlanRow  # noqa: PLC0415
        from ..models.provider_latest import ProviderLatest  # noqa: PLC0415
        from ..models.trend_point import TrendPoint  # noqa: PLC0415

        d = dict(src_dict)
        by_plan = []
        _by_plan = d.pop("by_plan")
        for by_plan_item_data in _by_plan:
            by_plan_item = PlanRow.from_dict(by_plan_item_data)

            by_plan.append(by_plan_item)

        providers = []
        _providers = d.pop("providers")
        for providers_item_data in _providers:
            providers_item = ProviderLatest.from_dict(providers_item_data)

            providers.append(providers_item)

        reviews = d.pop("reviews")

        sections = []
        _sections = d.pop("sections")
        for sections_item_data in _sections:
            sections_item = DistributionOut.from_dict(sections_item_data)

            sections.append(sections_item)

        tool_key = d.pop("tool_key")

        total = DistributionOut.from_dict(d.pop("total"))

        trend = []
        _trend = d.pop("trend")
        for trend_item_data in _trend:
            trend_item = TrendPoint.from_dict(trend_item_data)

            trend.append(trend_item)

        state_dashboard = cls(
            by_plan=by_plan,
            providers=providers,
            reviews=reviews,
            sections=sections,
            tool_key=tool_key,
            total=total,
            trend=trend,
        )

        state_dashboard.additional_properties = d
        return state_dashboard

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
