"""``AsyncOpper`` for Opper's v3 Task API (``opper_tracing.v3``): the same client as v2's over
the same layer, speaking v3 (``opper_tracing._v3``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

import httpx

from opper_api_v3.api import AsyncResources
from opper_api_v3.api.functions import CallRequestParams

from .._base import Schema, Timeout, wired
from .._types import OutputT
from .._v3 import V3, ApiV3, RunResult
from ._client import AsyncClient
from ._io import RunStreamOf, stream_manager
from ._stream import AsyncRunStream

__all__ = ["AsyncOpper"]


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

    Calls and streams are traced like v2's (``chat {name}`` spans with model, usage, cost, tool
    calls and the ``parent_span_id`` of the current ``trace()``), and ``trace()`` opens v3
    spans. A 202 answer (pending media) raises ``APIResponseError``; ``opper.functions.call``
    returns it as the generated ``PendingResponse``.
    """

    api: ApiV3
    """The generated v3 client, for any operation of ``openapi-v3.yaml``, through this
    client's stack."""
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
        """Run the function ``name`` and return its result (``POST /v3/call``).

        Keywords are the properties of v3's ``CallRequest`` (``input``, ``instructions``,
        ``model``, ``tools``, ``guard``, ``route``, ``parent_span_id``...); the schemas and
        per-request options are v2's ``call()``'s::

            result = await opper.call("add", input={"x": 1, "y": 3}, output_schema=Sum)
            result.output.sum, result.meta.usage, result.meta.cost
        """
        result: RunResult[OutputT] = await self._call(
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
    ) -> RunStreamOf[OutputT]:
        """Run the function ``name`` and stream its result (``POST /v3/call/stream``); the
        keywords of ``call()``. Iterating yields v3's typed chunks; ``text``, ``usage``,
        ``cost``, ``tool_calls`` and ``output`` (the ``complete`` event's data) come from the
        stream itself::

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
