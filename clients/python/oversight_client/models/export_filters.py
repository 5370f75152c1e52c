from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.export_filters_program_type_0 import ExportFiltersProgramType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExportFilters")


@_attrs_define
class ExportFilters:
    """Which rows: every filter is optional except a ``reviews`` export's ``year``. Ids, dates and keys only.

    Attributes:
        finalized_from (datetime.date | None | Unset): findings: reviews finalized on or after
        finalized_to (datetime.date | None | Unset): findings: reviews finalized on or before
        program (ExportFiltersProgramType0 | None | Unset):
        provider_id (None | Unset | UUID):
        tool_key (None | str | Unset):
        year (int | None | Unset): reviews: scheduled in this year; findings: finalized in it
    """

    finalized_from: datetime.date | None | Unset = UNSET
    finalized_to: datetime.date | None | Unset = UNSET
    program: ExportFiltersProgramType0 | None | Unset = UNSET
    provider_id: None | Unset | UUID = UNSET
    tool_key: None | str | Unset = UNSET
    year: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        finalized_from: None | str | Unset
        if isinstance(self.finalized_from, Unset):
            finalized_from = UNSET
        elif isinstance(self.finalized_from, datetime.date):
            finalized_from = self.finalized_from.isoformat()
        else:
            finalized_from = self.finalized_from

        finalized_to: None | str | Unset
        if isinstance(self.finalized_to, Unset):
            finalized_to = UNSET
        elif isinstance(self.finalized_to, datetime.date):
            finalized_to = self.finalized_to.isoformat()
        else:
            finalized_to = self.finalized_to

        program: None | str | Unset
        if isinstance(self.program, Unset):
            program = UNSET
        elif isinstance(self.program, ExportFiltersProgramType0):
            program = self.program.value
        else:
            program = self.program

        provider_id: None | str | Unset
        if isinstance(self.provider_id, Unset):
            provider_id = UNSET
        elif isinstance(self.provider_id, UUID):
            provider_id = str(self.provider_id)
        else:
            provider_id = self.provider_id

        tool_key: None | str | Unset
        if isinstance(self.tool_key, Unset):
            tool_key = UNSET
        else:
            tool_key = self.tool_key

        year: int | None | Unset
        if isinstance(self.year, Unset):
            year = UNSET
        else:
            year = self.year

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if finalized_from is not UNSET:
            field_dict["finalized_from"] = finalized_from
        if finalized_to is not UNSET:
            field_dict["finalized_to"] = finalized_to
        if program is not UNSET:
            field_dict["program"] = program
        if provider_id is not UNSET:
            field_dict["provider_id"] = provider_id
        if tool_key is not UNSET:
            field_dict["tool_key"] = tool_key
        if year is not UNSET:
            field_dict["year"] = year

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_finalized_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finalized_from_type_0 = datetime.date.fromisoformat(data)

                return finalized_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        finalized_from = _parse_finalized_from(d.pop("finalized_from", UNSET))

        def _parse_finalized_to(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finalized_to_type_0 = datetime.date.fromisoformat(data)

                return finalized_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        finalized_to = _parse_finalized_to(d.pop("finalized_to", UNSET))

        def _parse_program(data: object) -> ExportFiltersProgramType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                program_type_0 = ExportFiltersProgramType0(data)

                return program_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExportFiltersProgramType0 | None | Unset, data)

        program = _parse_program(d.pop("program", UNSET))

        def _parse_provider_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                provider_id_type_0 = UUID(data)

                return provider_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        provider_id = _parse_provider_id(d.pop("provider_id", UNSET))

        def _parse_tool_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tool_key = _parse_tool_key(d.pop("tool_key", UNSET))

        def _parse_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        year = _parse_year(d.pop("year", UNSET))

        export_filters = cls(
            finalized_from=finalized_from,
            finalized_to=finalized_to,
            program=program,
            provider_id=provider_id,
            tool_key=tool_key,
            year=year,
        )

        return export_filters
