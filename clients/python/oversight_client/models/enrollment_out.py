from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.enrollment_out_program import EnrollmentOutProgram
from ..models.enrollment_out_status import EnrollmentOutStatus

T = TypeVar("T", bound="EnrollmentOut")


@_attrs_define
class EnrollmentOut:
    """
    Attributes:
        end_date (datetime.date | None):
        id (UUID):
        population (None | str):
        program (EnrollmentOutProgram):
        provider_id (UUID):
        start_date (datetime.date):
        status (EnrollmentOutStatus):
    """

    end_date: datetime.date | None
    id: UUID
    population: None | str
    program: EnrollmentOutProgram
    provider_id: UUID
    start_date: datetime.date
    status: EnrollmentOutStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        end_date: None | str
        if isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        id = str(self.id)

        population: None | str
        population = self.population

        program = self.program.value

        provider_id = str(self.provider_id)

        start_date = self.start_date.isoformat()

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "end_date": end_date,
                "id": id,
                "population": population,
                "program": program,
                "provider_id": provider_id,
                "start_date": start_date,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_end_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.date.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        end_date = _parse_end_date(d.pop("end_date"))

        id = UUID(d.pop("id"))

        def _parse_population(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        population = _parse_population(d.pop("population"))

        program = EnrollmentOutProgram(d.pop("program"))

        provider_id = UUID(d.pop("provider_id"))

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        status = EnrollmentOutStatus(d.pop("status"))

        enrollment_out = cls(
            end_date=end_date,
            id=id,
            population=population,
            program=program,
            provider_id=provider_id,
            start_date=start_date,
            status=status,
        )

        enrollment_out.additional_properties = d
        return enrollment_out

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
