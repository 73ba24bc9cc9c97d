"""``AsyncOpper``: the async client of the v2 API, and ``AsyncClient``, the I/O every async
client shares (v3's included): sending any operation of the spec, calls, streams, traces.

Auth, retries and status errors are the transport stack's (``_async/_transport``), so they apply
alike to ``call()``, ``stream()``, ``trace()``, the generated resources (``opper.spans.get``) and
every generated operation run through ``opper.api``.
"""

from __future__ import annotations

import logging
import uuid
import weakref
from collections.abc import Mapping
from functools import cached_property
from types import TracebackType
from typing import Any, Self, Unpack

import httpx

from opper_api.api import AsyncResources, RequestOptions
from opper_api.api.call import CallRequestParams
from opper_api.api.functions import OPERATIONS as FUNCTION_OPERATIONS
from opper_api.api.functions import AsyncFunctionsResource, FunctionCallRequestParams
from opper_api.models import Cost, Usage

from .. import _constants as attrs
from .._base import Api, BaseClient, Operation, Schema, Timeout, output_type, wired
from .._context import current_opper_span_id
from .._exceptions import NotFoundError
from .._params import build_call_body, check_keywords
from .._pool import default_async_transport
from .._telemetry import CallSpan
from .._transport import connection_error, covered
from .._types import JSON, CallResult, OutputT
from .._usage import USAGE_TIMEOUT, usage_from_trace
from .._v2 import V2
from ._io import Opening, sleep, stream_manager
from ._stream import AsyncStream, AsyncStreamBase
from ._trace import AsyncTrace
from ._transport import AsyncClientTransport, AsyncOpperTransport

__all__ = ["AsyncClient", "AsyncOpper"]

_logger = logging.getLogger("opper_tracing")
_FUNCTION_KEYWORDS = (
    FunctionCallRequestParams.__optional_keys__ | FunctionCallRequestParams.__required_keys__
)


class AsyncClient(BaseClient[httpx.AsyncClient, httpx.AsyncBaseTransport]):
    """What every async client does; the API it speaks comes from a mixin (``V2``, ``V3``)."""

    _streams: weakref.WeakSet[AsyncStreamBase[Any, Any]]
    _stack: AsyncOpperTransport
    _stream_class: type[AsyncStreamBase[Any, Any]] = AsyncStream

    def _pool(
        self, http_client: httpx.AsyncClient | None, transport: httpx.AsyncBaseTransport | None
    ) -> httpx.AsyncBaseTransport:
        if http_client is not None:
            return AsyncClientTransport(http_client)
        return transport or default_async_transport(self.base_url)

    def _connect(self) -> None:
        self._streams = weakref.WeakSet()
        self._stack = AsyncOpperTransport(self._inner, **self._stack_config())
        self._http = httpx.AsyncClient(transport=self._stack, **self._client_args())
        self.api = self._api_client(self._http)

    def _api_client(self, http: httpx.AsyncClient) -> Any:
        raise NotImplementedError

    async def _send(self, request: httpx.Request, *, stream: bool = False) -> httpx.Response:
        if self._http.is_closed:
            raise RuntimeError("this client is closed; make a new one")
        try:
            response = await self._stack.handle_async_request(request)
            if not stream:
                try:
                    await response.aread()
                finally:
                    await response.aclose()
        except httpx.TransportError as exc:
            raise connection_error(exc, request, self._api_key) from exc
        return response

    async def _request(
        self,
        operation: Operation,
        *,
        path: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        body: Mapping[str, Any] | None = None,
        options: RequestOptions,
    ) -> httpx.Response:
        """Send one operation of the spec (what every generated resource method calls)."""
        request = self._build(operation, path=path, query=query, body=body, options=options)
        return await self._send(request)

    def _prepare(
        self,
        operation: Operation,
        name: str,
        params: Mapping[str, Any],
        *,
        stream: bool,
        input_schema: Schema,
        output_schema: Any,
        validate_input: bool,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, Any] | None,
        extra_body: Mapping[str, Any] | None,
        timeout: Timeout,
    ) -> tuple[httpx.Request, CallSpan, dict[str, Any]]:
        """A call's request and its started span: the keywords checked, the body built once and
        recorded on the span as sent, the current trace as ``parent_span_id``."""
        check_keywords(params, self._KEYWORDS, "stream" if stream else "call")
        params = {**params, "input_schema": input_schema, "output_schema": output_schema}
        if params.get("parent_span_id") is None:
            params["parent_span_id"] = current_opper_span_id()
        body = build_call_body(
            name, params, extra_body, uuids=operation.uuids, validate_input=validate_input
        )
        span = self._telemetry.start(stream=stream, body=body)
        headers: dict[str, str] = {"Accept": "text/event-stream"} if stream else {}
        span.inject(headers)
        headers.update(extra_headers or {})
        if not any(key.lower() == "idempotency-key" for key in headers):
            # One key per call, on the request the stack resends: every retry carries it.
            headers["Idempotency-Key"] = str(uuid.uuid4())
        options: RequestOptions = {
            "extra_headers": headers,
            "extra_query": extra_query,
            "timeout": timeout,
        }
        request = self._build(
            operation, body=body, ready=True, options=options, extensions={attrs.TRACED: True}
        )
        return request, span, body

    async def _call(
        self, name: str, params: Mapping[str, Any], schemas: tuple[Schema, Any], **options: Any
    ) -> Any:
        request, span, _ = self._prepare(
            self._CALL, name, params, stream=False, input_schema=schemas[0],
            output_schema=schemas[1], **options,
        )  # fmt: skip
        try:
            with span.activate():
                response = await self._send(request)
            result = self._result(response, span, output_type(schemas[1]))
        except BaseException as exc:
            span.finish(exc)
            raise
        span.finish()
        return result

    async def _stream(
        self, name: str, params: Mapping[str, Any], schemas: tuple[Schema, Any], **options: Any
    ) -> Any:
        request, span, body = self._prepare(
            self._STREAM, name, params, stream=True, input_schema=schemas[0],
            output_schema=schemas[1], **options,
        )  # fmt: skip
        return await self._open(request, span, body.get("output_schema"), output_type(schemas[1]))

    async def _open(
        self, request: httpx.Request, span: CallSpan, output_schema: Any, output_type: Any
    ) -> Any:
        """Send a stream request and read up to its first event."""
        try:
            with span.activate():
                response = await self._send(request, stream=True)
        except BaseException as exc:
            span.finish(exc)
            raise
        stream: AsyncStreamBase[Any, Any] = self._stream_class(
            response,
            span,
            self._state(request, output_schema),
            output_type=output_type,
            secret=self._api_key,
            after=self._after_stream(),
        )
        self._streams.add(stream)
        return await stream.start()

    def _after_stream(self) -> Any:
        """What a drained stream does before its span ends (v2: fetch its usage), or None."""
        return None

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
        """Group the calls in a block (or a decorated function) under one span, in Opper and in
        OpenTelemetry at once; ``session_id``/``user_id`` label it and every call inside::

            async with opper.trace("checkout-flow", input=order, session_id="chat-42") as span:
                await opper.call("classify", input=order)    # nests under span in both systems
        """
        return AsyncTrace(
            client=self,
            telemetry=self._telemetry,
            name=name,
            input=input,
            meta=meta,
            tags=tags,
            session_id=session_id,
            user_id=user_id,
        )

    async def aclose(self) -> None:
        """Close the streams this client opened that are still open (each ends as by its own
        ``aclose()``: not completed, its span ended), then the connections, unless they belong
        to a given ``http_client`` or ``transport``, or to the client this one was copied from
        by ``with_options``."""
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


class AsyncFunctions(AsyncFunctionsResource):
    """``opper.functions``: the generated operations, and ``stream()`` of a stored function."""

    _client: AsyncOpper

    async def stream(
        self,
        function_id: str,
        *,
        extra_headers: Mapping[str, str] | None = None,
        timeout: Timeout = None,
        **params: Unpack[FunctionCallRequestParams],
    ) -> AsyncStream[JSON]:
        """Stream a stored function's result as ``opper.stream()`` does (its current revision;
        ``stream_revision`` for another); the function is read first for its name and schema."""
        return await self._stream(function_id, None, params, extra_headers, timeout)

    async def stream_revision(
        self,
        function_id: str,
        revision_id: str,
        *,
        extra_headers: Mapping[str, str] | None = None,
        timeout: Timeout = None,
        **params: Unpack[FunctionCallRequestParams],
    ) -> AsyncStream[JSON]:
        """Stream the result of a revision of a stored function; see ``stream``."""
        return await self._stream(function_id, revision_id, params, extra_headers, timeout)

    async def _stream(
        self,
        function_id: str,
        revision_id: str | None,
        params: Mapping[str, Any],
        extra_headers: Mapping[str, str] | None,
        timeout: Timeout,
    ) -> AsyncStream[Any]:
        client = self._client
        if revision_id is None:
            function = await self.get(function_id)
            operation, path = FUNCTION_OPERATIONS["stream_function"], {}
        else:
            function = await self.get_revision(function_id, revision_id)
            operation = FUNCTION_OPERATIONS["stream_function_revision"]
            path = {"revision_id": revision_id}
        check_keywords(params, _FUNCTION_KEYWORDS, "stream")
        found = function.to_dict()
        arguments = {"parent_span_id": current_opper_span_id(), **params}
        body = {k: v for k, v in client._json(arguments, operation).items() if v is not None}
        described = {"name": found.get("name") or function_id, "model": found.get("model"),
                     "output_schema": found.get("output_schema"), **body}  # fmt: skip
        span = client._telemetry.start(stream=True, body=described)
        headers: dict[str, str] = {"Accept": "text/event-stream"}
        span.inject(headers)
        request = client._build(
            operation,
            path={"function_id": function_id, **path},
            body=body,
            ready=True,
            options={"extra_headers": {**headers, **(extra_headers or {})}, "timeout": timeout},
            extensions={attrs.TRACED: True},
        )
        stream: AsyncStream[Any] = await client._open(
            request, span, found.get("output_schema"), None
        )
        return stream


class AsyncOpper(V2, AsyncClient, AsyncResources):
    """The client of Opper's v2 API, async::

        async with AsyncOpper() as opper:                 # OPPER_API_KEY from the environment
            result = await opper.call("add_numbers", input={"x": 1, "y": 3})
            async with opper.stream("summarise", input=text) as stream:
                async for text in stream.text_stream:
                    print(text, end="")
            span = await opper.spans.get(result.span_id)   # every operation of the spec

    Options:

    - ``api_key`` (else ``OPPER_API_KEY``), ``base_url`` (else ``OPPER_BASE_URL``, else the
      public API).
    - ``timeout``: seconds or an ``httpx.Timeout`` (default: 10 s connect, 300 s read); never
      ``None``. ``max_retries`` or a full ``retry=RetryPolicy(...)``.
    - ``transport=`` (for example ``httpx.MockTransport``) or a ready ``http_client=``: requests
      are sent through it, and it is never changed (no auth, base URL or headers are set on it)
      nor closed by ``aclose()``.
    - ``tracer_provider``/``meter_provider`` (else the global ones); ``capture_content`` to
      record instructions, input and output on spans (else
      ``OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT``); ``chunk_metrics=True`` to record
      ``gen_ai.client.operation.time_per_output_chunk`` for every chunk; ``stream_usage=True``
      to fetch each drained stream's usage and cost after it ends (two more requests).
    - ``max_event_size``: the largest SSE event accepted (default 16 MiB).

    Every method of ``opper.spans``, ``opper.traces``, ``opper.functions``, ``opper.models``
    takes the per-request options ``extra_headers``, ``extra_query``, ``extra_body``,
    ``timeout`` and ``max_retries``; ``call()`` and ``stream()`` the first four.
    """

    _usage_timeout = USAGE_TIMEOUT

    api: Api
    """The generated client, for any operation of ``openapi.yaml``, through this client's
    stack::

        span = await get_span.asyncio(span_id, client=opper.api)
    """

    def _api_client(self, http: httpx.AsyncClient) -> Api:
        return wired(Api, self.base_url, http)

    @cached_property
    def functions(self) -> AsyncFunctions:
        """The ``functions`` operations, and ``stream()`` of a stored function."""
        return AsyncFunctions(self)

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
        """Run the task ``name`` and return its whole result (``POST /call``).

        Keywords are the properties of ``CallRequest`` in the spec (``instructions``, ``input``,
        ``model``, ``examples``, ``parent_span_id``, ``tags``, ``configuration``...);
        ``input_schema``/``output_schema`` may be JSON Schema dicts or pydantic models,
        dataclasses and TypedDicts. ``input`` is checked against ``input_schema`` before
        sending, more strictly than the server (which checks only with the configuration key
        ``beta.invocation.input_validation.enabled``); ``validate_input=False`` skips that.
        Per request: ``extra_headers``, ``extra_query``, ``extra_body`` (sent as given, for keys
        the spec does not know yet) and ``timeout``::

            result = await opper.call("add_numbers", input={"x": 1, "y": 3}, output_schema=Sum)
            result.output.sum, result.span_id, result.usage, result.cost
        """
        result: CallResult[OutputT] = await self._call(
            name, params, (input_schema, output_schema), validate_input=validate_input,
            extra_headers=extra_headers, extra_query=extra_query, extra_body=extra_body,
            timeout=timeout,
        )  # fmt: skip
        return result

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
    ) -> Opening[AsyncStream[OutputT]]:
        """Run the task ``name`` and stream its result (``POST /call/stream``); the keywords of
        ``call()``. The stream starts once its first event has arrived::

            async with opper.stream("summarise", input=text) as stream:
                async for chunk in stream: ...

        Error statuses are retried like ``call()``'s; nothing is sent again once a 2xx answer
        arrived, so output is never duplicated.
        """
        return stream_manager(
            self._stream(
                name, params, (input_schema, output_schema), validate_input=validate_input,
                extra_headers=extra_headers, extra_query=extra_query, extra_body=extra_body,
                timeout=timeout,
            )
        )  # fmt: skip

    def _after_stream(self) -> Any:
        return self._fetch_usage if self.stream_usage else None

    async def _fetch_usage(self, stream: AsyncStream[Any]) -> None:
        """A drained stream's usage and cost, from its span's trace; never raises."""
        span_id, span = stream.span_id, stream._span
        if span_id is None:
            return
        try:
            with span.activate(), covered():
                for attempt in range(3):  # a span may answer 404 for a moment after its stream
                    try:
                        opper_span = await self.spans.get(
                            span_id, timeout=self._usage_timeout, max_retries=0
                        )
                        break
                    except NotFoundError:
                        if attempt == 2:
                            raise
                        await sleep(0.25 * (attempt + 1))
                trace_id = str(opper_span.trace_id)
                span.on_opper_trace_id(trace_id)
                trace = await self.traces.get(trace_id, timeout=self._usage_timeout, max_retries=0)
            usage, cost = usage_from_trace(trace.to_dict(), span_id)
            stream._state.usage = None if usage is None else Usage.from_dict(usage)
            stream._state.cost = None if cost is None else Cost.from_dict(cost)
        except Exception as exc:
            _logger.debug("no usage for stream %s (%s: %s)", span_id, type(exc).__name__, exc)
