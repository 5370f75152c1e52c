from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.enrollment_in import EnrollmentIn


T = TypeVar("T", bound="MemberIn")


@_attrs_define
class MemberIn:
    """
    Attributes:
        birth_date (datetime.date):
        first_name (str):
        last_name (str):
        member_number (str): NC Medicaid ID or Medi-Cal CIN
        enrollments (list[EnrollmentIn] | Unset):
        gender (None | str | Unset):
        plan_code (None | str | Unset):
    """

    birth_date: datetime.date
    first_name: str
    last_name: str
    member_number: str
    enrollments: list[EnrollmentIn] | Unset = UNSET
    gender: None | str | Unset = UNSET
    plan_code: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        birth_date = self.birth_date.isoformat()

        first_name = self.first_name

        last_name = self.last_name

        member_number = self.member_number

        enrollments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.enrollments, Unset):
            enrollments = []
            for enrollments_item_data in self.enrollments:
                enrollments_item = enrollments_item_data.to_dict()
                enrollments.append(enrollments_item)

        gender: None | str | Unset
        if isinstance(self.gender, Unset):
            gender = UNSET
        else:
            gender = self.gender

        plan_code: None | str | Unset
        if isinstance(self.plan_code, Unset):
            plan_code = UNSET
        else:
            plan_code = self.plan_code

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "birth_date": birth_date,
                "first_name": first_name,
                "last_name": last_name,
                "member_number": member_number,
            }
        )
        if enrollments is not UNSET:
            field_dict["enrollments"] = enrollments
        if gender is not UNSET:
            field_dict["gender"] = gender
        if plan_code is not UNSET:
            field_dict["plan_code"] = plan_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.enrollment_in import EnrollmentIn  # noqa: PLC0415

        d = dict(src_dict)
        birth_date = datetime.date.fromisoformat(d.pop("birth_date"))

        first_name = d.pop("first_name")

        last_name = d.pop("last_name")

        member_number = d.pop("member_number")

        _enrollments = d.pop("enrollments", UNSET)
        enrollments: list[EnrollmentIn] | Unset = UNSET
        if _enrollments is not UNSET:
            enrollments = []
            for enrollments_item_data in _enrollments:
                enrollments_item = EnrollmentIn.from_dict(enrollments_item_data)

                enrollments.append(enrollments_item)

        def _parse_gender(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        gender = _parse_gender(d.pop("gender", UNSET))

        def _parse_plan_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        plan_code = _parse_plan_code(d.pop("plan_code", UNSET))

        member_in = cls(
            birth_date=birth_date,
            first_name=first_name,
            last_name=last_name,
            member_number=member_number,
            enrollments=enrollments,
            gender=gender,
            plan_code=plan_code,
        )

        return member_in
