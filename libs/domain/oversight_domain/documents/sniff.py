"""What a file really is, from its first bytes: magic numbers written plainly for the allow-list.

The declared Content-Type is the provider's claim; the stored object's first bytes decide. Only the types
below are accepted (PDF, images, Office documents, CSV and plain text); anything else (executables, HTML,
archives, unknown binaries) is refused at completion.
"""

from __future__ import annotations

OOXML = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
OLE = "application/msword"  # legacy Word/Excel/PowerPoint share one container; reported as one type
ALLOWED_TYPES = frozenset(
    {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/tiff",
        *OOXML.values(),
        OLE,
        "application/vnd.ms-excel",
        "application/vnd.ms-powerpoint",
        "text/csv",
        "text/plain",
    }
)
# How many first bytes ``sniff`` needs (an OOXML package names its parts near the start).
HEAD_BYTES = 8192

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
)


def _text(head: bytes, complete: bool) -> bool:
    """UTF-8 (or ASCII) without NULs or other control characters than tab, CR, LF and form feed."""
    if b"\x00" in head:
        return False
    try:
        decoded = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The head may cut a multi-byte character in two at its end; that is still text.
        if complete or exc.start < len(head) - 3:
            return False
        decoded = head[: exc.start].decode("utf-8")
    return not any(ord(c) < 32 and c not in "\t\r\n\f" for c in decoded)


def sniff(head: bytes, *, complete: bool = False) -> str | None:
    """The allow-listed type ``head`` starts like, or None. ``complete``: ``head`` is the whole file."""
    for magic, content_type in _MAGIC:
        if head.startswith(magic):
            return content_type
    if head.startswith(b"PK\x03\x04"):
        if b"[Content_Types].xml" not in head:
            return None  # a zip that is not an Office package
        for part, content_type in OOXML.items():
            if part.encode() in head:
                return content_type
        return None
    if head and _text(head, complete):
        return "text/plain"
    return None


def type_matches(declared: str, sniffed: str) -> bool:
    """Whether the declared type is one the sniffed content may be sent as.

    CSV is text, so text sniffs may be declared ``text/csv``; the legacy Office formats share the OLE
    container, so any of their types matches it.
    """
    if declared == sniffed:
        return True
    if sniffed == "text/plain":
        return declared == "text/csv"
    if sniffed == OLE:
        return declared in {"application/vnd.ms-excel", "application/vnd.ms-powerpoint"}
    return False
