"""The documents policy (``policy.yaml``), validated once at import."""

from __future__ import annotations

from importlib.resources import files
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from oversight_domain.types import DayType


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KindSpec(_Strict):
    # record: about one sampled member; provider: about the provider; dispute: attached to a dispute.
    level: Literal["record", "provider", "dispute"]
    title: str
    source: str


class DuePolicy(_Strict):
    days_before_review: int = Field(ge=0, le=120)
    day_type: DayType
    reminder_days_before: tuple[int, ...] = ()


class UploadPolicy(_Strict):
    max_bytes: int = Field(gt=0)
    upload_url_seconds: int = Field(gt=0, le=3600)
    download_url_seconds: int = Field(gt=0, le=3600)


class RetentionPolicy(_Strict):
    default_years: int
    min_years: int = Field(ge=1)
    max_years: int

    @model_validator(mode="after")
    def _default_in_range(self) -> RetentionPolicy:
        if not self.min_years <= self.default_years <= self.max_years:
            raise ValueError("default_years must lie between min_years and max_years")
        return self


class DocumentPolicy(_Strict):
    kinds: dict[str, KindSpec]
    due: DuePolicy
    upload: UploadPolicy
    retention: RetentionPolicy
    roi_elements: tuple[str, ...] = ()

    def level_of(self, kind: str) -> str:
        return self.kinds[kind].level


def load_policy(text: str | None = None) -> DocumentPolicy:
    raw = text if text is not None else files(__package__).joinpath("policy.yaml").read_text("utf-8")
    return DocumentPolicy.model_validate(yaml.safe_load(raw))


DOCUMENT_POLICY = load_policy()
