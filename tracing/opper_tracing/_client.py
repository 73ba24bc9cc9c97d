"""``Opper`` and ``AsyncOpper``: the clients users call.

What the two share lives once in ``_BaseOpper``: configuration, building a request from the
generated ``_get_kwargs`` and ``CallRequestParams``, starting its span, parsing a ``/call``
result, ``with_options``. Auth, retries and status errors are the transport stack's
(``_transport``), so they apply alike to ``call()``, ``stream()``, ``trace()`` and every
generated operation run through ``opper.api``. Only the sends are twinned.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import uuid
import weakref
from collections.abc import Mapping
from types import ModuleType, TracebackType
from typing import Any, Final, Generic, Self, TypeVar, Unpack

import httpx

from opper_api.api.call import CallRequestParams
from opper_api.api.call import call as call_api
from opper_api.api.call import call_stream as call_stream_api
from opper_api.client import AuthenticatedClient
from opper_api.models import CallRequest, Cost, Usage
from opper_api.types import Unset

from ._assembly import OUTPUT_SCHEMA
from ._context import current_opper_span_id
from ._exceptions import APIResponseError, InvalidRequestError, OpperError, excerpt
from ._namespaces import TAGS, AsyncNamespace, Namespace
from ._params import build_call_body, check_keywords
from ._pool import default_async_transport, default_sync_transport
from ._retry import RetryPolicy
from ._streaming import DEFAULT_MAX_EVENT_SIZE, AsyncStream, AsyncStreamManager, Stream
from ._telemetry import CallSpan, Telemetry
from ._trace import AsyncTrace, Trace
from ._transport import (
    TRACED,
    AsyncClientTransport,
    AsyncOpperTransport,
    ClientTransport,
    OpperTransport,
    connection_error,
)
from ._types import CallResult, OutputT
from ._usage import AsyncUsageFetcher, UsageFetcher
from ._version import __version__

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_TIMEOUT", "AsyncOpper", "Opper"]

DEFAULT_BASE_URL: Final = "https://api.opper.ai/v2"
DEFAULT_TIMEOUT: Final = httpx.Timeout(connect=10.0, read=300.0, write=60.0, pool=30.0)
"""Model calls can take minutes, so reads may wait 300 s; connecting may not."""

Timeout = float | httpx.Timeout | None
_HttpT = TypeVar("_HttpT", httpx.Client, httpx.AsyncClient)
_TransportT = TypeVar("_TransportT", httpx.BaseTransport, httpx.AsyncBaseTransport)
Schema = Mapping[str, Any] | type | None


def _checked_base_url(base_url: str | None) -> str:
    """``base_url``, else ``OPPER_BASE_URL``, else the default, without a trailing slash.

    Checked here so a typo fails at construction, naming the problem, not at the first call.
    """
    source = "base_url"
    if not base_url:
        base_url, source = os.environ.get("OPPER_BASE_URL"), "OPPER_BASE_URL"
    if not base_url:
        return DEFAULT_BASE_URL
    try:
        url = httpx.URL(base_url)
        port = url.port
    except (httpx.InvalidURL, TypeError) as exc:
        problem = str(exc)
    else:
        if url.scheme not in ("http", "https"):
            problem = "it does not start with http:// or https://"
        elif not url.host:
            problem = "it has no host"
        elif port is not None and not 0 < port < 65536:
            problem = f"port {port} is out of range"
        else:
            return base_url.rstrip("/")
    raise InvalidRequestError(
        f"{source} {base_url!r} is not an API root URL: {problem} (e.g. {DEFAULT_BASE_URL})"
    )


def _output_type(schema: Any) -> Any:
    """The Python type results are validated into: ``output_schema`` when it is a type."""
    return None if schema is None or isinstance(schema, Mapping) else schema


class _Api(AuthenticatedClient):
    """The generated client, wired to this client's transport stack (auth, retries, errors,
    spans). Its ``token`` is a placeholder: the key is added per request by the stack."""

    def __init__(self, base_url: str, http: httpx.Client | httpx.AsyncClient) -> None:
        super().__init__(base_url=base_url, token="(added per request)")
        self._http = http
        if isinstance(http, httpx.Client):
            self.set_httpx_client(http)
        else:
            self.set_async_httpx_client(http)

    def get_httpx_client(self) -> httpx.Client:
        if not isinstance(self._http, httpx.Client):
            raise OpperError("AsyncOpper.api runs asyncio()/asyncio_detailed(); use Opper")
        return self._http

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        if not isinstance(self._http, httpx.AsyncClient):
            raise OpperError("Opper.api runs sync()/sync_detailed(); use AsyncOpper for asyncio()")
        return self._http

    def __repr__(self) -> str:
        return f"<opper api {self._base_url}>"


class _BaseOpper(Generic[_HttpT, _TransportT]):
    """Configuration and request building shared by the sync and async clients."""

    _http: _HttpT
    _inner: _TransportT
    _streams: weakref.WeakSet[Any]
    """The streams this client opened that may still be open, for ``close()`` to end."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        retry: RetryPolicy | None = None,
        http_client: _HttpT | None = None,
        transport: _TransportT | None = None,
        tracer_provider: Any = None,
        meter_provider: Any = None,
        capture_content: bool | None = None,
        chunk_metrics: bool = False,
        stream_usage: bool = False,
        max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        api_key = api_key or os.environ.get("OPPER_API_KEY")
        if not api_key:
            raise OpperError("no API key: pass api_key=... or set OPPER_API_KEY")
        self._api_key = api_key
        self.base_url: str = _checked_base_url(base_url)
        """The API root, e.g. ``https://api.opper.ai/v2``."""
        if timeout is None:
            raise OpperError("timeout=None would wait forever; pass seconds or an httpx.Timeout")
        self.timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        """The request timeouts; ``read`` also bounds the wait between two stream events."""
        self.retry = retry if retry is not None else RetryPolicy(max_retries=max_retries)
        """The retry policy: 429, 5xx and failed connects, until a 2xx answer arrives."""
        self.max_event_size = max_event_size
        self.stream_usage = stream_usage
        """Fetch each drained stream's usage and cost (two requests; see ``_usage``)."""
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
        self._owns_pool = http_client is None
        self._inner = self._pool(http_client, transport)
        self._connect()

    def _pool(self, http_client: _HttpT | None, transport: _TransportT | None) -> _TransportT:
        """What really sends: the given transport, the given client, or a new pool."""
        raise NotImplementedError

    def _connect(self) -> None:
        """Build this client's transport stack, HTTP client and ``api`` over ``_inner``."""
        raise NotImplementedError

    def with_options(
        self, *, timeout: float | httpx.Timeout | None = None, max_retries: int | None = None
    ) -> Self:
        """A copy with other defaults that shares this client's connection pool::

        patient = opper.with_options(timeout=600, max_retries=5)
        """
        clone = copy.copy(self)
        if timeout is not None:
            clone.timeout = (
                timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
            )
        if max_retries is not None:
            clone.retry = dataclasses.replace(self.retry, max_retries=max_retries)
        clone._owns_pool = False
        clone._connect()
        return clone

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def _stack_config(self) -> dict[str, Any]:
        return {
            "api_key": self._api_key,
            "base_url": httpx.URL(self.base_url),
            "retry": self.retry,
            "tracer": self._telemetry.tracer,
        }

    def _client_args(self) -> dict[str, Any]:
        return {
            "base_url": self.base_url,
            "timeout": self.timeout,
            "headers": self._headers,
            "follow_redirects": True,
        }

    def _prepare(
        self,
        operation: ModuleType,
        name: str,
        params: Mapping[str, Any],
        *,
        stream: bool,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, Any] | None,
        extra_body: Mapping[str, Any] | None,
        timeout: Timeout,
        http: httpx.Client | httpx.AsyncClient,
        validate_input: bool = True,
    ) -> tuple[httpx.Request, CallSpan]:
        check_keywords(params, "stream" if stream else "call")
        if params.get("parent_span_id") is None:
            params = {**params, "parent_span_id": current_opper_span_id()}
        body = build_call_body(name, params, extra_body, validate_input=validate_input)
        kwargs = operation._get_kwargs(body=CallRequest.from_dict(body))
        span = self._telemetry.start(stream=stream, body=body)
        headers: dict[str, str] = kwargs["headers"]
        span.inject(headers)
        if extra_headers:
            headers.update(extra_headers)
        if not any(key.lower() == "idempotency-key" for key in headers):
            # One key per call, set on the request the transport resends, so every retry of
            # this call carries the same one and a server that honours it runs the task once.
            headers["Idempotency-Key"] = str(uuid.uuid4())
        request = http.build_request(
            **kwargs,
            params=extra_query,
            timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT,
            extensions={TRACED: True, OUTPUT_SCHEMA: body.get("output_schema")},
        )
        return request, span

    def _result(
        self, response: httpx.Response, span: CallSpan, output_type: Any
    ) -> CallResult[Any]:
        try:
            result: CallResult[Any] = CallResult.from_dict(response.json())
        except (ValueError, TypeError, KeyError) as exc:
            problem = excerpt(str(exc), self._api_key, 300)
            raise APIResponseError(
                f"{response.status_code} from {response.request.method} "
                f"{response.request.url.path}: the body does not match the API: {problem}",
                status_code=response.status_code,
                content_type=response.headers.get("content-type"),
                body=excerpt(response.text, self._api_key, 200),
            ) from None
        span.on_opper_span_id(str(result.span_id))
        text = None if isinstance(result.message, Unset) else result.message
        data = None if isinstance(result.json_payload, Unset) else result.json_payload
        usage = result.usage.to_dict() if isinstance(result.usage, Usage) else None
        cost = result.cost.to_dict() if isinstance(result.cost, Cost) else None
        span.on_result(usage=usage, cost=cost, output_text=text, output_json=data)
        if output_type is not None:
            result._output_type = output_type
        return result


_CALL_DOC: Final = """Run the task ``name`` and return its whole result (``POST /call``).

        Keywords are the properties of ``CallRequest`` in ``openapi.yaml`` (``instructions``,
        ``input``, ``model``, ``examples``, ``parent_span_id``, ``tags``, ``configuration``...);
        ``input_schema``/``output_schema`` may be JSON Schema dicts or pydantic models,
        dataclasses and TypedDicts. ``input`` is checked against ``input_schema`` before
        sending, more strictly than the server (which checks only with the configuration key
        ``beta.invocation.input_validation.enabled``); ``validate_input=False`` skips that.
        Per request: ``extra_headers``, ``extra_query``, ``extra_body`` (sent as given, for keys
        the spec does not know yet) and ``timeout``.

        ``result.message`` holds a text result; with ``output_schema``, ``result.json_payload``
        the structured one (``result.output`` is whichever is set). Raises ``TypeError`` for an
        unknown keyword and ``InvalidRequestError`` for a bad value, before sending;
        ``APIStatusError`` subclasses for error statuses, ``APIConnectionError`` when no response
        arrives. 429, 5xx and connect failures are retried first (see ``retry``).
        """


class Opper(_BaseOpper[httpx.Client, httpx.BaseTransport]):
    """The Opper API client.

    ::

        from opper_tracing import Opper

        with Opper() as opper:                      # api_key from OPPER_API_KEY
            result = opper.call("add_numbers", input={"x": 1, "y": 3},
                                output_schema={"type": "object",
                                               "properties": {"sum": {"type": "integer"}}})
            print(result.json_payload, result.span_id)
            span = get_span.sync(result.span_id, client=opper.api)   # any generated operation

    Options:

    - ``api_key`` (else ``OPPER_API_KEY``), ``base_url`` (else ``OPPER_BASE_URL``, else the
      public API).
    - ``timeout``: seconds or an ``httpx.Timeout`` (default: 10 s connect, 300 s read); never
      ``None``. ``max_retries`` or a full ``retry=RetryPolicy(...)``.
    - ``transport=`` (for example ``httpx.MockTransport``) or a ready ``http_client=``: requests
      are sent through it, and it is never changed (no auth, base URL or headers are set on it)
      nor closed by ``close()``.
    - ``tracer_provider``/``meter_provider`` (else the global ones); ``capture_content`` to
      record instructions, input and output on spans (else
      ``OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT``); ``chunk_metrics=True`` to record
      ``gen_ai.client.operation.time_per_output_chunk`` for every streamed chunk;
      ``stream_usage=True`` to fetch each drained stream's usage and cost after it ends (two
      more requests per stream; ``stream.usage``/``stream.cost`` and the span get them).
    - ``max_event_size``: the largest SSE event accepted (default 16 MiB).
    """

    def _pool(
        self, http_client: httpx.Client | None, transport: httpx.BaseTransport | None
    ) -> httpx.BaseTransport:
        if http_client is not None:
            return ClientTransport(http_client)
        return transport or default_sync_transport(self.base_url)

    def _connect(self) -> None:
        self._streams = weakref.WeakSet()
        stack = OpperTransport(self._inner, **self._stack_config())
        self._http = httpx.Client(transport=stack, **self._client_args())
        self.api = _Api(self.base_url, self._http)
        # opper.spans, .traces, .functions, .models: the generated operations of each tag.
        self.spans, self.traces, self.functions, self.models = (
            Namespace(self, tag) for tag in TAGS
        )
        """The generated client, for any operation of ``openapi.yaml``::

            from opper_api.api.spans import get_span
            span = get_span.sync(span_id, client=opper.api)
        """
        self._usage = (
            UsageFetcher(self._http, self._inner, self.api, self._stack_config())
            if self.stream_usage
            else None
        )

    def call(
        self,
        name: str,
        /,
        *,
        input_schema: Schema = None,
        output_schema: type[OutputT] | Mapping[str, Any] | None = None,
        validate_input: bool = True,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: Timeout = None,
        **params: Unpack[CallRequestParams],
    ) -> CallResult[OutputT]:
        request, span = self._prepare(
            call_api,
            name,
            {**params, "input_schema": input_schema, "output_schema": output_schema},
            stream=False,
            validate_input=validate_input,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            http=self._http,
        )
        try:
            with span.activate():
                try:
                    response = self._http.send(request)
                except httpx.TransportError as exc:
                    raise connection_error(exc, request, self._api_key) from exc
            result = self._result(response, span, _output_type(output_schema))
        except BaseException as exc:
            span.finish(exc)
            raise
        span.finish()
        return result

    call.__doc__ = _CALL_DOC

    def stream(
        self,
        name: str,
        /,
        *,
        input_schema: Schema = None,
        output_schema: type[OutputT] | Mapping[str, Any] | None = None,
        validate_input: bool = True,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: Timeout = None,
        **params: Unpack[CallRequestParams],
    ) -> Stream[OutputT]:
        """Run the task ``name`` and stream its result (``POST /call/stream``).

        Takes the keywords of ``call()``. Returns once the server has started the stream (its
        first event has arrived); iterate the ``Stream`` for chunks. Error statuses are retried
        like ``call()``; nothing is sent again once a 2xx answer arrived, so output is never
        duplicated.
        """
        request, span = self._prepare(
            call_stream_api,
            name,
            {**params, "input_schema": input_schema, "output_schema": output_schema},
            stream=True,
            validate_input=validate_input,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            http=self._http,
        )
        return self._open_stream(request, span, _output_type(output_schema))

    def _open_stream(self, request: httpx.Request, span: CallSpan, output_type: Any) -> Stream[Any]:
        """Send a prepared stream request and read up to its first event (``opper.functions``
        streams come through here too)."""
        try:
            with span.activate():
                try:
                    response = self._http.send(request, stream=True)
                except httpx.TransportError as exc:
                    raise connection_error(exc, request, self._api_key) from exc
        except BaseException as exc:
            span.finish(exc)
            raise
        stream: Stream[Any] = Stream(
            response,
            span,
            max_event_size=self.max_event_size,
            output_type=output_type,
            secret=self._api_key,
            usage=self._usage,
        )
        self._streams.add(stream)
        return stream.start()

    def trace(
        self,
        name: str,
        *,
        input: Any = None,
        meta: Mapping[str, Any] | None = None,
        tags: Mapping[str, Any] | None = None,
        session_id: str | None = None,
        user_id: str | None = None,
    ) -> Trace:
        """Group the calls in a block (or a decorated function) under one span, in Opper and in
        OpenTelemetry at once; ``session_id``/``user_id`` label it and every call inside::

            with opper.trace("checkout-flow", input=order, session_id="chat-42") as span:
                opper.call("classify", input=order)    # nests under span in both systems
        """
        return Trace(
            api=self.api,
            telemetry=self._telemetry,
            name=name,
            input=input,
            meta=meta,
            tags=tags,
            session_id=session_id,
            user_id=user_id,
        )

    def close(self) -> None:
        """Close the streams this client opened that are still open (each ends as by its own
        ``close()``: ``completed`` false, its span ended), then the connections, unless they
        belong to a given ``http_client`` or to the client this one was copied from by
        ``with_options``."""
        for stream in list(self._streams):
            stream.close()
        self._http.close()
        if self._owns_pool:
            self._inner.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncOpper(_BaseOpper[httpx.AsyncClient, httpx.AsyncBaseTransport]):
    """The async twin of ``Opper``::

    async with AsyncOpper() as opper:
        result = await opper.call("add_numbers", input={"x": 1, "y": 3})
        async with await opper.stream("summarise", input=text) as stream:
            async for chunk in stream:
                print(chunk.delta, end="")
        span = await get_span.asyncio(result.span_id, client=opper.api)
    """

    def _pool(
        self, http_client: httpx.AsyncClient | None, transport: httpx.AsyncBaseTransport | None
    ) -> httpx.AsyncBaseTransport:
        if http_client is not None:
            return AsyncClientTransport(http_client)
        return transport or default_async_transport(self.base_url)

    def _connect(self) -> None:
        self._streams = weakref.WeakSet()
        stack = AsyncOpperTransport(self._inner, **self._stack_config())
        self._http = httpx.AsyncClient(transport=stack, **self._client_args())
        self.api = _Api(self.base_url, self._http)
        self.spans, self.traces, self.functions, self.models = (
            AsyncNamespace(self, tag) for tag in TAGS
        )
        """The generated client, for any operation of ``openapi.yaml``::

            span = await get_span.asyncio(span_id, client=opper.api)
        """
        self._usage_async = (
            AsyncUsageFetcher(self._http, self._inner, self.api, self._stack_config())
            if self.stream_usage
            else None
        )

    async def call(
        self,
        name: str,
        /,
        *,
        input_schema: Schema = None,
        output_schema: type[OutputT] | Mapping[str, Any] | None = None,
        validate_input: bool = True,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: Timeout = None,
        **params: Unpack[CallRequestParams],
    ) -> CallResult[OutputT]:
        request, span = self._prepare(
            call_api,
            name,
            {**params, "input_schema": input_schema, "output_schema": output_schema},
            stream=False,
            validate_input=validate_input,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            http=self._http,
        )
        try:
            with span.activate():
                try:
                    response = await self._http.send(request)
                except httpx.TransportError as exc:
                    raise connection_error(exc, request, self._api_key) from exc
            result = self._result(response, span, _output_type(output_schema))
        except BaseException as exc:
            span.finish(exc)
            raise
        span.finish()
        return result

    call.__doc__ = _CALL_DOC

    def stream(
        self,
        name: str,
        /,
        *,
        input_schema: Schema = None,
        output_schema: type[OutputT] | Mapping[str, Any] | None = None,
        validate_input: bool = True,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: Timeout = None,
        **params: Unpack[CallRequestParams],
    ) -> AsyncStreamManager[OutputT]:
        """Run the task ``name`` and stream its result; see ``Opper.stream``. Use it as
        ``async with opper.stream(...) as stream:`` or ``stream = await opper.stream(...)``."""
        return AsyncStreamManager(
            lambda: self._stream(
                name,
                params,
                input_schema=input_schema,
                output_schema=output_schema,
                validate_input=validate_input,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
            )
        )

    async def _stream(
        self,
        name: str,
        params: Mapping[str, Any],
        *,
        input_schema: Schema,
        output_schema: Any,
        validate_input: bool,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, Any] | None,
        extra_body: Mapping[str, Any] | None,
        timeout: Timeout,
    ) -> AsyncStream[Any]:
        request, span = self._prepare(
            call_stream_api,
            name,
            {**params, "input_schema": input_schema, "output_schema": output_schema},
            stream=True,
            validate_input=validate_input,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            http=self._http,
        )
        return await self._open_stream(request, span, _output_type(output_schema))

    async def _open_stream(
        self, request: httpx.Request, span: CallSpan, output_type: Any
    ) -> AsyncStream[Any]:
        """Send a prepared stream request and read up to its first event."""
        try:
            with span.activate():
                try:
                    response = await self._http.send(request, stream=True)
                except httpx.TransportError as exc:
                    raise connection_error(exc, request, self._api_key) from exc
        except BaseException as exc:
            span.finish(exc)
            raise
        stream: AsyncStream[Any] = AsyncStream(
            response,
            span,
            max_event_size=self.max_event_size,
            output_type=output_type,
            secret=self._api_key,
            usage=self._usage_async,
        )
        self._streams.add(stream)
        return await stream.start()

    def trace(
        self,
        name: str,
        *,
        input: Any = None,
        meta: Mapping[str, Any] | None = None,
        tags: Mapping[str, Any] | None = None,
        session_id: str | None = None,
        user_id: str | None = None,
    ) -> AsyncTrace:
        """Group calls under one span in Opper and OpenTelemetry; see ``Opper.trace``::

        async with opper.trace("checkout-flow", session_id="chat-42") as span: ...
        """
        return AsyncTrace(
            api=self.api,
            telemetry=self._telemetry,
            name=name,
            input=input,
            meta=meta,
            tags=tags,
            session_id=session_id,
            user_id=user_id,
        )

    async def aclose(self) -> None:
        """Close the streams still open, then the connections; see ``Opper.close``."""
        for stream in list(self._streams):
            await stream.aclose()
        await self._http.aclose()
        if self._owns_pool:
            await self._inner.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
