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
    organization_id: uuid.UUID
    base: str = Field(description="the jurisdiction whose published schedule this calendar starts from")
    version: int = Field(description="0 until the organization's first change")
    changes: list[CalendarChangeOut]
    closed_days: list[ClosedDay] = Field(
        description="every weekday closed in the years the base schedule covers, changes applied"
    )


class CalendarDayChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    day: date
    closed: bool = Field(description="true to close the day (a business day no more), false to keep it open")
    reason: str = Field(min_length=1, max_length=500)
