from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dashboard_format import DashboardFormat
from ...models.problem import Problem
from ...models.provider_dashboard import ProviderDashboard
from ...types import UNSET, Response, Unset


def _get_kwargs(
    provider_id: UUID,
    *,
    format_: DashboardFormat | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/dashboards/providers/{provider_id}".format(
            provider_id=quote(str(provider_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ProviderDashboard | None:
    if response.status_code == 200:
        response_200 = ProviderDashboard.from_dict(response.json())

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
) -> Response[Problem | ProviderDashboard]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    provider_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: DashboardFormat | Unset = UNSET,
) -> Response[Problem | ProviderDashboard]:
    """Provider Dashboard

     One provider's history (the reviews the caller may see), its trend, open action plans, next review.

    Args:
        provider_id (UUID):
        format_ (DashboardFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProviderDashboard]
    """

    kwargs = _get_kwargs(
        provider_id=provider_id,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    provider_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: DashboardFormat | Unset = UNSET,
) -> Problem | ProviderDashboard | None:
    """Provider Dashboard

     One provider's history (the reviews the caller may see), its trend, open action plans, next review.

    Args:
        provider_id (UUID):
        format_ (DashboardFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProviderDashboard
    """

    return sync_detailed(
        provider_id=provider_id,
        client=client,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    provider_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: DashboardFormat | Unset = UNSET,
) -> Response[Problem | ProviderDashboard]:
    """Provider Dashboard

     One provider's history (the reviews the caller may see), its trend, open action plans, next review.

    Args:
        provider_id (UUID):
        format_ (DashboardFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProviderDashboard]
    """

    kwargs = _get_kwargs(
        provider_id=provider_id,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    provider_id: UUID,
    *,
    client: AuthenticatedClient,
    format_: DashboardFormat | Unset = UNSET,
) -> Problem | ProviderDashboard | None:
    """Provider Dashboard

     One provider's history (the reviews the caller may see), its trend, open action plans, next review.

    Args:
        provider_id (UUID):
        format_ (DashboardFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProviderDashboard
    """

    return (
        await asyncio_detailed(
            provider_id=provider_id,
            client=client,
            format_=format_,
        )
    ).parsed
