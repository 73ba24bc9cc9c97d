from http import HTTPStatus
from typing import Any, cast
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_open_response_x_opper_guard_action import (
    CreateOpenResponseXOpperGuardAction,
)
from ...models.error_response import ErrorResponse
from ...models.or_request import ORRequest
from ...models.or_response import ORResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ORRequest,
    x_opper_name: str | Unset = UNSET,
    x_opper_parent_span_id: UUID | Unset = UNSET,
    x_opper_guard_input: str | Unset = UNSET,
    x_opper_guard_output: str | Unset = UNSET,
    x_opper_guard_action: CreateOpenResponseXOpperGuardAction | Unset = CreateOpenResponseXOpperGuardAction.FLAG,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_opper_name, Unset):
        headers["X-Opper-Name"] = x_opper_name

    if not isinstance(x_opper_parent_span_id, Unset):
        headers["X-Opper-Parent-Span-Id"] = x_opper_parent_span_id

    if not isinstance(x_opper_guard_input, Unset):
        headers["X-Opper-Guard-Input"] = x_opper_guard_input

    if not isinstance(x_opper_guard_output, Unset):
        headers["X-Opper-Guard-Output"] = x_opper_guard_output

    if not isinstance(x_opper_guard_action, Unset):
        headers["X-Opper-Guard-Action"] = str(x_opper_guard_action)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/compat/openresponses",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorResponse | ORResponse | None:
    if response.status_code == 200:
        response_200 = ORResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = cast(Any, None)
        return response_401

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ErrorResponse | ORResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ORRequest,
    x_opper_name: str | Unset = UNSET,
    x_opper_parent_span_id: UUID | Unset = UNSET,
    x_opper_guard_input: str | Unset = UNSET,
    x_opper_guard_output: str | Unset = UNSET,
    x_opper_guard_action: CreateOpenResponseXOpperGuardAction | Unset = CreateOpenResponseXOpperGuardAction.FLAG,
) -> Response[Any | ErrorResponse | ORResponse]:
    """OpenResponses API

     OpenResponses-compatible endpoint with multi-provider support and opper: extension items.

    Args:
        x_opper_name (str | Unset):
        x_opper_parent_span_id (UUID | Unset):
        x_opper_guard_input (str | Unset):
        x_opper_guard_output (str | Unset):
        x_opper_guard_action (CreateOpenResponseXOpperGuardAction | Unset):  Default:
            CreateOpenResponseXOpperGuardAction.FLAG.
        body (ORRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | ORResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        x_opper_name=x_opper_name,
        x_opper_parent_span_id=x_opper_parent_span_id,
        x_opper_guard_input=x_opper_guard_input,
        x_opper_guard_output=x_opper_guard_output,
        x_opper_guard_action=x_opper_guard_action,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ORRequest,
    x_opper_name: str | Unset = UNSET,
    x_opper_parent_span_id: UUID | Unset = UNSET,
    x_opper_guard_input: str | Unset = UNSET,
    x_opper_guard_output: str | Unset = UNSET,
    x_opper_guard_action: CreateOpenResponseXOpperGuardAction | Unset = CreateOpenResponseXOpperGuardAction.FLAG,
) -> Any | ErrorResponse | ORResponse | None:
    """OpenResponses API

     OpenResponses-compatible endpoint with multi-provider support and opper: extension items.

    Args:
        x_opper_name (str | Unset):
        x_opper_parent_span_id (UUID | Unset):
        x_opper_guard_input (str | Unset):
        x_opper_guard_output (str | Unset):
        x_opper_guard_action (CreateOpenResponseXOpperGuardAction | Unset):  Default:
            CreateOpenResponseXOpperGuardAction.FLAG.
        body (ORRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | ORResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        x_opper_name=x_opper_name,
        x_opper_parent_span_id=x_opper_parent_span_id,
        x_opper_guard_input=x_opper_guard_input,
        x_opper_guard_output=x_opper_guard_output,
        x_opper_guard_action=x_opper_guard_action,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ORRequest,
    x_opper_name: str | Unset = UNSET,
    x_opper_parent_span_id: UUID | Unset = UNSET,
    x_opper_guard_input: str | Unset = UNSET,
    x_opper_guard_output: str | Unset = UNSET,
    x_opper_guard_action: CreateOpenResponseXOpperGuardAction | Unset = CreateOpenResponseXOpperGuardAction.FLAG,
) -> Response[Any | ErrorResponse | ORResponse]:
    """OpenResponses API

     OpenResponses-compatible endpoint with multi-provider support and opper: extension items.

    Args:
        x_opper_name (str | Unset):
        x_opper_parent_span_id (UUID | Unset):
        x_opper_guard_input (str | Unset):
        x_opper_guard_output (str | Unset):
        x_opper_guard_action (CreateOpenResponseXOpperGuardAction | Unset):  Default:
            CreateOpenResponseXOpperGuardAction.FLAG.
        body (ORRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse | ORResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        x_opper_name=x_opper_name,
        x_opper_parent_span_id=x_opper_parent_span_id,
        x_opper_guard_input=x_opper_guard_input,
        x_opper_guard_output=x_opper_guard_output,
        x_opper_guard_action=x_opper_guard_action,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ORRequest,
    x_opper_name: str | Unset = UNSET,
    x_opper_parent_span_id: UUID | Unset = UNSET,
    x_opper_guard_input: str | Unset = UNSET,
    x_opper_guard_output: str | Unset = UNSET,
    x_opper_guard_action: CreateOpenResponseXOpperGuardAction | Unset = CreateOpenResponseXOpperGuardAction.FLAG,
) -> Any | ErrorResponse | ORResponse | None:
    """OpenResponses API

     OpenResponses-compatible endpoint with multi-provider support and opper: extension items.

    Args:
        x_opper_name (str | Unset):
        x_opper_parent_span_id (UUID | Unset):
        x_opper_guard_input (str | Unset):
        x_opper_guard_output (str | Unset):
        x_opper_guard_action (CreateOpenResponseXOpperGuardAction | Unset):  Default:
            CreateOpenResponseXOpperGuardAction.FLAG.
        body (ORRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse | ORResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_opper_name=x_opper_name,
            x_opper_parent_span_id=x_opper_parent_span_id,
            x_opper_guard_input=x_opper_guard_input,
            x_opper_guard_output=x_opper_guard_output,
            x_opper_guard_action=x_opper_guard_action,
        )
    ).parsed
