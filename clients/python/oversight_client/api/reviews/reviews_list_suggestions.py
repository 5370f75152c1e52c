from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_suggestion_out import PageSuggestionOut
from ...models.problem import Problem
from ...models.reviews_list_suggestions_status_type_0 import ReviewsListSuggestionsStatusType0
from ...types import UNSET, Response, Unset


def _get_kwargs(
    review_id: UUID,
    *,
    status: None | ReviewsListSuggestionsStatusType0 | Unset = UNSET,
    element_key: None | str | Unset = UNSET,
    record_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ReviewsListSuggestionsStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_element_key: None | str | Unset
    if isinstance(element_key, Unset):
        json_element_key = UNSET
    else:
        json_element_key = element_key
    params["element_key"] = json_element_key

    json_record_id: None | str | Unset
    if isinstance(record_id, Unset):
        json_record_id = UNSET
    elif isinstance(record_id, UUID):
        json_record_id = str(record_id)
    else:
        json_record_id = record_id
    params["record_id"] = json_record_id

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reviews/{review_id}/suggestions".format(
            review_id=quote(str(review_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageSuggestionOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageSuggestionOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PageSuggestionOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    review_id: UUID,
    *,
    client: AuthenticatedClient,
    status: None | ReviewsListSuggestionsStatusType0 | Unset = UNSET,
    element_key: None | str | Unset = UNSET,
    record_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageSuggestionOut | Problem]:
    """List Suggestions

    Args:
        review_id (UUID):
        status (None | ReviewsListSuggestionsStatusType0 | Unset):
        element_key (None | str | Unset):
        record_id (None | Unset | UUID):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageSuggestionOut | Problem]
    """

    kwargs = _get_kwargs(
        review_id=review_id,
        status=status,
        element_key=element_key,
        record_id=record_id,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    review_id: UUID,
    *,
    client: AuthenticatedClient,
    status: None | ReviewsListSuggestionsStatusType0 | Unset = UNSET,
    element_key: None | str | Unset = UNSET,
    record_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageSuggestionOut | Problem | None:
    """List Suggestions

    Args:
        review_id (UUID):
        status (None | ReviewsListSuggestionsStatusType0 | Unset):
        element_key (None | str | Unset):
        record_id (None | Unset | UUID):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageSuggestionOut | Problem
    """

    return sync_detailed(
        review_id=review_id,
        client=client,
        status=status,
        element_key=element_key,
        record_id=record_id,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    review_id: UUID,
    *,
    client: AuthenticatedClient,
    status: None | ReviewsListSuggestionsStatusType0 | Unset = UNSET,
    element_key: None | str | Unset = UNSET,
    record_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageSuggestionOut | Problem]:
    """List Suggestions

    Args:
        review_id (UUID):
        status (None | ReviewsListSuggestionsStatusType0 | Unset):
        element_key (None | str | Unset):
        record_id (None | Unset | UUID):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageSuggestionOut | Problem]
    """

    kwargs = _get_kwargs(
        review_id=review_id,
        status=status,
        element_key=element_key,
        record_id=record_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    review_id: UUID,
    *,
    client: AuthenticatedClient,
    status: None | ReviewsListSuggestionsStatusType0 | Unset = UNSET,
    element_key: None | str | Unset = UNSET,
    record_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageSuggestionOut | Problem | None:
    """List Suggestions

    Args:
        review_id (UUID):
        status (None | ReviewsListSuggestionsStatusType0 | Unset):
        element_key (None | str | Unset):
        record_id (None | Unset | UUID):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageSuggestionOut | Problem
    """

    return (
        await asyncio_detailed(
            review_id=review_id,
            client=client,
            status=status,
            element_key=element_key,
            record_id=record_id,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
