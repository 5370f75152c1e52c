from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.action_plan_status import ActionPlanStatus
from ...models.action_plans_list_kind_type_0 import ActionPlansListKindType0
from ...models.page_action_plan_out import PageActionPlanOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    provider_id: None | Unset | UUID = UNSET,
    status: ActionPlanStatus | None | Unset = UNSET,
    kind: ActionPlansListKindType0 | None | Unset = UNSET,
    review_id: None | Unset | UUID = UNSET,
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
    elif isinstance(status, ActionPlanStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, ActionPlansListKindType0):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_review_id: None | str | Unset
    if isinstance(review_id, Unset):
        json_review_id = UNSET
    elif isinstance(review_id, UUID):
        json_review_id = str(review_id)
    else:
        json_review_id = review_id
    params["review_id"] = json_review_id

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
        "url": "/v1/action-plans",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageActionPlanOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageActionPlanOut.from_dict(response.json())

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
) -> Response[PageActionPlanOut | Problem]:
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
    status: ActionPlanStatus | None | Unset = UNSET,
    kind: ActionPlansListKindType0 | None | Unset = UNSET,
    review_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageActionPlanOut | Problem]:
    """List Action Plans

    Args:
        provider_id (None | Unset | UUID):
        status (ActionPlanStatus | None | Unset):
        kind (ActionPlansListKindType0 | None | Unset):
        review_id (None | Unset | UUID):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageActionPlanOut | Problem]
    """

    kwargs = _get_kwargs(
        provider_id=provider_id,
        status=status,
        kind=kind,
        review_id=review_id,
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
    status: ActionPlanStatus | None | Unset = UNSET,
    kind: ActionPlansListKindType0 | None | Unset = UNSET,
    review_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageActionPlanOut | Problem | None:
    """List Action Plans

    Args:
        provider_id (None | Unset | UUID):
        status (ActionPlanStatus | None | Unset):
        kind (ActionPlansListKindType0 | None | Unset):
        review_id (None | Unset | UUID):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageActionPlanOut | Problem
    """

    return sync_detailed(
        client=client,
        provider_id=provider_id,
        status=status,
        kind=kind,
        review_id=review_id,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    provider_id: None | Unset | UUID = UNSET,
    status: ActionPlanStatus | None | Unset = UNSET,
    kind: ActionPlansListKindType0 | None | Unset = UNSET,
    review_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageActionPlanOut | Problem]:
    """List Action Plans

    Args:
        provider_id (None | Unset | UUID):
        status (ActionPlanStatus | None | Unset):
        kind (ActionPlansListKindType0 | None | Unset):
        review_id (None | Unset | UUID):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageActionPlanOut | Problem]
    """

    kwargs = _get_kwargs(
        provider_id=provider_id,
        status=status,
        kind=kind,
        review_id=review_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    provider_id: None | Unset | UUID = UNSET,
    status: ActionPlanStatus | None | Unset = UNSET,
    kind: ActionPlansListKindType0 | None | Unset = UNSET,
    review_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageActionPlanOut | Problem | None:
    """List Action Plans

    Args:
        provider_id (None | Unset | UUID):
        status (ActionPlanStatus | None | Unset):
        kind (ActionPlansListKindType0 | None | Unset):
        review_id (None | Unset | UUID):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageActionPlanOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            provider_id=provider_id,
            status=status,
            kind=kind,
            review_id=review_id,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
