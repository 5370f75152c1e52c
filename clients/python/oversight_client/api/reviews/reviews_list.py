import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_review_out import PageReviewOut
from ...models.problem import Problem
from ...models.review_status import ReviewStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    provider_id: None | Unset | UUID = UNSET,
    status: None | ReviewStatus | Unset = UNSET,
    tool_key: None | str | Unset = UNSET,
    scheduled_from: datetime.date | None | Unset = UNSET,
    scheduled_to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_provider_id: None | str | Unset
    if isinstance(provider_id, Unset):
        json_provider_id = UNSET
    elif isinstance(provider_id, UUID):
        json_provider_id = str(provider_id)
    else:
        json_provider_id = provider_id
    params["provider_id"] = json_provider_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ReviewStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_tool_key: None | str | Unset
    if isinstance(tool_key, Unset):
        json_tool_key = UNSET
    else:
        json_tool_key = tool_key
    params["tool_key"] = json_tool_key

    json_scheduled_from: None | str | Unset
    if isinstance(scheduled_from, Unset):
        json_scheduled_from = UNSET
    elif isinstance(scheduled_from, datetime.date):
        json_scheduled_from = scheduled_from.isoformat()
    else:
        json_scheduled_from = scheduled_from
    params["scheduled_from"] = json_scheduled_from

    json_scheduled_to: None | str | Unset
    if isinstance(scheduled_to, Unset):
        json_scheduled_to = UNSET
    elif isinstance(scheduled_to, datetime.date):
        json_scheduled_to = scheduled_to.isoformat()
    else:
        json_scheduled_to = scheduled_to
    params["scheduled_to"] = json_scheduled_to

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
        "url": "/v1/reviews",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageReviewOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageReviewOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[PageReviewOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    provider_id: None | Unset | UUID = UNSET,
    status: None | ReviewStatus | Unset = UNSET,
    tool_key: None | str | Unset = UNSET,
    scheduled_from: datetime.date | None | Unset = UNSET,
    scheduled_to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageReviewOut | Problem]:
    """List Reviews

    Args:
        provider_id (None | Unset | UUID):
        status (None | ReviewStatus | Unset):
        tool_key (None | str | Unset):
        scheduled_from (datetime.date | None | Unset):
        scheduled_to (datetime.date | None | Unset):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageReviewOut | Problem]
    """

    kwargs = _get_kwargs(
        provider_id=provider_id,
        status=status,
        tool_key=tool_key,
        scheduled_from=scheduled_from,
        scheduled_to=scheduled_to,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    provider_id: None | Unset | UUID = UNSET,
    status: None | ReviewStatus | Unset = UNSET,
    tool_key: None | str | Unset = UNSET,
    scheduled_from: datetime.date | None | Unset = UNSET,
    scheduled_to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageReviewOut | Problem | None:
    """List Reviews

    Args:
        provider_id (None | Unset | UUID):
        status (None | ReviewStatus | Unset):
        tool_key (None | str | Unset):
        scheduled_from (datetime.date | None | Unset):
        scheduled_to (datetime.date | None | Unset):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageReviewOut | Problem
    """

    return sync_detailed(
        client=client,
        provider_id=provider_id,
        status=status,
        tool_key=tool_key,
        scheduled_from=scheduled_from,
        scheduled_to=scheduled_to,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    provider_id: None | Unset | UUID = UNSET,
    status: None | ReviewStatus | Unset = UNSET,
    tool_key: None | str | Unset = UNSET,
    scheduled_from: datetime.date | None | Unset = UNSET,
    scheduled_to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageReviewOut | Problem]:
    """List Reviews

    Args:
        provider_id (None | Unset | UUID):
        status (None | ReviewStatus | Unset):
        tool_key (None | str | Unset):
        scheduled_from (datetime.date | None | Unset):
        scheduled_to (datetime.date | None | Unset):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageReviewOut | Problem]
    """

    kwargs = _get_kwargs(
        provider_id=provider_id,
        status=status,
        tool_key=tool_key,
        scheduled_from=scheduled_from,
        scheduled_to=scheduled_to,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    provider_id: None | Unset | UUID = UNSET,
    status: None | ReviewStatus | Unset = UNSET,
    tool_key: None | str | Unset = UNSET,
    scheduled_from: datetime.date | None | Unset = UNSET,
    scheduled_to: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageReviewOut | Problem | None:
    """List Reviews

    Args:
        provider_id (None | Unset | UUID):
        status (None | ReviewStatus | Unset):
        tool_key (None | str | Unset):
        scheduled_from (datetime.date | None | Unset):
        scheduled_to (datetime.date | None | Unset):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageReviewOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            provider_id=provider_id,
            status=status,
            tool_key=tool_key,
            scheduled_from=scheduled_from,
            scheduled_to=scheduled_to,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
