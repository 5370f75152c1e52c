import datetime
from http import HTTPStatus
from io import BytesIO
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    tool_key: str,
    finalized_from: datetime.date | None | Unset = UNSET,
    finalized_to: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["tool_key"] = tool_key

    json_finalized_from: None | str | Unset
    if isinstance(finalized_from, Unset):
        json_finalized_from = UNSET
    elif isinstance(finalized_from, datetime.date):
        json_finalized_from = finalized_from.isoformat()
    else:
        json_finalized_from = finalized_from
    params["finalized_from"] = json_finalized_from

    json_finalized_to: None | str | Unset
    if isinstance(finalized_to, Unset):
        json_finalized_to = UNSET
    elif isinstance(finalized_to, datetime.date):
        json_finalized_to = finalized_to.isoformat()
    else:
        json_finalized_to = finalized_to
    params["finalized_to"] = json_finalized_to

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/dashboards/state/csv",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> File | Problem | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[File | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    tool_key: str,
    finalized_from: datetime.date | None | Unset = UNSET,
    finalized_to: datetime.date | None | Unset = UNSET,
) -> Response[File | Problem]:
    """State Dashboard Csv

     The state comparison's distributions (the total's and each section's) as CSV (the same file as
    ``format=csv``).

    Args:
        tool_key (str):
        finalized_from (datetime.date | None | Unset):
        finalized_to (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
    """

    kwargs = _get_kwargs(
        tool_key=tool_key,
        finalized_from=finalized_from,
        finalized_to=finalized_to,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    tool_key: str,
    finalized_from: datetime.date | None | Unset = UNSET,
    finalized_to: datetime.date | None | Unset = UNSET,
) -> File | Problem | None:
    """State Dashboard Csv

     The state comparison's distributions (the total's and each section's) as CSV (the same file as
    ``format=csv``).

    Args:
        tool_key (str):
        finalized_from (datetime.date | None | Unset):
        finalized_to (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
    """

    return sync_detailed(
        client=client,
        tool_key=tool_key,
        finalized_from=finalized_from,
        finalized_to=finalized_to,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    tool_key: str,
    finalized_from: datetime.date | None | Unset = UNSET,
    finalized_to: datetime.date | None | Unset = UNSET,
) -> Response[File | Problem]:
    """State Dashboard Csv

     The state comparison's distributions (the total's and each section's) as CSV (the same file as
    ``format=csv``).

    Args:
        tool_key (str):
        finalized_from (datetime.date | None | Unset):
        finalized_to (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
    """

    kwargs = _get_kwargs(
        tool_key=tool_key,
        finalized_from=finalized_from,
        finalized_to=finalized_to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    tool_key: str,
    finalized_from: datetime.date | None | Unset = UNSET,
    finalized_to: datetime.date | None | Unset = UNSET,
) -> File | Problem | None:
    """State Dashboard Csv

     The state comparison's distributions (the total's and each section's) as CSV (the same file as
    ``format=csv``).

    Args:
        tool_key (str):
        finalized_from (datetime.date | None | Unset):
        finalized_to (datetime.date | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            tool_key=tool_key,
            finalized_from=finalized_from,
            finalized_to=finalized_to,
        )
    ).parsed
