"""Business calendars (issue 17): the shipped state schedules and an organization's own calendar."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ClosedDay(BaseModel):
    day: date
    reason: str


class PublishedYearOut(BaseModel):
    year: int
    basis: Literal["published", "derived"] = Field(
        description="published: from the state's published schedule; derived: from its rules, not yet checked"
    )
    days: list[ClosedDay]


class PublishedCalendarOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "jurisdiction": "US-CA",
                    "title": "California state holidays",
                    "source": "CalHR",
                    "source_url": "https://www.calhr.ca.gov/",
                    "published_year": 2026,
                    "years": [
                        {
                            "year": 2026,
                            "basis": "published",
                            "days": [{"day": "2026-11-26", "reason": "Thanksgiving Day"}],
                        }
                    ],
                }
            ]
        }
    )

    jurisdiction: str
    title: str
    source: str
    source_url: str
    published_year: int
    years: list[PublishedYearOut]


class CalendarChangeOut(BaseModel):
    day: date
    closed: bool = Field(description="true: closed though the schedule keeps it open; false: kept open")
    reason: str
    changed_by: str
    changed_at: datetime


class OrganizationCalendarOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "organization_id": "2f0c3a6e-9d1b-4e8f-a7c2-5b4d3e2f1a09",
                    "base": "US-CA",
                    "version": 1,
                    "changes": [
                        {
                            "day": "2026-07-13",
                            "closed": True,
                            "reason": "Office move",
                            "changed_by": "key:422ec3b2e0d0",
                            "changed_at": "2026-06-01T17:00:00Z",
                        }
                    ],
                    "closed_days": [{"day": "2026-07-13", "reason": "Office move"}],
                }
            ]
        }
    )

    organization_id: uuid.UUID
    base: str = Field(description="the jurisdiction whose published schedule this calendar starts from")
    version: int = Field(description="0 until the organization's first change")
    changes: list[CalendarChangeOut]
    closed_days: list[ClosedDay] = Field(
        description="every weekday closed in the years the base schedule covers, changes applied"
    )


class CalendarDayChange(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"day": "2026-07-13", "closed": True, "reason": "Office move"}]},
    )

    day: date
    closed: bool = Field(description="true to close the day (a business day no more), false to keep it open")
    reason: str = Field(min_length=1, max_length=500)
