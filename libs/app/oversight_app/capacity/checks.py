"""Turning the domain's Capacity Building errors into problem+json, and the checks every decision shares."""

from __future__ import annotations

from oversight_app.errors import ProblemError, unprocessable
from oversight_domain.capacity import CapacityError


def domain_problem(
    title: str, exc: CapacityError, prefix: str = "body", renames: dict[str, str] | None = None
) -> ProblemError:
    """A 422 listing each domain error at its request path (``renames`` maps domain names to the API's)."""
    errors = []
    for err in exc.errors:
        path = err["path"]
        for old, new in (renames or {}).items():
            if path == old or path.startswith(old + ".") or path.startswith(old + "["):
                path = new + path[len(old) :]
        errors.append({"path": f"{prefix}.{path}" if path else prefix, "message": err["message"]})
    return unprocessable(title, errors)


def require_comments_to_return(decision: str, comments: str | None, what: str) -> None:
    """A return tells the plan what to fix: it needs comments."""
    if decision == "return" and not (comments or "").strip():
        raise unprocessable(
            f"returning a {what} needs comments", [{"path": "body.comments", "message": "required to return"}]
        )
