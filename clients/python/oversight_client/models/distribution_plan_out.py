from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.distribution_plan_out_status import DistributionPlanOutStatus

if TYPE_CHECKING:
    from ..models.plan_version_summary import PlanVersionSummary


T = TypeVar("T", bound="DistributionPlanOut")


@_attrs_define
class DistributionPlanOut:
    """
    Attributes:
        approved_version (int | None):
        due_on (datetime.date | None):
        latest_version (int):
        participant_id (UUID):
        status (DistributionPlanOutStatus):
        versions (list[PlanVersionSummary]):
    """

    approved_version: int | None
    due_on: datetime.date | None
    latest_version: int
    participant_id: UUID
    status: DistributionPlanOutStatus
    versions: list[PlanVersionSummary]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approved_version: int | None
        approved_version = self.approved_version

        due_on: None | str
        if isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        latest_version = self.latest_version

        participant_id = str(self.participant_id)

        status = self.status.value

        versions = []
        for versions_item_data in self.versions:
            versions_item = versions_item_data.to_dict()
            versions.append(versions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approved_version": approved_version,
                "due_on": due_on,
                "latest_version": latest_version,
                "participant_id": participant_id,
                "status": status,
                "versions": versions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_version_summary import PlanVersionSummary  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_approved_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        approved_version = _parse_approved_version(d.pop("approved_version"))

        def _parse_due_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_on = _parse_due_on(d.pop("due_on"))

        latest_version = d.pop("latest_version")

        participant_id = UUID(d.pop("participant_id"))

        status = DistributionPlanOutStatus(d.pop("status"))

        versions = []
        _versions = d.pop("versions")
        for versions_item_data in _versions:
            versions_item = PlanVersionSummary.from_dict(versions_item_data)

            versions.append(versions_item)

        distribution_plan_out = cls(
            approved_version=approved_version,
            due_on=due_on,
            latest_version=latest_version,
            participant_id=participant_id,
            status=status,
            versions=versions,
        )

        distribution_plan_out.additional_properties = d
        return distribution_plan_out

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
