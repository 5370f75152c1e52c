from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.suggestion_out import SuggestionOut
from ...types import Response


def _get_kwargs(
    review_id: UUID,
    suggestion_id: UUID,
    *,
    if_match: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/reviews/{review_id}/suggestions/{suggestion_id}/accept".format(
            review_id=quote(str(review_id), safe=""),
            suggestion_id=quote(str(suggestion_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SuggestionOut | None:
    if response.status_code == 200:
        response_200 = SuggestionOut.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 428:
        response_428 = Problem.from_dict(response.json())

        return response_428

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | SuggestionOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    review_id: UUID,
    suggestion_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str,
) -> Response[Problem | SuggestionOut]:
    """Accept Suggestion

    Args:
        review_id (UUID):
        suggestion_id (UUID):
        if_match (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SuggestionOut]
    """

    kwargs = _get_kwargs(
        review_id=review_id,
        suggestion_id=suggestion_id,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    review_id: UUID,
    suggestion_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str,
) -> Problem | SuggestionOut | None:
    """Accept Suggestion

    Args:
        review_id (UUID):
        suggestion_id (UUID):
        if_match (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SuggestionOut
    """

    return sync_detailed(
        review_id=review_id,
        suggestion_id=suggestion_id,
        client=client,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    review_id: UUID,
    suggestion_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str,
) -> Response[Problem | SuggestionOut]:
    """Accept Suggestion

    Args:
        review_id (UUID):
        suggestion_id (UUID):
        if_match (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SuggestionOut]
    """

    kwargs = _get_kwargs(
        review_id=review_id,
        suggestion_id=suggestion_id,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    review_id: UUID,
    suggestion_id: UUID,
    *,
    client: AuthenticatedClient,
    if_match: str,
) -> Problem | SuggestionOut | None:
    """Accept Suggestion

    Args:
        review_id (UUID):
        suggestion_id (UUID):
        if_match (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SuggestionOut
    """

    return (
        await asyncio_detailed(
            review_id=review_id,
            suggestion_id=suggestion_id,
            client=client,
            if_match=if_match,
        )
    ).parsed
