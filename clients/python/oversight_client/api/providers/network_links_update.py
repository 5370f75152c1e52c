from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.network_link_out import NetworkLinkOut
from ...models.network_link_patch import NetworkLinkPatch
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    network_link_id: UUID,
    *,
    body: NetworkLinkPatch,
    if_match: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/network-links/{network_link_id}".format(
            network_link_id=quote(str(network_link_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> NetworkLinkOut | Problem | None:
    if response.status_code == 200:
        response_200 = NetworkLinkOut.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

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
) -> Response[NetworkLinkOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    network_link_id: UUID,
    *,
    client: AuthenticatedClient,
    body: NetworkLinkPatch,
    if_match: str,
) -> Response[NetworkLinkOut | Problem]:
    """Update Network Link

     Suspend, reinstate or terminate a provider's contract for one program, or set its end date.

    Args:
        network_link_id (UUID):
        if_match (str):
        body (NetworkLinkPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NetworkLinkOut | Problem]
    """

    kwargs = _get_kwargs(
        network_link_id=network_link_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    network_link_id: UUID,
    *,
    client: AuthenticatedClient,
    body: NetworkLinkPatch,
    if_match: str,
) -> NetworkLinkOut | Problem | None:
    """Update Network Link

     Suspend, reinstate or terminate a provider's contract for one program, or set its end date.

    Args:
        network_link_id (UUID):
        if_match (str):
        body (NetworkLinkPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NetworkLinkOut | Problem
    """

    return sync_detailed(
        network_link_id=network_link_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    network_link_id: UUID,
    *,
    client: AuthenticatedClient,
    body: NetworkLinkPatch,
    if_match: str,
) -> Response[NetworkLinkOut | Problem]:
    """Update Network Link

     Suspend, reinstate or terminate a provider's contract for one program, or set its end date.

    Args:
        network_link_id (UUID):
        if_match (str):
        body (NetworkLinkPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NetworkLinkOut | Problem]
    """

    kwargs = _get_kwargs(
        network_link_id=network_link_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    network_link_id: UUID,
    *,
    client: AuthenticatedClient,
    body: NetworkLinkPatch,
    if_match: str,
) -> NetworkLinkOut | Problem | None:
    """Update Network Link

     Suspend, reinstate or terminate a provider's contract for one program, or set its end date.

    Args:
        network_link_id (UUID):
        if_match (str):
        body (NetworkLinkPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NetworkLinkOut | Problem
    """

    return (
        await asyncio_detailed(
            network_link_id=network_link_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
