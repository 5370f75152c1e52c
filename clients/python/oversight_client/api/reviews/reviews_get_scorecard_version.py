from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.scorecard_version_out import ScorecardVersionOut
from ...types import Response


def _get_kwargs(
    review_id: UUID,
    version_number: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reviews/{review_id}/scorecards/{version_number}".format(
            review_id=quote(str(review_id), safe=""),
            version_number=quote(str(version_number), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ScorecardVersionOut | None:
    if response.status_code == 200:
        response_200 = ScorecardVersionOut.from_dict(response.json())

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
) -> Response[Problem | ScorecardVersionOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    review_id: UUID,
    version_number: int,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | ScorecardVersionOut]:
    """Get Scorecard Version

    Args:
        review_id (UUID):
        version_number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ScorecardVersionOut]
    """

    kwargs = _get_kwargs(
        review_id=review_id,
        version_number=version_number,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    review_id: UUID,
    version_number: int,
    *,
    client: AuthenticatedClient,
) -> Problem | ScorecardVersionOut | None:
    """Get Scorecard Version

    Args:
        review_id (UUID):
        version_number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ScorecardVersionOut
    """

    return sync_detailed(
        review_id=review_id,
        version_number=version_number,
        client=client,
    ).parsed


async def asyncio_detailed(
    review_id: UUID,
    version_number: int,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | ScorecardVersionOut]:
    """Get Scorecard Version

    Args:
        review_id (UUID):
        version_number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ScorecardVersionOut]
    """

    kwargs = _get_kwargs(
        review_id=review_id,
        version_number=version_number,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    review_id: UUID,
    version_number: int,
    *,
    client: AuthenticatedClient,
) -> Problem | ScorecardVersionOut | None:
    """Get Scorecard Version

    Args:
        review_id (UUID):
        version_number (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ScorecardVersionOut
    """

    return (
        await asyncio_detailed(
            review_id=review_id,
            version_number=version_number,
            client=client,
        )
    ).parsed
