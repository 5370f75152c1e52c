from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.provider_latest_review_due_type_0 import ProviderLatestReviewDueType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.provider_latest_sections import ProviderLatestSections


T = TypeVar("T", bound="ProviderLatest")


@_attrs_define
class ProviderLatest:
    """A provider's latest finalized review (scores are 0..1).

    Attributes:
        name (str):
        provider_id (UUID):
        finalized_on (datetime.date | None | Unset):
        next_review_due (datetime.date | None | Unset):
        npi (None | str | Unset):
        open_action_plans (int | None | Unset):
        open_check_results (int | None | Unset): automated check results open for the provider (issue 17; GET /v1/check-
            results)
        outcome (None | str | Unset):
        plan_id (None | Unset | UUID):
        review_due (None | ProviderLatestReviewDueType0 | Unset):
        review_id (None | Unset | UUID):
        sections (ProviderLatestSections | Unset): section key -> score
        tool_key (None | str | Unset):
        total (float | None | Unset):
    """

    name: str
    provider_id: UUID
    finalized_on: datetime.date | None | Unset = UNSET
    next_review_due: datetime.date | None | Unset = UNSET
    npi: None | str | Unset = UNSET
    open_action_plans: int | None | Unset = UNSET
    open_check_results: int | None | Unset = UNSET
    outcome: None | str | Unset = UNSET
    plan_id: None | Unset | UUID = UNSET
    review_due: None | ProviderLatestReviewDueType0 | Unset = UNSET
    review_id: None | Unset | UUID = UNSET
    sections: ProviderLatestSections | Unset = UNSET
    tool_key: None | str | Unset = UNSET
    total: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        provider_id = str(self.provider_id)

        finalized_on: None | str | Unset
        if isinstance(self.finalized_on, Unset):
            finalized_on = UNSET
        elif isinstance(self.finalized_on, datetime.date):
            finalized_on = self.finalized_on.isoformat()
        else:
            finalized_on = self.finalized_on

        next_review_due: None | str | Unset
        if isinstance(self.next_review_due, Unset):
            next_review_due = UNSET
        elif isinstance(self.next_review_due, datetime.date):
            next_review_due = self.next_review_due.isoformat()
        else:
            next_review_due = self.next_review_due

        npi: None | str | Unset
        if isinstance(self.npi, Unset):
            npi = UNSET
        else:
            npi = self.npi

        open_action_plans: int | None | Unset
        if isinstance(self.open_action_plans, Unset):
            open_action_plans = UNSET
        else:
            open_action_plans = self.open_action_plans

        open_check_results: int | None | Unset
        if isinstance(self.open_check_results, Unset):
            open_check_results = UNSET
        else:
            open_check_results = self.open_check_results

        outcome: None | str | Unset
        if isinstance(self.outcome, Unset):
            outcome = UNSET
        else:
            outcome = self.outcome

        plan_id: None | str | Unset
        if isinstance(self.plan_id, Unset):
            plan_id = UNSET
        elif isinstance(self.plan_id, UUID):
            plan_id = str(self.plan_id)
        else:
            plan_id = self.plan_id

        review_due: None | str | Unset
        if isinstance(self.review_due, Unset):
            review_due = UNSET
        elif isinstance(self.review_due, ProviderLatestReviewDueType0):
            review_due = self.review_due.value
        else:
            review_due = self.review_due

        review_id: None | str | Unset
        if isinstance(self.review_id, Unset):
            review_id = UNSET
        elif isinstance(self.review_id, UUID):
            review_id = str(self.review_id)
        else:
            review_id = self.review_id

        sections: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sections, Unset):
            sections = self.sections.to_dict()

        tool_key: None | str | Unset
        if isinstance(self.tool_key, Unset):
            tool_key = UNSET
        else:
            tool_key = self.tool_key

        total: float | None | Unset
        if isinstance(self.total, Unset):
            total = UNSET
        else:
            total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "provider_id": provider_id,
            }
        )
        if finalized_on is not UNSET:
            field_dict["finalized_on"] = finalized_on
        if next_review_due is not UNSET:
            field_dict["next_review_due"] = next_review_due
        if npi is not UNSET:
            field_dict["npi"] = npi
        if open_action_plans is not UNSET:
            field_dict["open_action_plans"] = open_action_plans
        if open_check_results is not UNSET:
            field_dict["open_check_results"] = open_check_results
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if plan_id is not UNSET:
            field_dict["plan_id"] = plan_id
        if review_due is not UNSET:
            field_dict["review_due"] = review_due
        if review_id is not UNSET:
            field_dict["review_id"] = review_id
        if sections is not UNSET:
            field_dict["sections"] = sections
        if tool_key is not UNSET:
            field_dict["tool_key"] = tool_key
        if total is not UNSET:
            field_dict["total"] = total

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.provider_latest_sections import ProviderLatestSections  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        provider_id = UUID(d.pop("provider_id"))

        def _parse_finalized_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finalized_on_type_0 = datetime.date.fromisoformat(data)

                return finalized_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        finalized_on = _parse_finalized_on(d.pop("finalized_on", UNSET))

        def _parse_next_review_due(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_review_due_type_0 = datetime.date.fromisoformat(data)

                return next_review_due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        next_review_due = _parse_next_review_due(d.pop("next_review_due", UNSET))

        def _parse_npi(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        npi = _parse_npi(d.pop("npi", UNSET))

        def _parse_open_action_plans(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        open_action_plans = _parse_open_action_plans(d.pop("open_action_plans", UNSET))

        def _parse_open_check_results(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        open_check_results = _parse_open_check_results(d.pop("open_check_results", UNSET))

        def _parse_outcome(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        outcome = _parse_outcome(d.pop("outcome", UNSET))

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

        def _parse_review_due(data: object) -> None | ProviderLatestReviewDueType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_due_type_0 = ProviderLatestReviewDueType0(data)

                return review_due_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProviderLatestReviewDueType0 | Unset, data)

        review_due = _parse_review_due(d.pop("review_due", UNSET))

        def _parse_review_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_id_type_0 = UUID(data)

                return review_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        review_id = _parse_review_id(d.pop("review_id", UNSET))

        _sections = d.pop("sections", UNSET)
        sections: ProviderLatestSections | Unset
        if isinstance(_sections, Unset):
            sections = UNSET
        else:
            sections = ProviderLatestSections.from_dict(_sections)

        def _parse_tool_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tool_key = _parse_tool_key(d.pop("tool_key", UNSET))

        def _parse_total(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        total = _parse_total(d.pop("total", UNSET))

        provider_latest = cls(
            name=name,
            provider_id=provider_id,
            finalized_on=finalized_on,
            next_review_due=next_review_due,
            npi=npi,
            open_action_plans=open_action_plans,
            open_check_results=open_check_results,
            outcome=outcome,
            plan_id=plan_id,
            review_due=review_due,
            review_id=review_id,
            sections=sections,
            tool_key=tool_key,
            total=total,
        )

        provider_latest.additional_properties = d
        return provider_latest

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
