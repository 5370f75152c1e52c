from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.enrollment_in_program import EnrollmentInProgram
from ..models.enrollment_in_status import EnrollmentInStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="EnrollmentIn")


@_attrs_define
class EnrollmentIn:
    """
    Attributes:
        program (EnrollmentInProgram):
        provider_id (UUID): A provider in your network for this program
        start_date (datetime.date):
        status (EnrollmentInStatus):
        end_date (datetime.date | None | Unset):
        population (None | str | Unset): NC population segment (TCM) or CalAIM population of focus (ECM)
    """

    program: EnrollmentInProgram
    provider_id: UUID
    start_date: datetime.date
    status: EnrollmentInStatus
    end_date: datetime.date | None | Unset = UNSET
    population: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        program = self.program.value

        provider_id = str(self.provider_id)

        start_date = self.start_date.isoformat()

        status = self.status.value

        end_date: None | str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        elif isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        population: None | str | Unset
        if isinstance(self.population, Unset):
            population = UNSET
        else:
            population = self.population

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "program": program,
                "provider_id": provider_id,
                "start_date": start_date,
                "status": status,
            }
        )
        if end_date is not UNSET:
            field_dict["end_date"] = end_date
        if population is not UNSET:
            field_dict["population"] = population

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        program = EnrollmentInProgram(d.pop("program"))

        provider_id = UUID(d.pop("provider_id"))

        start_date = datetime.date.fromisoformat(d.pop("start_date"))

        status = EnrollmentInStatus(d.pop("status"))

        def _parse_end_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.date.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        end_date = _parse_end_date(d.pop("end_date", UNSET))

        def _parse_population(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        population = _parse_population(d.pop("population", UNSET))

        enrollment_in = cls(
            program=program,
            provider_id=provider_id,
            start_date=start_date,
            status=status,
            end_date=end_date,
            population=population,
        )

        return enrollment_in
