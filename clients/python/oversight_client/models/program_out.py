from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.program_out_spec import ProgramOutSpec


T = TypeVar("T", bound="ProgramOut")


@_attrs_define
class ProgramOut:
    """
    Attributes:
        created_at (datetime.datetime):
        distribution_plan_due_on (datetime.date | None):
        funding_total (str):
        id (UUID):
        jurisdiction (str):
        name (str):
        organization_id (UUID):
        spec (ProgramOutSpec):
    """

    created_at: datetime.datetime
    distribution_plan_due_on: datetime.date | None
    funding_total: str
    id: UUID
    jurisdiction: str
    name: str
    organization_id: UUID
    spec: ProgramOutSpec
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        distribution_plan_due_on: None | str
        if isinstance(self.distribution_plan_due_on, datetime.date):
            distribution_plan_due_on = self.distribution_plan_due_on.isoformat()
        else:
            distribution_plan_due_on = self.distribution_plan_due_on

        funding_total = self.funding_total

        id = str(self.id)

        jurisdiction = self.jurisdiction

        name = self.name

        organization_id = str(self.organization_id)

        spec = self.spec.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "distribution_plan_due_on": distribution_plan_due_on,
                "funding_total": funding_total,
                "id": id,
                "jurisdiction": jurisdiction,
                "name": name,
                "organization_id": organization_id,
                "spec": spec,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.program_out_spec import ProgramOutSpec  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_distribution_plan_due_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                distribution_plan_due_on_type_0 = datetime.date.fromisoformat(data)

                return distribution_plan_due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        distribution_plan_due_on = _parse_distribution_plan_due_on(d.pop("distribution_plan_due_on"))

        funding_total = d.pop("funding_total")

        id = UUID(d.pop("id"))

        jurisdiction = d.pop("jurisdiction")

        name = d.pop("name")

        organization_id = UUID(d.pop("organization_id"))

        spec = ProgramOutSpec.from_dict(d.pop("spec"))

        program_out = cls(
            created_at=created_at,
            distribution_plan_due_on=distribution_plan_due_on,
            funding_total=funding_total,
            id=id,
            jurisdiction=jurisdiction,
            name=name,
            organization_id=organization_id,
            spec=spec,
        )

        program_out.additional_properties = d
        return program_out

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
