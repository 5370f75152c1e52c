"""Export jobs and scheduled reports (issue 16): their kinds, statuses and the cron rule of a schedule.

A schedule's ``cron`` is five-field cron text (minute hour day-of-month month day-of-week, as crontab(5))
read in the schedule's time zone. It fires once per *slot*: the slot is the cron time it fired for, so a
schedule that two workers look at together, or one worker twice, makes one export for that slot.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from cronsim import CronSim, CronSimError


class ExportKind(StrEnum):
    # Every finding of the finalized reviews in the caller's scope (a state: its jurisdiction's plans).
    FINDINGS = "findings"
    # Reviews scheduled in a year (a plan's year of reviews), with outcome and total.
    REVIEWS = "reviews"


class ExportStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    READY = "ready"
    FAILED = "failed"
    EXPIRED = "expired"


# How long a built file is kept (then the worker deletes it and the export is ``expired``). No seed gives
# a number: an assumption, long enough for a weekly report to be fetched after a weekend.
EXPORT_KEEP = timedelta(days=7)
# A schedule may fire at most this often: a report every minute would be a feed, not a report.
MIN_INTERVAL = timedelta(hours=1)


class CronError(ValueError):
    """Cron text that is not five valid fields, or fires more often than ``MIN_INTERVAL``."""


def check_cron(text: str, tz: ZoneInfo, now: datetime) -> None:
    """Raise ``CronError`` unless ``text`` is valid cron text firing at most once per ``MIN_INTERVAL``."""
    if len(text.split()) != 5:
        raise CronError("cron text has five fields: minute hour day-of-month month day-of-week")
    try:
        fires = CronSim(text, now.astimezone(tz))
        first = next(fires)
        second = next(fires)
    except (CronSimError, StopIteration) as exc:
        raise CronError("not valid cron text, or it never fires") from exc
    if second - first < MIN_INTERVAL:
        raise CronError("a report may be scheduled at most once an hour")


def next_slot(text: str, tz: ZoneInfo, after: datetime) -> datetime:
    """The first time strictly after ``after`` that ``text`` fires, in ``tz`` (an aware datetime)."""
    return next(CronSim(text, after.astimezone(tz)))
