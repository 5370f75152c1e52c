from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.monthly_reports_in import MonthlyReportsIn
    from ..models.quarterly_periods_in import QuarterlyPeriodsIn
    from ..models.reminders_in import RemindersIn


T = TypeVar("T", bound="ProgramIn")


@_attrs_define
class ProgramIn:
    """
    Attributes:
        funding_total (str):
        name (str):
        quarterly_periods (QuarterlyPeriodsIn): Generated periods (``first_start``..``last_end`` in
            ``months_per_period`` steps) or explicit ``periods``.
        distribution_plan_due_on (datetime.date | None | Unset):
        jurisdiction (str | Unset):  Default: 'US-NC'.
        monthly_reports (MonthlyReportsIn | None | Unset):
        reminders (None | RemindersIn | Unset):
    """

    funding_total: str
    name: str
    quarterly_periods: QuarterlyPeriodsIn
    distribution_plan_due_on: datetime.date | None | Unset = UNSET
    jurisdiction: str | Unset = "US-NC"
    monthly_reports: MonthlyReportsIn | None | Unset = UNSET
    reminders: None | RemindersIn | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.monthly_reports_in import MonthlyReportsIn  # noqa: PLC0415
        from ..models.reminders_in import RemindersIn  # noqa: PLC0415

        funding_total = self.funding_total

        name = self.name

        quarterly_periods = self.quarterly_periods.to_dict()

        distribution_plan_due_on: None | str | Unset
        if isinstance(self.distribution_plan_due_on, Unset):
            distribution_plan_due_on = UNSET
        elif isinstance(self.distribution_plan_due_on, datetime.date):
            distribution_plan_due_on = self.distribution_plan_due_on.isoformat()
        else:
            distribution_plan_due_on = self.distribution_plan_due_on

        jurisdiction = self.jurisdiction

        monthly_reports: dict[str, Any] | None | Unset
        if isinstance(self.monthly_reports, Unset):
            monthly_reports = UNSET
        elif isinstance(self.monthly_reports, MonthlyReportsIn):
            monthly_reports = self.monthly_reports.to_dict()
        else:
            monthly_reports = self.monthly_reports

        reminders: dict[str, Any] | None | Unset
        if isinstance(self.reminders, Unset):
            reminders = UNSET
        elif isinstance(self.reminders, RemindersIn):
            reminders = self.reminders.to_dict()
        else:
            reminders = self.reminders

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "funding_total": funding_total,
                "name": name,
                "quarterly_periods": quarterly_periods,
            }
        )
        if distribution_plan_due_on is not UNSET:
            field_dict["distribution_plan_due_on"] = distribution_plan_due_on
        if jurisdiction is not UNSET:
            field_dict["jurisdiction"] = jurisdiction
        if monthly_reports is not UNSET:
            field_dict["monthly_reports"] = monthly_reports
        if reminders is not UNSET:
            field_dict["reminders"] = reminders

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.monthly_reports_in import MonthlyReportsIn  # noqa: PLC0415
        from ..models.quarterly_periods_in import QuarterlyPeriodsIn  # noqa: PLC0415
        from ..models.reminders_in import RemindersIn  # noqa: PLC0415

        d = dict(src_dict)
        funding_total = d.pop("funding_total")

        name = d.pop("name")

        quarterly_periods = QuarterlyPeriodsIn.from_dict(d.pop("quarterly_periods"))

        def _parse_distribution_plan_due_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                distribution_plan_due_on_type_0 = datetime.date.fromisoformat(data)

                return distribution_plan_due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        distribution_plan_due_on = _parse_distribution_plan_due_on(d.pop("distribution_plan_due_on", UNSET))

        jurisdiction = d.pop("jurisdiction", UNSET)

        def _parse_monthly_reports(data: object) -> MonthlyReportsIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                monthly_reports_type_0 = MonthlyReportsIn.from_dict(data)

                return monthly_reports_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MonthlyReportsIn | None | Unset, data)

        monthly_reports = _parse_monthly_reports(d.pop("monthly_reports", UNSET))

        def _parse_reminders(data: object) -> None | RemindersIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reminders_type_0 = RemindersIn.from_dict(data)

                return reminders_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RemindersIn | Unset, data)

        reminders = _parse_reminders(d.pop("reminders", UNSET))

        program_in = cls(
            funding_total=funding_total,
            name=name,
            quarterly_periods=quarterly_periods,
            distribution_plan_due_on=distribution_plan_due_on,
            jurisdiction=jurisdiction,
            monthly_reports=monthly_reports,
            reminders=reminders,
        )

        return program_in
