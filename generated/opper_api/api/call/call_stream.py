from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.call_request import CallRequest
from ...models.error import Error
from ...types import Response, Unset


def _get_kwargs(
    *,
    body: CallRequest,
    accept: str | Unset = "text/event-stream",
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept, Unset):
        headers["Accept"] = accept

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/call/stream",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Error | str | None:
    if response.status_code == 200:
        response_200 = response.text
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

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Error | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CallRequest,
    accept: str | Unset = "text/event-stream",
) -> Response[Any | Error | str]:
    """Run a task and stream its result as Server-Sent Events

     Same request as `POST /call`. The response is a `text/event-stream`; the `data` field of every event
    is one JSON `StreamingChunk`, and events may also carry `id`, `event` and `retry` lines. `span_id`
    comes once, in an event of its own before the first delta, beside the first delta, or in the last
    event, depending on the source. Text tasks send `chunk_type: text` deltas; tasks with an
    `output_schema` send `chunk_type: json` deltas, each a piece of the value at `json_path`. A failure
    after the stream has started arrives as a chunk with `chunk_type: error`. The stream ends when the
    server closes it; there is no sentinel event.

    Args:
        accept (str | Unset):  Default: 'text/event-stream'.
        body (CallRequest): What to run. `POST /call` and `POST /call/stream` take the same body.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | str]
    """

    kwargs = _get_kwargs(
        body=body,
        accept=accept,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CallRequest,
    accept: str | Unset = "text/event-stream",
) -> Any | Error | str | None:
    """Run a task and stream its result as Server-Sent Events

     Same request as `POST /call`. The response is a `text/event-stream`; the `data` field of every event
    is one JSON `StreamingChunk`, and events may also carry `id`, `event` and `retry` lines. `span_id`
    comes once, in an event of its own before the first delta, beside the first delta, or in the last
    event, depending on the source. Text tasks send `chunk_type: text` deltas; tasks with an
    `output_schema` send `chunk_type: json` deltas, each a piece of the value at `json_path`. A failure
    after the stream has started arrives as a chunk with `chunk_type: error`. The stream ends when the
    server closes it; there is no sentinel event.

    Args:
        accept (str | Unset):  Default: 'text/event-stream'.
        body (CallRequest): What to run. `POST /call` and `POST /call/stream` take the same body.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | str
    """

    return sync_detailed(
        client=client,
        body=body,
        accept=accept,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CallRequest,
    accept: str | Unset = "text/event-stream",
) -> Response[Any | Error | str]:
    """Run a task and stream its result as Server-Sent Events

     Same request as `POST /call`. The response is a `text/event-stream`; the `data` field of every event
    is one JSON `StreamingChunk`, and events may also carry `id`, `event` and `retry` lines. `span_id`
    comes once, in an event of its own before the first delta, beside the first delta, or in the last
    event, depending on the source. Text tasks send `chunk_type: text` deltas; tasks with an
    `output_schema` send `chunk_type: json` deltas, each a piece of the value at `json_path`. A failure
    after the stream has started arrives as a chunk with `chunk_type: error`. The stream ends when the
    server closes it; there is no sentinel event.

    Args:
        accept (str | Unset):  Default: 'text/event-stream'.
        body (CallRequest): What to run. `POST /call` and `POST /call/stream` take the same body.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | str]
    """

    kwargs = _get_kwargs(
        body=body,
        accept=accept,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CallRequest,
    accept: str | Unset = "text/event-stream",
) -> Any | Error | str | None:
    """Run a task and stream its result as Server-Sent Events

     Same request as `POST /call`. The response is a `text/event-stream`; the `data` field of every event
    is one JSON `StreamingChunk`, and events may also carry `id`, `event` and `retry` lines. `span_id`
    comes once, in an event of its own before the first delta, beside the first delta, or in the last
    event, depending on the source. Text tasks send `chunk_type: text` deltas; tasks with an
    `output_schema` send `chunk_type: json` deltas, each a piece of the value at `json_path`. A failure
    after the stream has started arrives as a chunk with `chunk_type: error`. The stream ends when the
    server closes it; there is no sentinel event.

    Args:
        accept (str | Unset):  Default: 'text/event-stream'.
        body (CallRequest): What to run. `POST /call` and `POST /call/stream` take the same body.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | str
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            accept=accept,
        )
    ).parsed
