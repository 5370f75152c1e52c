from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.document_list import DocumentList
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    dispute_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/disputes/{dispute_id}/documents".format(
            dispute_id=quote(str(dispute_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DocumentList | Problem | None:
    if response.status_code == 200:
        response_200 = DocumentList.from_dict(response.json())

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
) -> Response[DocumentList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    dispute_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[DocumentList | Problem]:
    """List Documents

     The files attached to the dispute with their status; download an available one with
    ``POST /v1/documents/{document_id}/download`` (audited).

    Args:
        dispute_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentList | Problem]
    """

    kwargs = _get_kwargs(
        dispute_id=dispute_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    dispute_id: UUID,
    *,
    client: AuthenticatedClient,
) -> DocumentList | Problem | None:
    """List Documents

     The files attached to the dispute with their status; download an available one with
    ``POST /v1/documents/{document_id}/download`` (audited).

    Args:
        dispute_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentList | Problem
    """

    return sync_detailed(
        dispute_id=dispute_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    dispute_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[DocumentList | Problem]:
    """List Documents

     The files attached to the dispute with their status; download an available one with
    ``POST /v1/documents/{document_id}/download`` (audited).

    Args:
        dispute_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentList | Problem]
    """

    kwargs = _get_kwargs(
        dispute_id=dispute_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    dispute_id: UUID,
    *,
    client: AuthenticatedClient,
) -> DocumentList | Problem | None:
    """List Documents

     The files attached to the dispute with their status; download an available one with
    ``POST /v1/documents/{document_id}/download`` (audited).

    Args:
        dispute_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentList | Problem
    """

    return (
        await asyncio_detailed(
            dispute_id=dispute_id,
            client=client,
        )
    ).parsed
