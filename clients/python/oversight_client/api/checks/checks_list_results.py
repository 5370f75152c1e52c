from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.checks_list_results_rule_type_0 import ChecksListResultsRuleType0
from ...models.checks_list_results_status_type_0 import ChecksListResultsStatusType0
from ...models.page_check_result_out import PageCheckResultOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    provider_id: None | Unset | UUID = UNSET,
    member_id: None | Unset | UUID = UNSET,
    rule: ChecksListResultsRuleType0 | None | Unset = UNSET,
    status: ChecksListResultsStatusType0 | None | Unset = UNSET,
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

    json_member_id: None | str | Unset
    if isinstance(member_id, Unset):
        json_member_id = UNSET
    elif isinstance(member_id, UUID):
        json_member_id = str(member_id)
    else:
        json_member_id = member_id
    params["member_id"] = json_member_id

    json_rule: None | str | Unset
    if isinstance(rule, Unset):
        json_rule = UNSET
    elif isinstance(rule, ChecksListResultsRuleType0):
        json_rule = rule.value
    else:
        json_rule = rule
    params["rule"] = json_rule

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ChecksListResultsStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

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
        "url": "/v1/check-results",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageCheckResultOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageCheckResultOut.from_dict(response.json())

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
) -> Response[PageCheckResultOut | Problem]:
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
    member_id: None | Unset | UUID = UNSET,
    rule: ChecksListResultsRuleType0 | None | Unset = UNSET,
    status: ChecksListResultsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageCheckResultOut | Problem]:
    """List Results

    Args:
        provider_id (None | Unset | UUID):
        member_id (None | Unset | UUID):
        rule (ChecksListResultsRuleType0 | None | Unset):
        status (ChecksListResultsStatusType0 | None | Unset):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageCheckResultOut | Problem]
    """

    kwargs = _get_kwargs(
        provider_id=provider_id,
        member_id=member_id,
        rule=rule,
        status=status,
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
    member_id: None | Unset | UUID = UNSET,
    rule: ChecksListResultsRuleType0 | None | Unset = UNSET,
    status: ChecksListResultsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageCheckResultOut | Problem | None:
    """List Results

    Args:
        provider_id (None | Unset | UUID):
        member_id (None | Unset | UUID):
        rule (ChecksListResultsRuleType0 | None | Unset):
        status (ChecksListResultsStatusType0 | None | Unset):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageCheckResultOut | Problem
    """

    return sync_detailed(
        client=client,
        provider_id=provider_id,
        member_id=member_id,
        rule=rule,
        status=status,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    provider_id: None | Unset | UUID = UNSET,
    member_id: None | Unset | UUID = UNSET,
    rule: ChecksListResultsRuleType0 | None | Unset = UNSET,
    status: ChecksListResultsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageCheckResultOut | Problem]:
    """List Results

    Args:
        provider_id (None | Unset | UUID):
        member_id (None | Unset | UUID):
        rule (ChecksListResultsRuleType0 | None | Unset):
        status (ChecksListResultsStatusType0 | None | Unset):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageCheckResultOut | Problem]
    """

    kwargs = _get_kwargs(
        provider_id=provider_id,
        member_id=member_id,
        rule=rule,
        status=status,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    provider_id: None | Unset | UUID = UNSET,
    member_id: None | Unset | UUID = UNSET,
    rule: ChecksListResultsRuleType0 | None | Unset = UNSET,
    status: ChecksListResultsStatusType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageCheckResultOut | Problem | None:
    """List Results

    Args:
        provider_id (None | Unset | UUID):
        member_id (None | Unset | UUID):
        rule (ChecksListResultsRuleType0 | None | Unset):
        status (ChecksListResultsStatusType0 | None | Unset):
        limit (int | Unset): Items per page (at most 200) Default: 50.
        cursor (None | str | Unset): The next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageCheckResultOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            provider_id=provider_id,
            member_id=member_id,
            rule=rule,
            status=status,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
