"""Member, enrollment and claim models. Output models carry PHI: only callers with members:read get them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from oversight_app.bounds import Day
from oversight_app.text import Text

Program = Literal["ecm", "tcm"]
EnrollmentStatus = Literal["engaged", "enrolled", "not_enrolled", "disenrolled"]
MAX_BATCH = 1000


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class EnrollmentIn(_In):
    program: Program
    provider_id: uuid.UUID = Field(description="A provider in your network for this program")
    status: EnrollmentStatus
    start_date: Day
    end_date: Day | None = None
    population: Text | None = Field(
        default=None,
        max_length=100,
        description="NC population segment (TCM) or CalAIM population of focus (ECM)",
    )

    @model_validator(mode="after")
    def _dates(self) -> EnrollmentIn:
        if self.end_date is not None and self.end_date < self.start_date:
            raise ValueError("end_date is before start_date")
        return self


class MemberIn(_In):
    member_number: Text = Field(min_length=1, max_length=20, description="NC Medicaid ID or Medi-Cal CIN")
    first_name: Text = Field(min_length=1, max_length=100)
    last_name: Text = Field(min_length=1, max_length=100)
    birth_date: Day
    gender: Text | None = Field(default=None, max_length=20)
    plan_code: Text | None = Field(default=None, max_length=20)
    enrollments: list[EnrollmentIn] = Field(default_factory=list, max_length=20)


class MemberBatchIn(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "members": [
                        {
                            "member_number": "91234567A",
                            "first_name": "Pat",
                            "last_name": "Example",
                            "birth_date": "1980-01-10",
                            "enrollments": [
                                {
                                    "program": "ecm",
                                    "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                                    "status": "enrolled",
                                    "start_date": "2025-01-01",
                                    "population": "Adults experiencing homelessness",
                                }
                            ],
                        }
                    ]
                }
            ]
        }
    )

    members: list[MemberIn] = Field(min_length=1, max_length=MAX_BATCH)


class RowResult(BaseModel):
    index: int
    id: uuid.UUID


class MemberBatchOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "created": 1,
                    "updated": 1,
                    "enrollments": 1,
                    "members": [{"index": 1, "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8"}],
                }
            ]
        }
    )

    created: int
    updated: int
    enrollments: int = Field(description="Enrollment rows written (inserted or updated)")
    members: list[RowResult]


class EnrollmentOut(BaseModel):
    id: uuid.UUID
    program: Program
    provider_id: uuid.UUID
    status: EnrollmentStatus
    start_date: date
    end_date: date | None
    population: str | None


class MemberOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                    "plan_id": "7d3e5f1a-9b2c-4d6e-8f0a-1b3c5d7e9f20",
                    "member_number": "91234567A",
                    "first_name": "Pat",
                    "last_name": "Example",
                    "birth_date": "1980-01-10",
                    "gender": "F",
                    "plan_code": "ECM-01",
                    "version": 1,
                    "created_at": "2025-03-04T15:30:00Z",
                    "updated_at": "2025-03-04T15:30:00Z",
                    "enrollments": [
                        {
                            "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8",
                            "program": "ecm",
                            "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                            "status": "engaged",
                            "start_date": "2025-01-01",
                            "end_date": "2026-12-31",
                            "population": "Adults experiencing homelessness",
                        }
                    ],
                }
            ]
        }
    )

    id: uuid.UUID
    plan_id: uuid.UUID
    member_number: str
    first_name: str
    last_name: str
    birth_date: date
    gender: str | None
    plan_code: str | None
    version: int
    created_at: datetime
    updated_at: datetime
    enrollments: list[EnrollmentOut]


class ClaimIn(_In):
    claim_number: Text = Field(min_length=1, max_length=50)
    member_number: Text = Field(min_length=1, max_length=20)
    provider_id: uuid.UUID
    date_of_service: Day
    paid_date: Day
    population_segment: Text | None = Field(default=None, max_length=100)
    procedure_code: Text | None = Field(default=None, max_length=20)

    @model_validator(mode="after")
    def _dates(self) -> ClaimIn:
        if self.paid_date < self.date_of_service:
            raise ValueError("paid_date is before date_of_service")
        return self


class ClaimBatchIn(_In):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "claims": [
                        {
                            "claim_number": "CLM-2025-000123",
                            "member_number": "91234567A",
                            "provider_id": "3f1c2b9e-6a7d-4e1f-9b2a-5c8d7e6f4a10",
                            "date_of_service": "2025-01-15",
                            "paid_date": "2025-02-10",
                            "procedure_code": "G9008",
                        }
                    ]
                }
            ]
        }
    )

    claims: list[ClaimIn] = Field(min_length=1, max_length=MAX_BATCH)


class ClaimBatchOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "created": 1,
                    "updated": 1,
                    "claims": [{"index": 1, "id": "9c0bc24b-d7d4-588e-952d-bed9c21f25d8"}],
                }
            ]
        }
    )

    created: int
    updated: int
    claims: list[RowResult]
