"""Dates of the documents policy: when requested documents are due, reminders, when retention ends."""

from __future__ import annotations

from datetime import date, timedelta

from oversight_domain.calendars import Calendar, add_days
from oversight_domain.documents.policy import DocumentPolicy


def due_on_for_review(review_date: date, policy: DocumentPolicy, calendar: Calendar) -> date:
    """The default due date: the policy's days (business or calendar) before the review date."""
    return add_days(review_date, -policy.due.days_before_review, policy.due.day_type, calendar)


def reminder_dates(due_on: date, today: date, policy: DocumentPolicy) -> list[date]:
    """Reminder days still ahead of ``today`` (calendar days before the due date)."""
    return sorted(
        {
            due_on - timedelta(days=d)
            for d in policy.due.reminder_days_before
            if due_on - timedelta(days=d) > today
        }
    )


def retention_ends_on(closed_on: date, years: int) -> date:
    """``years`` after the review closed; 29 February closes on 28 February in a common year."""
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:
        return closed_on.replace(year=closed_on.year + years, day=28)
