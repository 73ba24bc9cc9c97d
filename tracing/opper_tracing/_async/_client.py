"""``AsyncOpper``: the async client of the v2 API, and ``AsyncClient``, the I/O every async
client shares (v3's included): sending any operation of the spec, calls, streams, traces.

Auth, retries and status errors are the transport stack's (``_async/_transport``), so they apply
alike to ``call()``, ``stream()``, ``trace()``, the generated resources (``opper.spans.get``) and
every generated operation run through ``opper.api``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from functools import cached_property, partialmethod
from typing import Any, Self, Unpack

import httpx

from opper_api.api import AsyncResources, RequestOptions
from opper_api.api.call import CallRequestParams
from opper_api.api.functions import OPERATIONS as FUNCTION_OPERATIONS
from opper_api.api.functions import AsyncFunctionsResource, FunctionCallRequestParams
from opper_api.models import Cost, Usage

from .._base import Api, BaseClient, Operation, Schema, Timeout, wired
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

    _stack: AsyncOpperTransport
    _stack_class = AsyncOpperTransport
    _http_class = httpx.AsyncClient
    _stream_class: type[AsyncStreamBase[Any, Any]] = AsyncStream
    _fetch_usage: Any = None  # v2's: what a drained stream does first with stream_usage=True

    def _pool(
        self, http_client: httpx.AsyncClient | None, transport: httpx.AsyncBaseTransport | None
    ) -> httpx.AsyncBaseTransport:
        if http_client is not None:
            return AsyncClientTransport(http_client)
        return transport or default_async_transport(self.base_url)

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
        self, operation: Operation, *, options: RequestOptions, **parts: Any
    ) -> httpx.Response:
        """Send one operation of the spec (what every generated resource method calls)."""
        return await self._send(self._build(operation, options=options, **parts))

    async def _run(
        self, stream: bool, name: str, params: Mapping[str, Any], schemas: tuple[Schema, Any],
        *, validate_input: bool, extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, Any] | None, extra_body: Mapping[str, Any] | None,
        timeout: Timeout,
    ) -> Any:  # fmt: skip
        """A call's result or a started stream: the keywords checked, the body built once and
        recorded on the span as sent, the current trace as ``parent_span_id``."""
        check_keywords(params, self._KEYWORDS, "stream" if stream else "call")
        params = {**params, "input_schema": schemas[0], "output_schema": schemas[1]}
        if params.get("parent_span_id") is None:
            params["parent_span_id"] = current_opper_span_id()
        operation, schema = (self._STREAM if stream else self._CALL), schemas[1]
        output = None if isinstance(schema, Mapping | None) else schema  # the type results become
        body = build_call_body(
            name, params, extra_body, uuids=operation.uuids, validate_input=validate_input
        )
        span = self._telemetry.start(stream=stream, body=body)
        headers: dict[str, str] = {"Accept": "text/event-stream"} if stream else {}
        try:
            span.inject(headers)
            headers.update(extra_headers or {})
            if not any(key.lower() == "idempotency-key" for key in headers):
                # One key per call, on the request the stack resends: every retry carries it.
                headers["Idempotency-Key"] = str(uuid.uuid4())
            options = RequestOptions(
                extra_headers=headers, extra_query=extra_query, timeout=timeout
            )
            request = self._build(operation, body=body, options=options, traced=True)
        except BaseException as exc:  # a header or query httpx refuses: the span ends with it
            span.finish(exc)
            raise
        if stream:
            return await self._open(request, span, body.get("output_schema"), output)
        try:
            with span.activate():
                response = await self._send(request)
            result = self._result(response, span, output)
        except BaseException as exc:
            span.finish(exc)
            raise
        span.finish()
        return result

    _call = partialmethod(_run, False)
    _stream = partialmethod(_run, True)

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
        state = self._state(request, output_schema)
        after = self._fetch_usage if self.stream_usage else None
        stream = self._stream_class(
            response, span, state, output_type=output_type, secret=self._api_key, after=after
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
        """Group the calls in a block (or a decorated function) under one span, in Opper and in
        OpenTelemetry at once; ``session_id``/``user_id`` label it and every call inside::

            async with opper.trace("checkout-flow", input=order, session_id="chat-42") as span:
                await opper.call("classify", input=order)    # nests under span in both systems
        """
        return AsyncTrace(
            client=self, telemetry=self._telemetry, name=name, input=input, meta=meta, tags=tags,
            session_id=session_id, user_id=user_id,
        )  # fmt: skip

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

    async def __aexit__(self, *exc_info: object) -> None:
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
        self, function_id: str, revision_id: str | None, params: Mapping[str, Any],
        extra_headers: Mapping[str, str] | None, timeout: Timeout,
    ) -> AsyncStream[Any]:  # fmt: skip
        check_keywords(params, _FUNCTION_KEYWORDS, "stream")
        client, path = self._client, {"function_id": function_id}
        if revision_id is None:
            function = await self.get(function_id)
            operation = FUNCTION_OPERATIONS["stream_function"]
        else:
            function = await self.get_revision(function_id, revision_id)
            operation = FUNCTION_OPERATIONS["stream_function_revision"]
            path["revision_id"] = revision_id
        found = function.to_dict()
        schema = found.get("output_schema")
        arguments = {"parent_span_id": current_opper_span_id(), **params}
        body = {k: v for k, v in client._json(arguments, operation).items() if v is not None}
        described = {"name": found.get("name") or function_id, "model": found.get("model"),
                     "output_schema": schema, **body}  # fmt: skip
        span = client._telemetry.start(stream=True, body=described)
        headers = {"Accept": "text/event-stream"}
        span.inject(headers)
        headers.update(extra_headers or {})
        options = RequestOptions(extra_headers=headers, timeout=timeout)
        request = client._build(operation, path=path, body=body, options=options, traced=True)
        stream: AsyncStream[Any] = await client._open(request, span, schema, None)
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
      public API), ``default_headers`` (sent with every request).
    - ``timeout``: seconds or an ``httpx.Timeout`` (default: 10 s connect, 300 s read); never
      ``None``. ``max_retries`` or a full ``retry=RetryPolicy(...)``.
    - ``transport=`` (e.g. ``httpx.MockTransport``) or a ready ``http_client=``: requests are
      sent through it, never changed (no auth, base URL or headers set on it) nor closed.
    - ``tracer_provider``/``meter_provider`` (else the global ones); ``capture_content`` to
      record instructions, input and output on spans (else
      ``OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT``); ``chunk_metrics=True`` to record
      ``gen_ai.client.operation.time_per_output_chunk`` for every chunk; ``stream_usage=True``
      to fetch each drained stream's usage and cost after it ends (two more requests).
    - ``max_event_size``: the largest SSE event accepted (default 16 MiB).
    """

    _usage_timeout = USAGE_TIMEOUT

    api: Api
    """The generated client, for any operation of ``openapi.yaml``, through this client's stack:
    ``span = await get_span.asyncio(span_id, client=opper.api)``."""

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
        dataclasses and TypedDicts, and ``input`` is checked against ``input_schema`` before
        sending unless ``validate_input=False``. Per request: ``extra_headers``, ``extra_query``,
        ``extra_body`` (sent as given, for keys the spec does not know yet) and ``timeout``::

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
        """
        return stream_manager(
            self._stream(
                name, params, (input_schema, output_schema), validate_input=validate_input,
                extra_headers=extra_headers, extra_query=extra_query, extra_body=extra_body,
                timeout=timeout,
            )
        )  # fmt: skip

    async def _fetch_usage(self, stream: AsyncStream[Any]) -> None:
        """A drained stream's usage and cost, from its span's trace (``_usage``); never raises."""
        span_id, span = stream.span_id, stream._span
        if span_id is None:
            return
        once: RequestOptions = {"timeout": self._usage_timeout, "max_retries": 0}
        try:
            with span.activate(), covered():
                for wait in (0.25, 0.5, None):  # a span may answer 404 just after its stream
                    try:
                        opper_span = await self.spans.get(span_id, **once)
                        break
                    except NotFoundError:
                        if wait is None:
                            raise
                        await sleep(wait)
                trace_id = str(opper_span.trace_id)
                span.on_opper_trace_id(trace_id)
                trace = await self.traces.get(trace_id, **once)
            usage, cost = usage_from_trace(trace.to_dict(), span_id)
            stream._state.usage = None if usage is None else Usage.from_dict(usage)
            stream._state.cost = None if cost is None else Cost.from_dict(cost)
        except Exception as exc:
            _logger.debug("no usage for stream %s (%s: %s)", span_id, type(exc).__name__, exc)
