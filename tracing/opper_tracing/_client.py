"""``Opper`` and ``AsyncOpper``: the clients users call.

Requests are built by the generated ``opper_api`` helpers (``_get_kwargs``) from the generated
``CallRequest`` model, and ``/call`` responses are parsed by the generated ``_parse_response``;
this module adds what the generator cannot: streaming, errors raised as exceptions, retries,
timeouts by default, and a telemetry span around every call.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Generator, Mapping, Sequence
from types import TracebackType
from typing import Any, Final, Self

import httpx

from opper_api import Client as ApiClient
from opper_api.api.call import call as call_api
from opper_api.api.call import call_stream as call_stream_api
from opper_api.models import CallRequest, CallResponse
from opper_api.types import Unset

from ._context import current_opper_span_id
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    NotFoundError,
    OpperError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._retry import RetryPolicy, parse_retry_after
from ._streaming import DEFAULT_MAX_EVENT_SIZE, AsyncStream, Item, Stream, StreamState, interrupted
from ._telemetry import CallSpan, Telemetry
from ._trace import AsyncTrace, Trace
from ._types import CallResult
from ._validation import build_call_request
from ._version import __version__

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_TIMEOUT", "AsyncOpper", "Opper"]

DEFAULT_BASE_URL: Final = "https://api.opper.ai/v2"
DEFAULT_TIMEOUT: Final = httpx.Timeout(connect=10.0, read=300.0, write=60.0, pool=30.0)
"""Model calls can take minutes, so reads may wait 300 s; connecting may not."""

_STATUS_ERRORS: Final[dict[int, type[APIStatusError]]] = {
    400: BadRequestError,
    401: AuthenticationError,
    404: NotFoundError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


class _BearerAuth(httpx.Auth):
    """Adds ``Authorization: Bearer``; its repr never shows the key."""

    def __init__(self, api_key: str) -> None:
        self._header = f"Bearer {api_key}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return "<BearerAuth ***>"


class _BaseOpper:
    """Configuration and request building shared by the sync and async clients."""

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: float | httpx.Timeout,
        max_retries: int,
        retry: RetryPolicy | None,
        max_event_size: int,
        tracer_provider: Any,
        meter_provider: Any,
        capture_content: bool | None,
        chunk_metrics: bool,
        default_headers: Mapping[str, str] | None,
    ) -> None:
        api_key = api_key or os.environ.get("OPPER_API_KEY")
        if not api_key:
            raise OpperError("no API key: pass api_key=... or set OPPER_API_KEY")
        self._api_key = api_key
        self.base_url: str = (
            base_url or os.environ.get("OPPER_BASE_URL") or DEFAULT_BASE_URL
        ).rstrip("/")
        """The API root, e.g. ``https://api.opper.ai/v2``."""
        if timeout is None:
            raise OpperError("timeout=None would wait forever; pass seconds or an httpx.Timeout")
        self.timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        """The request timeouts; ``read`` also bounds the wait between two stream events."""
        self.retry = retry if retry is not None else RetryPolicy(max_retries=max_retries)
        """The retry policy for calls, and for streams until their first chunk."""
        self.max_event_size = max_event_size
        url = httpx.URL(self.base_url)
        self._telemetry = Telemetry(
            tracer_provider=tracer_provider,
            meter_provider=meter_provider,
            capture_content=capture_content,
            chunk_metrics=chunk_metrics,
            server_address=url.host,
            server_port=url.port or (443 if url.scheme == "https" else 80),
        )
        self._headers = {"User-Agent": f"opper-tracing/{__version__}", **(default_headers or {})}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def _prepare(
        self,
        name: str,
        *,
        stream: bool,
        instructions: str | None,
        input_schema: Any,
        output_schema: Any,
        input: Any,
        model: Any,
        examples: Sequence[Any] | None,
        parent_span_id: str | uuid.UUID | None,
        tags: Mapping[str, str] | None,
        configuration: Mapping[str, Any] | None,
    ) -> tuple[CallRequest, CallSpan]:
        if parent_span_id is None:
            parent_span_id = current_opper_span_id()
        request = build_call_request(
            name,
            instructions=instructions,
            input_schema=input_schema,
            output_schema=output_schema,
            input=input,
            model=model,
            examples=examples,
            parent_span_id=parent_span_id,
            tags=tags,
            configuration=configuration,
        )
        span = self._telemetry.start(
            stream=stream,
            name=name,
            model=model,
            parent_span_id=None if parent_span_id is None else str(parent_span_id),
            tags=tags,
            has_output_schema=output_schema is not None,
            instructions=instructions,
            input=input,
        )
        return request, span

    def _status_error(self, response: httpx.Response) -> APIStatusError:
        # A server that echoes the key back must not put it into the error's body or message.
        text = response.text.replace(self._api_key, "***")
        try:
            body: Any = json.loads(text)
        except ValueError:
            body = text
        code = response.status_code
        summary = response.reason_phrase or "error"
        if isinstance(body, dict):
            parts = [str(body[key]) for key in ("type", "message") if body.get(key)]
            if body.get("detail") is not None:
                parts.append(f"detail: {body['detail']}")
            summary = ": ".join(parts) or summary
        elif isinstance(body, str) and body.strip():
            summary = body.strip()[:500]
        message = f"{code} from {response.request.url.path}: {summary}"
        cls = _STATUS_ERRORS.get(code) or (InternalServerError if code >= 500 else APIStatusError)
        return cls(
            message,
            status_code=code,
            body=body,
            headers=response.headers,
            retry_after=parse_retry_after(response.headers.get("retry-after")),
        )

    def _result(self, response: httpx.Response, api: ApiClient, span: CallSpan) -> CallResult:
        try:
            parsed = call_api._parse_response(client=api, response=response)
        except (ValueError, TypeError, KeyError) as exc:
            raise APIError(f"/call returned a body that does not match the API: {exc}") from None
        if not isinstance(parsed, CallResponse):
            raise APIError("/call returned 200 without a result body")
        result = CallResult(
            span_id=str(parsed.span_id),
            message=_value(parsed.message),
            json_payload=_value(parsed.json_payload),
            cached=_value(parsed.cached),
            usage=_mapping(parsed.usage),
            cost=_mapping(parsed.cost),
            images=_value(parsed.images),
            extra=dict(parsed.additional_properties),
        )
        span.on_opper_span_id(result.span_id)
        span.on_result(
            usage=result.usage, output_text=result.message, output_json=result.json_payload
        )
        return result


def _value(value: Any) -> Any:
    return None if isinstance(value, Unset) else value


def _mapping(value: Any) -> dict[str, Any] | None:
    value = _value(value)
    if value is None:
        return None
    return dict(value.to_dict()) if hasattr(value, "to_dict") else dict(value)


def _transport_error(exc: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"{type(exc).__name__} on {request.url.path}: timed out")
    return APIConnectionError(f"{type(exc).__name__} on {request.url.path}: {exc}")


class Opper(_BaseOpper):
    """The Opper API client.

    ::

        from opper_tracing import Opper

        with Opper() as opper:                      # api_key from OPPER_API_KEY
            result = opper.call("add_numbers", input={"x": 1, "y": 3},
                                output_schema={"type": "object",
                                               "properties": {"sum": {"type": "integer"}}})
            print(result.json_payload, result.span_id)

    Options:

    - ``api_key`` (else ``OPPER_API_KEY``), ``base_url`` (else ``OPPER_BASE_URL``, else the
      public API).
    - ``timeout``: seconds or an ``httpx.Timeout`` (default: 10 s connect, 300 s read); never
      ``None``. ``max_retries`` or a full ``retry=RetryPolicy(...)``.
    - ``transport=`` (for example ``httpx.MockTransport``) or a ready ``http_client=``; a given
      ``http_client`` gets this client's bearer auth (and its base URL, if it has none) and is
      not closed by ``close()``.
    - ``tracer_provider``/``meter_provider`` (else the global ones); ``capture_content`` to
      record instructions, input and output on spans (else
      ``OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT``); ``chunk_metrics=True`` to record
      ``gen_ai.client.operation.time_per_output_chunk`` for every streamed chunk.
    - ``max_event_size``: the largest SSE event accepted (default 16 MiB).
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        retry: RetryPolicy | None = None,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        tracer_provider: Any = None,
        meter_provider: Any = None,
        capture_content: bool | None = None,
        chunk_metrics: bool = False,
        max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            max_event_size=max_event_size,
            tracer_provider=tracer_provider,
            meter_provider=meter_provider,
            capture_content=capture_content,
            chunk_metrics=chunk_metrics,
            default_headers=default_headers,
        )
        self._owns_http = http_client is None
        if http_client is None:
            http_client = httpx.Client(
                base_url=self.base_url,
                timeout=self.timeout,
                transport=transport,
                headers=self._headers,
                follow_redirects=True,
            )
        elif not str(http_client.base_url):
            http_client.base_url = httpx.URL(self.base_url)
        http_client.auth = _BearerAuth(self._api_key)
        self._http = http_client
        self._api = ApiClient(base_url=self.base_url, timeout=self.timeout)
        self._api.set_httpx_client(http_client)

    def call(
        self,
        name: str,
        *,
        instructions: str | None = None,
        input_schema: Any = None,
        output_schema: Any = None,
        input: Any = None,
        model: Any = None,
        examples: Sequence[Any] | None = None,
        parent_span_id: str | uuid.UUID | None = None,
        tags: Mapping[str, str] | None = None,
        configuration: Mapping[str, Any] | None = None,
    ) -> CallResult:
        """Run the task ``name`` and return its whole result (``POST /call``).

        ``message`` holds a text result; with ``output_schema``, ``json_payload`` holds the
        structured one. Raises ``InvalidRequestError`` before sending when an argument is wrong,
        ``APIStatusError`` subclasses for error statuses, ``APIConnectionError`` when no
        response arrives. 429, 5xx and connect failures are retried first (see ``retry``).
        """
        request, span = self._prepare(
            name,
            stream=False,
            instructions=instructions,
            input_schema=input_schema,
            output_schema=output_schema,
            input=input,
            model=model,
            examples=examples,
            parent_span_id=parent_span_id,
            tags=tags,
            configuration=configuration,
        )
        try:
            for attempt in self.retry.sync():
                with attempt:
                    result = self._send_call(request, span)
        except BaseException as exc:
            span.finish(exc)
            raise
        span.finish()
        return result

    def _send_call(self, request: CallRequest, span: CallSpan) -> CallResult:
        kwargs = call_api._get_kwargs(body=request)
        span.inject(kwargs["headers"])
        http_request = self._http.build_request(**kwargs)
        with span.activate():
            try:
                response = self._http.send(http_request)
            except httpx.TransportError as exc:
                raise _transport_error(exc, http_request) from exc
        if response.status_code != 200:
            raise self._status_error(response)
        return self._result(response, self._api, span)

    def stream(
        self,
        name: str,
        *,
        instructions: str | None = None,
        input_schema: Any = None,
        output_schema: Any = None,
        input: Any = None,
        model: Any = None,
        examples: Sequence[Any] | None = None,
        parent_span_id: str | uuid.UUID | None = None,
        tags: Mapping[str, str] | None = None,
        configuration: Mapping[str, Any] | None = None,
    ) -> Stream:
        """Run the task ``name`` and stream its result (``POST /call/stream``).

        Returns once the server has started the stream (its first event has arrived); iterate
        the ``Stream`` for chunks. Errors before that point are raised here and retried like
        ``call()``; nothing is retried after it, so output is never duplicated.
        """
        request, span = self._prepare(
            name,
            stream=True,
            instructions=instructions,
            input_schema=input_schema,
            output_schema=output_schema,
            input=input,
            model=model,
            examples=examples,
            parent_span_id=parent_span_id,
            tags=tags,
            configuration=configuration,
        )
        try:
            for attempt in self.retry.sync():
                with attempt:
                    stream = self._open_stream(request, span)
        except BaseException as exc:
            span.finish(exc)
            raise
        return stream

    def _open_stream(self, request: CallRequest, span: CallSpan) -> Stream:
        kwargs = call_stream_api._get_kwargs(body=request)
        span.inject(kwargs["headers"])
        http_request = self._http.build_request(**kwargs)
        with span.activate():
            try:
                response = self._http.send(http_request, stream=True)
            except httpx.TransportError as exc:
                raise _transport_error(exc, http_request) from exc
        try:
            if response.status_code != 200:
                response.read()
                raise self._status_error(response)
            state = StreamState(max_event_size=self.max_event_size)
            chunks = response.iter_bytes()
            pending: list[Item] = []
            while not pending:
                try:
                    data = next(chunks)
                except StopIteration:
                    pending.extend(state.flush())
                    break
                except httpx.HTTPError as exc:
                    raise interrupted(state, exc) from exc
                pending.extend(state.feed(data))
        except BaseException:
            response.close()
            raise
        return Stream(response=response, chunks=chunks, state=state, pending=pending, span=span)

    def trace(
        self,
        name: str,
        *,
        input: Any = None,
        meta: Mapping[str, Any] | None = None,
        tags: Mapping[str, Any] | None = None,
    ) -> Trace:
        """Group the calls in a block (or a decorated function) under one span, in Opper and in
        OpenTelemetry at once::

            with opper.trace("checkout-flow", input=order) as span:
                opper.call("classify", input=order)    # nests under span in both systems
        """
        return Trace(
            api=self._api, telemetry=self._telemetry, name=name, input=input, meta=meta, tags=tags
        )

    def close(self) -> None:
        """Close the HTTP client if this client created it."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncOpper(_BaseOpper):
    """The async twin of ``Opper``::

    async with AsyncOpper() as opper:
        result = await opper.call("add_numbers", input={"x": 1, "y": 3})
        async with await opper.stream("summarise", input=text) as stream:
            async for chunk in stream:
                print(chunk.delta, end="")
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        retry: RetryPolicy | None = None,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        tracer_provider: Any = None,
        meter_provider: Any = None,
        capture_content: bool | None = None,
        chunk_metrics: bool = False,
        max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            retry=retry,
            max_event_size=max_event_size,
            tracer_provider=tracer_provider,
            meter_provider=meter_provider,
            capture_content=capture_content,
            chunk_metrics=chunk_metrics,
            default_headers=default_headers,
        )
        self._owns_http = http_client is None
        if http_client is None:
            http_client = httpx.AsyncClient(
                base_url=self.base_url,
                timeout=self.timeout,
                transport=transport,
                headers=self._headers,
                follow_redirects=True,
            )
        elif not str(http_client.base_url):
            http_client.base_url = httpx.URL(self.base_url)
        http_client.auth = _BearerAuth(self._api_key)
        self._http = http_client
        self._api = ApiClient(base_url=self.base_url, timeout=self.timeout)
        self._api.set_async_httpx_client(http_client)

    async def call(
        self,
        name: str,
        *,
        instructions: str | None = None,
        input_schema: Any = None,
        output_schema: Any = None,
        input: Any = None,
        model: Any = None,
        examples: Sequence[Any] | None = None,
        parent_span_id: str | uuid.UUID | None = None,
        tags: Mapping[str, str] | None = None,
        configuration: Mapping[str, Any] | None = None,
    ) -> CallResult:
        """Run the task ``name`` and return its whole result; see ``Opper.call``."""
        request, span = self._prepare(
            name,
            stream=False,
            instructions=instructions,
            input_schema=input_schema,
            output_schema=output_schema,
            input=input,
            model=model,
            examples=examples,
            parent_span_id=parent_span_id,
            tags=tags,
            configuration=configuration,
        )
        try:
            async for attempt in self.retry.asynchronous():
                with attempt:
                    result = await self._send_call(request, span)
        except BaseException as exc:
            span.finish(exc)
            raise
        span.finish()
        return result

    async def _send_call(self, request: CallRequest, span: CallSpan) -> CallResult:
        kwargs = call_api._get_kwargs(body=request)
        span.inject(kwargs["headers"])
        http_request = self._http.build_request(**kwargs)
        with span.activate():
            try:
                response = await self._http.send(http_request)
            except httpx.TransportError as exc:
                raise _transport_error(exc, http_request) from exc
        if response.status_code != 200:
            raise self._status_error(response)
        return self._result(response, self._api, span)

    async def stream(
        self,
        name: str,
        *,
        instructions: str | None = None,
        input_schema: Any = None,
        output_schema: Any = None,
        input: Any = None,
        model: Any = None,
        examples: Sequence[Any] | None = None,
        parent_span_id: str | uuid.UUID | None = None,
        tags: Mapping[str, str] | None = None,
        configuration: Mapping[str, Any] | None = None,
    ) -> AsyncStream:
        """Run the task ``name`` and stream its result; see ``Opper.stream``."""
        request, span = self._prepare(
            name,
            stream=True,
            instructions=instructions,
            input_schema=input_schema,
            output_schema=output_schema,
            input=input,
            model=model,
            examples=examples,
            parent_span_id=parent_span_id,
            tags=tags,
            configuration=configuration,
        )
        try:
            async for attempt in self.retry.asynchronous():
                with attempt:
                    stream = await self._open_stream(request, span)
        except BaseException as exc:
            span.finish(exc)
            raise
        return stream

    async def _open_stream(self, request: CallRequest, span: CallSpan) -> AsyncStream:
        kwargs = call_stream_api._get_kwargs(body=request)
        span.inject(kwargs["headers"])
        http_request = self._http.build_request(**kwargs)
        with span.activate():
            try:
                response = await self._http.send(http_request, stream=True)
            except httpx.TransportError as exc:
                raise _transport_error(exc, http_request) from exc
        try:
            if response.status_code != 200:
                await response.aread()
                raise self._status_error(response)
            state = StreamState(max_event_size=self.max_event_size)
            chunks = response.aiter_bytes()
            pending: list[Item] = []
            while not pending:
                try:
                    data = await anext(chunks)
                except StopAsyncIteration:
                    pending.extend(state.flush())
                    break
                except httpx.HTTPError as exc:
                    raise interrupted(state, exc) from exc
                pending.extend(state.feed(data))
        except BaseException:
            await response.aclose()
            raise
        return AsyncStream(
            response=response, chunks=chunks, state=state, pending=pending, span=span
        )

    def trace(
        self,
        name: str,
        *,
        input: Any = None,
        meta: Mapping[str, Any] | None = None,
        tags: Mapping[str, Any] | None = None,
    ) -> AsyncTrace:
        """Group calls under one span in Opper and OpenTelemetry; see ``Opper.trace``::

        async with opper.trace("checkout-flow") as span: ...
        """
        return AsyncTrace(
            api=self._api, telemetry=self._telemetry, name=name, input=input, meta=meta, tags=tags
        )

    async def aclose(self) -> None:
        """Close the HTTP client if this client created it."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
