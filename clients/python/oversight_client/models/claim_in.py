from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ClaimIn")


@_attrs_define
class ClaimIn:
    """
    Attributes:
        claim_number (str):
        date_of_service (datetime.date):
        member_number (str):
        paid_date (datetime.date):
        provider_id (UUID):
        population_segment (None | str | Unset):
        procedure_code (None | str | Unset):
    """

    claim_number: str
    date_of_service: datetime.date
    member_number: str
    paid_date: datetime.date
    provider_id: UUID
    population_segment: None | str | Unset = UNSET
    procedure_code: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        claim_number = self.claim_number

        date_of_service = self.date_of_service.isoformat()

        member_number = self.member_number

        paid_date = self.paid_date.isoformat()

        provider_id = str(self.provider_id)

        population_segment: None | str | Unset
        if isinstance(self.population_segment, Unset):
            population_segment = UNSET
        else:
            population_segment = self.population_segment

        procedure_code: None | str | Unset
        if isinstance(self.procedure_code, Unset):
            procedure_code = UNSET
        else:
            procedure_code = self.procedure_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "claim_number": claim_number,
                "date_of_service": date_of_service,
                "member_number": member_number,
                "paid_date": paid_date,
                "provider_id": provider_id,
            }
        )
        if population_segment is not UNSET:
            field_dict["population_segment"] = population_segment
        if procedure_code is not UNSET:
            field_dict["procedure_code"] = procedure_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        claim_number = d.pop("claim_number")

        date_of_service = datetime.date.fromisoformat(d.pop("date_of_service"))

        member_number = d.pop("member_number")

        paid_date = datetime.date.fromisoformat(d.pop("paid_date"))

        provider_id = UUID(d.pop("provider_id"))

        def _parse_population_segment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        population_segment = _parse_population_segment(d.pop("population_segment", UNSET))

        def _parse_procedure_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        procedure_code = _parse_procedure_code(d.pop("procedure_code", UNSET))

        claim_in = cls(
            claim_number=claim_number,
            date_of_service=date_of_service,
            member_number=member_number,
            paid_date=paid_date,
            provider_id=provider_id,
            population_segment=population_segment,
            procedure_code=procedure_code,
        )

        return claim_in
