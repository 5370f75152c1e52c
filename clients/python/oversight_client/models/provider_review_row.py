from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.provider_review_row_sections import ProviderReviewRowSections


T = TypeVar("T", bound="ProviderReviewRow")


@_attrs_define
class ProviderReviewRow:
    """
    Attributes:
        finalized_on (datetime.date | None):
        next_review_due (datetime.date | None):
        outcome (None | str):
        plan_id (UUID):
        plan_name (str):
        purpose (str):
        review_id (UUID):
        scheduled_for (datetime.date):
        sections (ProviderReviewRowSections):
        tool_key (str):
        total (float | None):
    """

    finalized_on: datetime.date | None
    next_review_due: datetime.date | None
    outcome: None | str
    plan_id: UUID
    plan_name: str
    purpose: str
    review_id: UUID
    scheduled_for: datetime.date
    sections: ProviderReviewRowSections
    tool_key: str
    total: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        finalized_on: None | str
        if isinstance(self.finalized_on, datetime.date):
            finalized_on = self.finalized_on.isoformat()
        else:
            finalized_on = self.finalized_on

        next_review_due: None | str
        if isinstance(self.next_review_due, datetime.date):
            next_review_due = self.next_review_due.isoformat()
        else:
            next_review_due = self.next_review_due

        outcome: None | str
        outcome = self.outcome

        plan_id = str(self.plan_id)

        plan_name = self.plan_name

        purpose = self.purpose

        review_id = str(self.review_id)

        scheduled_for = self.scheduled_for.isoformat()

        sections = self.sections.to_dict()

        tool_key = self.tool_key

        total: float | None
        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "finalized_on": finalized_on,
                "next_review_due": next_review_due,
                "outcome": outcome,
                "plan_id": plan_id,
                "plan_name": plan_name,
                "purpose": purpose,
                "review_id": review_id,
                "scheduled_for": scheduled_for,
                "sections": sections,
                "tool_key": tool_key,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.provider_review_row_sections import ProviderReviewRowSections  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_finalized_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finalized_on_type_0 = datetime.date.fromisoformat(data)

                return finalized_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        finalized_on = _parse_finalized_on(d.pop("finalized_on"))

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

        def _parse_outcome(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        outcome = _parse_outcome(d.pop("outcome"))

        plan_id = UUID(d.pop("plan_id"))

        plan_name = d.pop("plan_name")

        purpose = d.pop("purpose")

        review_id = UUID(d.pop("review_id"))

        scheduled_for = datetime.date.fromisoformat(d.pop("scheduled_for"))

        sections = ProviderReviewRowSections.from_dict(d.pop("sections"))

        tool_key = d.pop("tool_key")

        def _parse_total(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        total = _parse_total(d.pop("total"))

        provider_review_row = cls(
            finalized_on=finalized_on,
            next_review_due=next_review_due,
            outcome=outcome,
            plan_id=plan_id,
            plan_name=plan_name,
            purpose=purpose,
            review_id=review_id,
            scheduled_for=scheduled_for,
            sections=sections,
            tool_key=tool_key,
            total=total,
        )

        provider_review_row.additional_properties = d
        return provider_review_row

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
