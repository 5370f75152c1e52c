"""Evidence documents: request kinds, due dates, the upload allow-list, member-file naming, ROI coverage and
retention. Pure rules over plain values; the policy numbers are data (``policy.yaml``, each cited)."""

from __future__ import annotations

from oversight_domain.documents.naming import member_file_name
from oversight_domain.documents.policy import DOCUMENT_POLICY, DocumentPolicy, KindSpec, load_policy
from oversight_domain.documents.roi import RoiCoverage, roi_covers
from oversight_domain.documents.rules import due_on_for_review, reminder_dates, retention_ends_on
from oversight_domain.documents.sniff import ALLOWED_TYPES, sniff, type_matches

__all__ = [
    "ALLOWED_TYPES",
    "DOCUMENT_POLICY",
    "DocumentPolicy",
    "KindSpec",
    "RoiCoverage",
    "due_on_for_review",
    "load_policy",
    "member_file_name",
    "reminder_dates",
    "retention_ends_on",
    "roi_covers",
    "sniff",
    "type_matches",
]
