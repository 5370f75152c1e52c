"""Seed 003: "Use the following naming convention when you upload documents: Last NameCIN."

The service names every member document this way from the member record, whatever the provider called the
file (its own name is kept as metadata), so reviewers see one convention. The extension follows the type the
content was found to be, not the uploaded name.
"""

from __future__ import annotations

import unicodedata

_EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/tiff": ".tif",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/msword": ".doc",
    "text/csv": ".csv",
    "text/plain": ".txt",
}


def extension_for(content_type: str) -> str:
    return _EXTENSIONS.get(content_type, "")


def _clean(part: str) -> str:
    # Printable characters only: a name goes into a Content-Disposition header and a file system.
    kept = "".join(c for c in part if unicodedata.category(c)[0] in {"L", "N", "Z", "P"} and c not in '"\\/')
    return " ".join(kept.split())


def member_file_name(last_name: str, member_number: str, content_type: str) -> str:
    """``member_file_name("Doe", "91234567A", "application/pdf") == "Doe91234567A.pdf"`` (seed 003)."""
    return f"{_clean(last_name)}{_clean(member_number)}{extension_for(content_type)}"


def provider_file_name(kind_title: str, original: str, content_type: str) -> str:
    """Provider-level documents keep a readable name: the kind's title and the uploaded file's stem."""
    stem = _clean(original.rsplit(".", 1)[0])[:120] or "document"
    return f"{_clean(kind_title)} - {stem}{extension_for(content_type)}"
