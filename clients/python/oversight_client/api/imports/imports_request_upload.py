from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.import_upload_in import ImportUploadIn
from ...models.import_upload_out import ImportUploadOut
from ...models.imports_request_upload_kind import ImportsRequestUploadKind
from ...models.problem import Problem
from ...types import UNSET, Response


def _get_kwargs(
    *,
    body: ImportUploadIn,
    kind: ImportsRequestUploadKind,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_kind = kind.value
    params["kind"] = json_kind

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/imports/uploads",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ImportUploadOut | Problem | None:
    if response.status_code == 200:
        response_200 = ImportUploadOut.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = ImportUploadOut.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ImportUploadOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ImportUploadIn,
    kind: ImportsRequestUploadKind,
) -> Response[ImportUploadOut | Problem]:
    """Request Upload

     A file too large for a request body (or any file): declare its format, size and sha256, send the
    bytes to ``upload`` (a presigned POST, or a signed PUT on the local-disk store), then call
    ``complete``. A file declared before answers 200 with its import (``upload`` null once it is
    stored).

    Args:
        kind (ImportsRequestUploadKind):
        body (ImportUploadIn): The file the plan is about to send straight to storage; completion
            checks that what arrived has
            exactly this size and sha256.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportUploadOut | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        kind=kind,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ImportUploadIn,
    kind: ImportsRequestUploadKind,
) -> ImportUploadOut | Problem | None:
    """Request Upload

     A file too large for a request body (or any file): declare its format, size and sha256, send the
    bytes to ``upload`` (a presigned POST, or a signed PUT on the local-disk store), then call
    ``complete``. A file declared before answers 200 with its import (``upload`` null once it is
    stored).

    Args:
        kind (ImportsRequestUploadKind):
        body (ImportUploadIn): The file the plan is about to send straight to storage; completion
            checks that what arrived has
            exactly this size and sha256.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportUploadOut | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        kind=kind,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ImportUploadIn,
    kind: ImportsRequestUploadKind,
) -> Response[ImportUploadOut | Problem]:
    """Request Upload

     A file too large for a request body (or any file): declare its format, size and sha256, send the
    bytes to ``upload`` (a presigned POST, or a signed PUT on the local-disk store), then call
    ``complete``. A file declared before answers 200 with its import (``upload`` null once it is
    stored).

    Args:
        kind (ImportsRequestUploadKind):
        body (ImportUploadIn): The file the plan is about to send straight to storage; completion
            checks that what arrived has
            exactly this size and sha256.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportUploadOut | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        kind=kind,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ImportUploadIn,
    kind: ImportsRequestUploadKind,
) -> ImportUploadOut | Problem | None:
    """Request Upload

     A file too large for a request body (or any file): declare its format, size and sha256, send the
    bytes to ``upload`` (a presigned POST, or a signed PUT on the local-disk store), then call
    ``complete``. A file declared before answers 200 with its import (``upload`` null once it is
    stored).

    Args:
        kind (ImportsRequestUploadKind):
        body (ImportUploadIn): The file the plan is about to send straight to storage; completion
            checks that what arrived has
            exactly this size and sha256.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportUploadOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            kind=kind,
        )
    ).parsed
