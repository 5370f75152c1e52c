from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.action_plan_clock import ActionPlanClock
    from ..models.capacity_report_due import CapacityReportDue
    from ..models.provider_latest import ProviderLatest
    from ..models.trend_point import TrendPoint


T = TypeVar("T", bound="PlanDashboard")


@_attrs_define
class PlanDashboard:
    """
    Attributes:
        action_plans (list[ActionPlanClock]):
        as_of (datetime.date):
        capacity_reports_outstanding (list[CapacityReportDue]):
        plan_id (UUID):
        providers (list[ProviderLatest]):
        reviews_due (list[ProviderLatest]): Providers never reviewed, overdue or due within 90 days (ECM: every other
            year, seed 003)
        trend (list[TrendPoint]):
    """

    action_plans: list[ActionPlanClock]
    as_of: datetime.date
    capacity_reports_outstanding: list[CapacityReportDue]
    plan_id: UUID
    providers: list[ProviderLatest]
    reviews_due: list[ProviderLatest]
    trend: list[TrendPoint]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action_plans = []
        for action_plans_item_data in self.action_plans:
            action_plans_item = action_plans_item_data.to_dict()
            action_plans.append(action_plans_item)

        as_of = self.as_of.isoformat()

        capacity_reports_outstanding = []
        for capacity_reports_outstanding_item_data in self.capacity_reports_outstanding:
            capacity_reports_outstanding_item = capacity_reports_outstanding_item_data.to_dict()
            capacity_reports_outstanding.append(capacity_reports_outstanding_item)

        plan_id = str(self.plan_id)

        providers = []
        for providers_item_data in self.providers:
            providers_item = providers_item_data.to_dict()
            providers.append(providers_item)

        reviews_due = []
        for reviews_due_item_data in self.reviews_due:
            reviews_due_item = reviews_due_item_data.to_dict()
            reviews_due.append(reviews_due_item)

        trend = []
        for trend_item_data in self.trend:
            trend_item = trend_item_data.to_dict()
            trend.append(trend_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action_plans": action_plans,
                "as_of": as_of,
                "capacity_reports_outstanding": capacity_reports_outstanding,
                "plan_id": plan_id,
                "providers": providers,
                "reviews_due": reviews_due,
                "trend": trend,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_plan_clock import ActionPlanClock  # noqa: PLC0415
        from ..models.capacity_report_due import CapacityReportDue  # noqa: PLC0415
        from ..models.provider_latest import ProviderLatest  # noqa: PLC0415
        from ..models.trend_point import TrendPoint  # noqa: PLC0415

        d = dict(src_dict)
        action_plans = []
        _action_plans = d.pop("action_plans")
        for action_plans_item_data in _action_plans:
            action_plans_item = ActionPlanClock.from_dict(action_plans_item_data)

            action_plans.append(action_plans_item)

        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        capacity_reports_outstanding = []
        _capacity_reports_outstanding = d.pop("capacity_reports_outstanding")
        for capacity_reports_outstanding_item_data in _capacity_reports_outstanding:
            capacity_reports_outstanding_item = CapacityReportDue.from_dict(capacity_reports_outstanding_item_data)

            capacity_reports_outstanding.append(capacity_reports_outstanding_item)

        plan_id = UUID(d.pop("plan_id"))

        providers = []
        _providers = d.pop("providers")
        for providers_item_data in _providers:
            providers_item = ProviderLatest.from_dict(providers_item_data)

            providers.append(providers_item)

        reviews_due = []
        _reviews_due = d.pop("reviews_due")
        for reviews_due_item_data in _reviews_due:
            reviews_due_item = ProviderLatest.from_dict(reviews_due_item_data)

            reviews_due.append(reviews_due_item)

        trend = []
        _trend = d.pop("trend")
        for trend_item_data in _trend:
            trend_item = TrendPoint.from_dict(trend_item_data)

            trend.append(trend_item)

        plan_dashboard = cls(
            action_plans=action_plans,
            as_of=as_of,
            capacity_reports_outstanding=capacity_reports_outstanding,
            plan_id=plan_id,
            providers=providers,
            reviews_due=reviews_due,
            trend=trend,
        )

        plan_dashboard.additional_properties = d
        return plan_dashboard

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
