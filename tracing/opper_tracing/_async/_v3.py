"""``AsyncOpper`` for Opper's v3 Task API: v2's client over the same layer, speaking v3."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack, cast

import httpx

from opper_api_v3.api import AsyncResources
from opper_api_v3.api.functions import CallRequestParams
from opper_api_v3.models import ResponseMeta, UsageInfo

from .._base import Schema, Timeout, wired
from .._types import OutputT
from .._v3 import V3, ApiV3, Chunk, RunResult, V3StreamState
from ._client import AsyncClient
from ._io import Opening, stream_manager
from ._stream import AsyncStreamBase

__all__ = ["AsyncOpper", "AsyncRunStream"]


class AsyncRunStream(AsyncStreamBase[Chunk, OutputT]):
    """A v3 stream's chunks (``opper_tracing.v3``): ``ContentChunk`` deltas, tool calls, then
    ``DoneChunk`` and ``CompleteChunk``, which carry the usage, cost and whole result, so they
    need no request after the stream (see ``AsyncOpper``)."""

    __slots__ = ()
    _state: V3StreamState

    @property
    def usage(self) -> UsageInfo | None:
        """Token counts, from the stream's ``done``/``complete`` events."""
        return self._state.usage if isinstance(self._state.usage, UsageInfo) else None

    @property
    def cost(self) -> float | None:
        """Opper's cost in USD, from the ``complete`` event."""
        return float(self._state.cost) if isinstance(self._state.cost, int | float) else None

    @property
    def meta(self) -> ResponseMeta | None:
        """The ``complete`` event's ``meta`` (usage, cost, trace id, timings, models used)."""
        return None if self._state.complete is None else self._state.complete.meta

    @property
    def tool_calls(self) -> list[dict[str, Any]]:
        """The tool calls so far: ``{"id", "name", "arguments"}``, arguments as JSON text."""
        return self._state.tool_calls


class AsyncOpper(V3, AsyncClient, AsyncResources):
    """The client of Opper's v3 Task API, async; it takes the options of v2's ``AsyncOpper``,
    its ``base_url`` being the server root (default ``https://api.opper.ai``)::

        from opper_tracing.v3 import AsyncOpper

        async with AsyncOpper() as opper:
            result = await opper.call("add_numbers", input={"x": 1, "y": 3})
            print(result.output, result.meta.usage, result.meta.cost)
            async with opper.stream("summarise", input=text) as stream:
                async for text in stream.text_stream:
                    print(text, end="")
            print(stream.usage, stream.cost)           # from the stream itself
            function = await opper.functions.get("summarise")   # every operation of the spec

    Calls and streams make v2's spans (``chat {name}``, with usage, cost and tool calls, under the
    current ``trace()``, which opens v3 spans). A 202 answer (pending media) raises
    ``APIResponseError``; ``opper.functions.call`` returns it as the generated ``PendingResponse``.
    """

    api: ApiV3
    """The generated v3 client (every operation of the spec), through this client's stack."""
    _stream_class = AsyncRunStream

    def _api_client(self, http: httpx.AsyncClient) -> ApiV3:
        return wired(ApiV3, self.base_url, http)

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
    ) -> RunResult[OutputT]:
        """Run the function ``name`` and return its result (``POST /v3/call``): keywords are the
        properties of v3's ``CallRequest`` (``input``, ``instructions``, ``model``, ``tools``,
        ``guard``, ``route``, ``parent_span_id``...); the schemas and per-request options are
        v2's ``call()``'s (``RunResult`` shows ``output_schema``)."""
        return cast(RunResult[OutputT], await self._call(
            name, params, (input_schema, output_schema), validate_input=validate_input,
            extra_headers=extra_headers, extra_query=extra_query, extra_body=extra_body,
            timeout=timeout,
        ))  # fmt: skip

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
    ) -> Opening[AsyncRunStream[OutputT]]:
        """Run the function ``name`` and stream its result (``POST /v3/call/stream``), with the
        keywords of ``call()``: iterating yields v3's typed chunks; ``text``, ``usage``, ``cost``,
        ``tool_calls`` and ``output`` (the ``complete`` event's data) come from the stream."""
        return stream_manager(self._stream(
            name, params, (input_schema, output_schema), validate_input=validate_input,
            extra_headers=extra_headers, extra_query=extra_query, extra_body=extra_body,
            timeout=timeout,
        ))  # fmt: skip
