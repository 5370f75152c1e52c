from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_status import ReviewStatus

if TYPE_CHECKING:
    from ..models.sample_drawn_out_quotas import SampleDrawnOutQuotas
    from ..models.sample_drawn_out_strata_sizes import SampleDrawnOutStrataSizes


T = TypeVar("T", bound="SampleDrawnOut")


@_attrs_define
class SampleDrawnOut:
    """A draw just made: the draw and what it did to the review.

    Attributes:
        available (int): Members the frame offered this draw (the sum of strata_sizes)
        draw_number (int):
        drawn_at (datetime.datetime):
        drawn_by (str):
        frame_fingerprint (str):
        frame_size (int):
        held (int): Records drawn up front for the second stage (the upfront method)
        id (UUID):
        limited_by_frame (bool): Fewer records than requested were drawn because the frame had no more: all it had are
            in the sample
        quotas (SampleDrawnOutQuotas): Records each pool gave the sample
        requested (int | None): Records the tool's sampling method asked this draw for; null for draws made before it
            was recorded
        reserve (int):
        review_id (UUID):
        review_started (bool): The review was scheduled and this draw started it (status in_progress; audited as
            review.started)
        review_status (ReviewStatus): A review's life: scheduled, in progress once samples or findings are recorded,
            then final.
        sampled (int):
        seed (str):
        strata_sizes (SampleDrawnOutStrataSizes): Members each pool offered this draw (not yet in the sample; for the
            up-front sample's second stage, its held records)
    """

    available: int
    draw_number: int
    drawn_at: datetime.datetime
    drawn_by: str
    frame_fingerprint: str
    frame_size: int
    held: int
    id: UUID
    limited_by_frame: bool
    quotas: SampleDrawnOutQuotas
    requested: int | None
    reserve: int
    review_id: UUID
    review_started: bool
    review_status: ReviewStatus
    sampled: int
    seed: str
    strata_sizes: SampleDrawnOutStrataSizes
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        available = self.available

        draw_number = self.draw_number

        drawn_at = self.drawn_at.isoformat()

        drawn_by = self.drawn_by

        frame_fingerprint = self.frame_fingerprint

        frame_size = self.frame_size

        held = self.held

        id = str(self.id)

        limited_by_frame = self.limited_by_frame

        quotas = self.quotas.to_dict()

        requested: int | None
        requested = self.requested

        reserve = self.reserve

        review_id = str(self.review_id)

        review_started = self.review_started

        review_status = self.review_status.value

        sampled = self.sampled

        seed = self.seed

        strata_sizes = self.strata_sizes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "available": available,
                "draw_number": draw_number,
                "drawn_at": drawn_at,
                "drawn_by": drawn_by,
                "frame_fingerprint": frame_fingerprint,
                "frame_size": frame_size,
                "held": held,
                "id": id,
                "limited_by_frame": limited_by_frame,
                "quotas": quotas,
                "requested": requested,
                "reserve": reserve,
                "review_id": review_id,
                "review_started": review_started,
                "review_status": review_status,
                "sampled": sampled,
                "seed": seed,
                "strata_sizes": strata_sizes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.sample_drawn_out_quotas import SampleDrawnOutQuotas  # noqa: PLC0415
        from ..models.sample_drawn_out_strata_sizes import SampleDrawnOutStrataSizes  # noqa: PLC0415

        d = dict(src_dict)
        available = d.pop("available")

        draw_number = d.pop("draw_number")

        drawn_at = datetime.datetime.fromisoformat(d.pop("drawn_at"))

        drawn_by = d.pop("drawn_by")

        frame_fingerprint = d.pop("frame_fingerprint")

        frame_size = d.pop("frame_size")

        held = d.pop("held")

        id = UUID(d.pop("id"))

        limited_by_frame = d.pop("limited_by_frame")

        quotas = SampleDrawnOutQuotas.from_dict(d.pop("quotas"))

        def _parse_requested(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        requested = _parse_requested(d.pop("requested"))

        reserve = d.pop("reserve")

        review_id = UUID(d.pop("review_id"))

        review_started = d.pop("review_started")

        review_status = ReviewStatus(d.pop("review_status"))

        sampled = d.pop("sampled")

        seed = d.pop("seed")

        strata_sizes = SampleDrawnOutStrataSizes.from_dict(d.pop("strata_sizes"))

        sample_drawn_out = cls(
            available=available,
            draw_number=draw_number,
            drawn_at=drawn_at,
            drawn_by=drawn_by,
            frame_fingerprint=frame_fingerprint,
            frame_size=frame_size,
            held=held,
            id=id,
            limited_by_frame=limited_by_frame,
            quotas=quotas,
            requested=requested,
            reserve=reserve,
            review_id=review_id,
            review_started=review_started,
            review_status=review_status,
            sampled=sampled,
            seed=seed,
            strata_sizes=strata_sizes,
        )

        sample_drawn_out.additional_properties = d
        return sample_drawn_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
