"""Seed 003's "Valid ROI" element (ROI in member's file): does a release of information cover the period
under review? The answer is a suggestion; the reviewer confirms it as a finding."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RoiCoverage:
    covered: bool
    reason: str


def roi_covers(
    effective_on: date | None, expires_on: date | None, period_start: date, period_end: date
) -> RoiCoverage:
    """An ROI covers the period when it took effect on or before its start and had not expired before its end
    (no expiry date: it has not expired)."""
    if effective_on is None:
        return RoiCoverage(False, "the ROI's effective date is not recorded")
    if effective_on > period_start:
        return RoiCoverage(False, "the ROI took effect after the period under review began")
    if expires_on is not None and expires_on < period_end:
        return RoiCoverage(False, "the ROI expired before the period under review ended")
    return RoiCoverage(True, "the ROI covers the whole period under review")
