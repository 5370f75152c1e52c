from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.provider_standing import ProviderStanding

T = TypeVar("T", bound="StandingOut")


@_attrs_define
class StandingOut:
    """
    Attributes:
        can_enroll_members (bool):
        can_submit_authorizations (bool):
        next_review_due (datetime.date | None):
        open_action_plans (int):
        provider_id (UUID):
        status (ProviderStanding): A provider's worst action-plan stage across plans (what partner platforms check).
    """

    can_enroll_members: bool
    can_submit_authorizations: bool
    next_review_due: datetime.date | None
    open_action_plans: int
    provider_id: UUID
    status: ProviderStanding
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        can_enroll_members = self.can_enroll_members

        can_submit_authorizations = self.can_submit_authorizations

        next_review_due: None | str
        if isinstance(self.next_review_due, datetime.date):
            next_review_due = self.next_review_due.isoformat()
        else:
            next_review_due = self.next_review_due

        open_action_plans = self.open_action_plans

        provider_id = str(self.provider_id)

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "can_enroll_members": can_enroll_members,
                "can_submit_authorizations": can_submit_authorizations,
                "next_review_due": next_review_due,
                "open_action_plans": open_action_plans,
                "provider_id": provider_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        can_enroll_members = d.pop("can_enroll_members")

        can_submit_authorizations = d.pop("can_submit_authorizations")

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

        open_action_plans = d.pop("open_action_plans")

        provider_id = UUID(d.pop("provider_id"))

        status = ProviderStanding(d.pop("status"))

        standing_out = cls(
            can_enroll_members=can_enroll_members,
            can_submit_authorizations=can_submit_authorizations,
            next_review_due=next_review_due,
            open_action_plans=open_action_plans,
            provider_id=provider_id,
            status=status,
        )

        standing_out.additional_properties = d
        return standing_out

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
