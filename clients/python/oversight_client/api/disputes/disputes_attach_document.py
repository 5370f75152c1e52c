from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.upload_in import UploadIn
from ...models.upload_out import UploadOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    dispute_id: UUID,
    *,
    body: UploadIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/disputes/{dispute_id}/documents".format(
            dispute_id=quote(str(dispute_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | UploadOut | None:
    if response.status_code == 201:
        response_201 = UploadOut.from_dict(response.json())

        return response_201

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

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | UploadOut]:
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
    body: UploadIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | UploadOut]:
    """Attach Document

     Attach a file to an open dispute: where to send the bytes (as for a requested document), then
    ``POST /v1/documents/{document_id}/complete`` verifies them and the plan sees the document.

    Args:
        dispute_id (UUID):
        idempotency_key (str | Unset):
        body (UploadIn): The file the provider is about to send; the store is told to accept
            exactly this size and type, and
            completion checks the sha256 and the real type of what arrived.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | UploadOut]
    """

    kwargs = _get_kwargs(
        dispute_id=dispute_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    dispute_id: UUID,
    *,
    client: AuthenticatedClient,
    body: UploadIn,
    idempotency_key: str | Unset = UNSET,
) -> Problem | UploadOut | None:
    """Attach Document

     Attach a file to an open dispute: where to send the bytes (as for a requested document), then
    ``POST /v1/documents/{document_id}/complete`` verifies them and the plan sees the document.

    Args:
        dispute_id (UUID):
        idempotency_key (str | Unset):
        body (UploadIn): The file the provider is about to send; the store is told to accept
            exactly this size and type, and
            completion checks the sha256 and the real type of what arrived.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | UploadOut
    """

    return sync_detailed(
        dispute_id=dispute_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    dispute_id: UUID,
    *,
    client: AuthenticatedClient,
    body: UploadIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | UploadOut]:
    """Attach Document

     Attach a file to an open dispute: where to send the bytes (as for a requested document), then
    ``POST /v1/documents/{document_id}/complete`` verifies them and the plan sees the document.

    Args:
        dispute_id (UUID):
        idempotency_key (str | Unset):
        body (UploadIn): The file the provider is about to send; the store is told to accept
            exactly this size and type, and
            completion checks the sha256 and the real type of what arrived.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | UploadOut]
    """

    kwargs = _get_kwargs(
        dispute_id=dispute_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    dispute_id: UUID,
    *,
    client: AuthenticatedClient,
    body: UploadIn,
    idempotency_key: str | Unset = UNSET,
) -> Problem | UploadOut | None:
    """Attach Document

     Attach a file to an open dispute: where to send the bytes (as for a requested document), then
    ``POST /v1/documents/{document_id}/complete`` verifies them and the plan sees the document.

    Args:
        dispute_id (UUID):
        idempotency_key (str | Unset):
        body (UploadIn): The file the provider is about to send; the store is told to accept
            exactly this size and type, and
            completion checks the sha256 and the real type of what arrived.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | UploadOut
    """

    return (
        await asyncio_detailed(
            dispute_id=dispute_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
