from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.provider_dashboard_review_due import ProviderDashboardReviewDue

if TYPE_CHECKING:
    from ..models.action_plan_clock import ActionPlanClock
    from ..models.provider_review_row import ProviderReviewRow
    from ..models.trend_point import TrendPoint


T = TypeVar("T", bound="ProviderDashboard")


@_attrs_define
class ProviderDashboard:
    """
    Attributes:
        action_plans (list[ActionPlanClock]):
        as_of (datetime.date):
        history (list[ProviderReviewRow]):
        name (str):
        next_review_due (datetime.date | None):
        npi (None | str):
        provider_id (UUID):
        review_due (ProviderDashboardReviewDue):
        trend (list[TrendPoint]):
    """

    action_plans: list[ActionPlanClock]
    as_of: datetime.date
    history: list[ProviderReviewRow]
    name: str
    next_review_due: datetime.date | None
    npi: None | str
    provider_id: UUID
    review_due: ProviderDashboardReviewDue
    trend: list[TrendPoint]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action_plans = []
        for action_plans_item_data in self.action_plans:
            action_plans_item = action_plans_item_data.to_dict()
            action_plans.append(action_plans_item)

        as_of = self.as_of.isoformat()

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        name = self.name

        next_review_due: None | str
        if isinstance(self.next_review_due, datetime.date):
            next_review_due = self.next_review_due.isoformat()
        else:
            next_review_due = self.next_review_due

        npi: None | str
        npi = self.npi

        provider_id = str(self.provider_id)

        review_due = self.review_due.value

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
                "history": history,
                "name": name,
                "next_review_due": next_review_due,
                "npi": npi,
                "provider_id": provider_id,
                "review_due": review_due,
                "trend": trend,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_plan_clock import ActionPlanClock  # noqa: PLC0415
        from ..models.provider_review_row import ProviderReviewRow  # noqa: PLC0415
        from ..models.trend_point import TrendPoint  # noqa: PLC0415

        d = dict(src_dict)
        action_plans = []
        _action_plans = d.pop("action_plans")
        for action_plans_item_data in _action_plans:
            action_plans_item = ActionPlanClock.from_dict(action_plans_item_data)

            action_plans.append(action_plans_item)

        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = ProviderReviewRow.from_dict(history_item_data)

            history.append(history_item)

        name = d.pop("name")

        def _parse_next_review_due(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_review_due_type_0 = datetime.date.fromisoformat(data)

                return next_review_due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        next_review_due = _parse_next_review_due(d.pop("next_review_due"))

        def _parse_npi(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        npi = _parse_npi(d.pop("npi"))

        provider_id = UUID(d.pop("provider_id"))

        review_due = ProviderDashboardReviewDue(d.pop("review_due"))

        trend = []
        _trend = d.pop("trend")
        for trend_item_data in _trend:
            trend_item = TrendPoint.from_dict(trend_item_data)

            trend.append(trend_item)

        provider_dashboard = cls(
            action_plans=action_plans,
            as_of=as_of,
            history=history,
            name=name,
            next_review_due=next_review_due,
            npi=npi,
            provider_id=provider_id,
            review_due=review_due,
            trend=trend,
        )

        provider_dashboard.additional_properties = d
        return provider_dashboard

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
