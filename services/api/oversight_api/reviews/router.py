"""``/v1/reviews``: scheduling, samples and records, findings, scorecard, finalization."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query, Response

from oversight_api.clock import AppCalendars, Today
from oversight_api.conventions.etags import IfMatch
from oversight_api.conventions.idempotency import idempotent
from oversight_api.conventions.pagination import Pagination
from oversight_api.conventions.responses import respond
from oversight_api.deps import ReadSession, Session
from oversight_api.reviews.auth import FindingsWrite, ReviewsRead, ReviewsWrite, SuggestionsRead
from oversight_app.bounds import Day, Ordinal
from oversight_app.pagination import Page
from oversight_app.reviews import finalize, findings, samples, service, suggestions
from oversight_app.reviews.schemas import (
    ExcludeIn,
    ExcludeOut,
    FinalizeOut,
    FindingIn,
    FindingsOut,
    RecordOut,
    ReviewCreate,
    ReviewOut,
    ReviewPatch,
    SampleDrawIn,
    SampleDrawList,
    SampleDrawnOut,
    ScorecardOut,
    ScorecardVersionList,
    ScorecardVersionOut,
    Status,
    SuggestionOut,
    SuggestionOverrideIn,
    SuggestionStatus,
)
from oversight_app.text import Text
from oversight_domain.statuses import SampleRecordStatus

router = APIRouter(tags=["reviews"])


def _draw_body(body: SampleDrawIn | None = None) -> SampleDrawIn:
    """The body is optional: none draws with a random seed, like ``{}`` (and is the same request to
    ``Idempotency-Key``)."""
    return body or SampleDrawIn()


DrawBody = Annotated[SampleDrawIn, Depends(_draw_body)]


@router.post("/reviews", status_code=201, response_model=ReviewOut, operation_id="reviews_create")
@idempotent
async def create_review(
    body: ReviewCreate, session: Session, today: Today, calendars: AppCalendars, caller: ReviewsWrite
) -> Response:
    review = await service.create_review(session, caller, body, today, calendars)
    out = service.review_out(review)
    return respond(out, status=201, etag=review.version, location=f"/v1/reviews/{review.id}")


@router.get("/reviews", response_model=Page[ReviewOut], operation_id="reviews_list")
async def list_reviews(
    session: Session,
    page: Pagination,
    caller: ReviewsRead,
    provider_id: uuid.UUID | None = None,
    status: Status | None = None,
    tool_key: Text | None = Query(None, max_length=80),
    scheduled_from: Day | None = None,
    scheduled_to: Day | None = None,
) -> Page[ReviewOut]:
    items, cursor = await service.list_reviews(
        session,
        caller,
        page,
        provider_id=provider_id,
        status=status,
        tool_key=tool_key,
        scheduled_from=scheduled_from,
        scheduled_to=scheduled_to,
    )
    return Page(items=items, next_cursor=cursor)


@router.get("/reviews/{review_id}", response_model=ReviewOut, operation_id="reviews_get")
async def get_review(review_id: uuid.UUID, session: ReadSession, caller: ReviewsRead) -> Response:
    out = await service.get_review_out(session, caller, review_id)
    return respond(out, etag=out.version)


@router.patch("/reviews/{review_id}", response_model=ReviewOut, operation_id="reviews_update")
async def update_review(
    review_id: uuid.UUID,
    body: ReviewPatch,
    session: Session,
    today: Today,
    calendars: AppCalendars,
    caller: ReviewsWrite,
    if_match: IfMatch = None,  # without a default FastAPI would answer a missing header with 422, not 428
) -> Response:
    review = await service.update_review(session, caller, review_id, body, today, calendars, if_match)
    return respond(service.review_out(review), etag=review.version)


@router.post(
    "/reviews/{review_id}/samples",
    status_code=201,
    response_model=SampleDrawnOut,
    operation_id="reviews_draw_sample",
)
@idempotent
async def draw_sample(
    review_id: uuid.UUID, body: DrawBody, session: Session, caller: ReviewsWrite
) -> Response:
    drawn = await samples.draw_sample(session, caller, review_id, body)
    location = f"/v1/reviews/{review_id}/samples"
    return respond(drawn.result, status=201, etag=drawn.review_version, location=location)


@router.get(
    "/reviews/{review_id}/samples", response_model=SampleDrawList, operation_id="reviews_list_samples"
)
async def list_samples(review_id: uuid.UUID, session: Session, caller: ReviewsRead) -> SampleDrawList:
    return SampleDrawList(items=await samples.list_draws(session, caller, review_id))


@router.get(
    "/reviews/{review_id}/records", response_model=Page[RecordOut], operation_id="reviews_list_records"
)
async def list_records(
    review_id: uuid.UUID,
    session: Session,
    page: Pagination,
    caller: ReviewsRead,
    status: SampleRecordStatus | None = None,
) -> Page[RecordOut]:
    items, cursor = await samples.list_records(session, caller, review_id, page, status)
    return Page(items=items, next_cursor=cursor)


@router.post(
    "/reviews/{review_id}/records/{record_id}/exclude",
    response_model=ExcludeOut,
    operation_id="reviews_exclude_record",
)
async def exclude_record(
    review_id: uuid.UUID, record_id: uuid.UUID, body: ExcludeIn, session: Session, caller: ReviewsWrite
) -> Response:
    excluded = await samples.exclude_record(session, caller, review_id, record_id, body.reason)
    return respond(excluded.result, etag=excluded.review_version)


@router.put(
    "/reviews/{review_id}/findings",
    response_model=FindingsOut,
    operation_id="reviews_put_findings",
)
async def put_findings(
    review_id: uuid.UUID,
    body: Annotated[list[FindingIn], Body(min_length=1, description="At least one finding")],
    session: Session,
    caller: FindingsWrite,
    if_match: IfMatch = None,
) -> Response:
    out = await findings.put_findings(session, caller, review_id, body, if_match)
    return respond(out, etag=out.version)


@router.get("/reviews/{review_id}/findings", response_model=FindingsOut, operation_id="reviews_get_findings")
async def get_findings(review_id: uuid.UUID, session: Session, caller: ReviewsRead) -> Response:
    out = await findings.list_findings(session, caller, review_id)
    return respond(out, etag=out.version)


@router.get(
    "/reviews/{review_id}/scorecard", response_model=ScorecardOut, operation_id="reviews_get_scorecard"
)
async def get_scorecard(review_id: uuid.UUID, session: Session, caller: ReviewsRead) -> Response:
    return respond(await finalize.get_scorecard(session, caller, review_id))


@router.get(
    "/reviews/{review_id}/scorecards",
    response_model=ScorecardVersionList,
    operation_id="reviews_list_scorecard_versions",
)
async def list_scorecard_versions(
    review_id: uuid.UUID, session: Session, caller: ReviewsRead
) -> ScorecardVersionList:
    return await finalize.list_scorecard_versions(session, caller, review_id)


@router.get(
    "/reviews/{review_id}/scorecards/{version_number}",
    response_model=ScorecardVersionOut,
    operation_id="reviews_get_scorecard_version",
)
async def get_scorecard_version(
    review_id: uuid.UUID,
    version_number: Ordinal,
    session: Session,
    caller: ReviewsRead,
) -> ScorecardVersionOut:
    return await finalize.get_scorecard_version(session, caller, review_id, version_number)


@router.post(
    "/reviews/{review_id}/finalize",
    response_model=FinalizeOut,
    operation_id="reviews_finalize",
)
async def finalize_review(
    review_id: uuid.UUID,
    session: Session,
    today: Today,
    calendars: AppCalendars,
    caller: ReviewsWrite,
    if_match: IfMatch = None,  # without a default FastAPI would answer a missing header with 422, not 428
) -> Response:
    out = await finalize.finalize(session, caller, review_id, today, calendars, if_match)
    return respond(out, etag=out.review.version)


@router.get(
    "/reviews/{review_id}/suggestions",
    response_model=Page[SuggestionOut],
    operation_id="reviews_list_suggestions",
)
async def list_suggestions(
    review_id: uuid.UUID,
    session: Session,
    page: Pagination,
    caller: SuggestionsRead,
    status: SuggestionStatus | None = None,
    element_key: Text | None = Query(None, min_length=1, max_length=80),
    record_id: uuid.UUID | None = None,
) -> Page[SuggestionOut]:
    items, cursor = await suggestions.list_suggestions(
        session, caller, review_id, page, status=status, element_key=element_key, record_id=record_id
    )
    return Page(items=items, next_cursor=cursor)


@router.post(
    "/reviews/{review_id}/suggestions/{suggestion_id}/accept",
    response_model=SuggestionOut,
    operation_id="reviews_accept_suggestion",
)
async def accept_suggestion(
    review_id: uuid.UUID,
    suggestion_id: uuid.UUID,
    session: Session,
    caller: FindingsWrite,
    if_match: IfMatch = None,
) -> Response:
    out, version = await suggestions.decide(session, caller, review_id, suggestion_id, if_match)
    return respond(out, etag=version)


@router.post(
    "/reviews/{review_id}/suggestions/{suggestion_id}/override",
    response_model=SuggestionOut,
    operation_id="reviews_override_suggestion",
)
async def override_suggestion(
    review_id: uuid.UUID,
    suggestion_id: uuid.UUID,
    body: SuggestionOverrideIn,
    session: Session,
    caller: FindingsWrite,
    if_match: IfMatch = None,
) -> Response:
    out, version = await suggestions.decide(
        session, caller, review_id, suggestion_id, if_match, override=(body.answer, body.comment)
    )
    return respond(out, etag=version)
