from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.span_with_feedback import SpanWithFeedback
from ...types import Response


def _get_kwargs(
    span_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/spans/{span_id}".format(
            span_id=quote(str(span_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error | SpanWithFeedback | None:
    if response.status_code == 200:
        response_200 = SpanWithFeedback.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Error.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = cast(Any, None)
        return response_429

    if 500 <= response.status_code <= 599:
        response_5xx = cast(Any, None)
        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Error | SpanWithFeedback]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    span_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error | SpanWithFeedback]:
    """Read a span, with its feedback if any

    Args:
        span_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | SpanWithFeedback]
    """

    kwargs = _get_kwargs(
        span_id=span_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    span_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | SpanWithFeedback | None:
    """Read a span, with its feedback if any

    Args:
        span_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | SpanWithFeedback
    """

    return sync_detailed(
        span_id=span_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    span_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error | SpanWithFeedback]:
    """Read a span, with its feedback if any

    Args:
        span_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | SpanWithFeedback]
    """

    kwargs = _get_kwargs(
        span_id=span_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    span_id: UUID,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | SpanWithFeedback | None:
    """Read a span, with its feedback if any

    Args:
        span_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | SpanWithFeedback
    """

    return (
        await asyncio_detailed(
            span_id=span_id,
            client=client,
        )
    ).parsed
