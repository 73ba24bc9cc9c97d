"""What the v3 clients know of Opper's Task API beyond its generated package (``opper_api_v3``):
its call and stream operations, its results, its stream's events, and its spans.

A v3 stream sends ``data:`` events with a ``type`` (``content`` with ``delta``,
``tool_call_start``, ``tool_call_delta``, ``done`` with ``usage``, ``error``), then an
``event: complete`` whose data is the whole result ``{data, meta}`` (``meta.usage``,
``meta.cost``, ``meta.trace_uuid``), then ``data: [DONE]``: so a stream's usage and cost come from
the stream itself, and a stream that ends without ``complete`` is cut. The spec describes this
stream only in prose (its schema is a string); the chunk types below follow it and Opper's v3 SDK.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar, Generic, NamedTuple, cast

import httpx

from opper_api_v3 import AuthenticatedClient
from opper_api_v3.api.functions import OPERATIONS
from opper_api_v3.api.functions import CallRequestParams as Params
from opper_api_v3.models import ResponseMeta, RunResponse, UsageInfo
from opper_api_v3.types import Unset

from ._base import Operation, Wired
from ._exceptions import APIResponseError, StreamDecodeError, excerpt
from ._params import to_python
from ._streaming import Failure, Item, StreamState
from ._telemetry import CallSpan
from ._types import JSON, OutputT

__all__ = [
    "V3", "ApiV3", "Chunk", "CompleteChunk", "ContentChunk", "DoneChunk", "OtherChunk",
    "RunResult", "ToolCallDeltaChunk", "ToolCallStartChunk", "V3StreamState",
]  # fmt: skip


class ContentChunk(NamedTuple):
    """A piece of the result's text (for structured output, of its JSON)."""

    delta: str
    type: str = "content"


class ToolCallStartChunk(NamedTuple):
    """The model starts calling tool ``tool_call_name``; its arguments follow."""

    tool_call_index: int
    tool_call_id: str
    tool_call_name: str
    type: str = "tool_call_start"


class ToolCallDeltaChunk(NamedTuple):
    """A piece of the JSON arguments of tool call ``tool_call_index``."""

    tool_call_index: int
    tool_call_args: str
    type: str = "tool_call_delta"


class DoneChunk(NamedTuple):
    """The model is done; its token counts."""

    usage: UsageInfo | None
    type: str = "done"


class CompleteChunk(NamedTuple):
    """The whole result: ``data`` (text or structured) and ``meta`` (usage, cost, trace id)."""

    data: JSON
    meta: ResponseMeta | None
    type: str = "complete"


class OtherChunk(NamedTuple):
    """An event type this client does not know yet, kept as sent."""

    type: str
    fields: Mapping[str, JSON] = MappingProxyType({})


Chunk = (
    ContentChunk | ToolCallStartChunk | ToolCallDeltaChunk | DoneChunk | CompleteChunk | OtherChunk
)
"""What iterating a v3 stream yields; tell them apart by class or by ``type``."""


def _model(cls: Any, value: Any) -> Any:
    """``value`` as ``cls``; None when it is not one (the result still counts without it)."""
    try:
        return cls.from_dict(value) if isinstance(value, Mapping) else None
    except (KeyError, TypeError, ValueError):
        return None


class V3StreamState(StreamState):
    """``StreamState`` for v3's events; ``tool_calls`` holds the calls as they accumulate."""

    __slots__ = ("complete", "tool_calls", "trace_id")

    def __init__(self, **options: Any) -> None:
        super().__init__(**{**options, "output_schema": None})  # results come whole, no paths
        self.complete: CompleteChunk | None = None
        self.tool_calls: list[dict[str, Any]] = []
        self.trace_id: str | None = None

    @property
    def output(self) -> Any:
        return None if self.complete is None else self.complete.data

    def _chunk(self, data: str) -> Item:
        payload = self._object(data)
        if isinstance(payload, Failure):
            return payload
        kind = payload.get("type")
        try:
            if kind == "content":
                delta = payload["delta"]
                if not isinstance(delta, str):
                    raise TypeError(delta)  # a null delta is no text "None"
                return ContentChunk(delta)
            if kind == "tool_call_start":
                return ToolCallStartChunk(
                    int(payload["tool_call_index"]),
                    str(payload["tool_call_id"]),
                    str(payload["tool_call_name"]),
                )
            if kind == "tool_call_delta":
                return ToolCallDeltaChunk(
                    int(payload["tool_call_index"]), str(payload["tool_call_args"])
                )
        except (KeyError, TypeError, ValueError):
            quoted = excerpt(data, self._secret, 200)
            return Failure(StreamDecodeError, f"a {kind} event lacks its fields: {quoted!r}")
        if kind == "done":
            return DoneChunk(_model(UsageInfo, payload.get("usage")))
        if kind == "error":
            return self._server_error(payload.get("code") or "error", payload.get("error"))
        return OtherChunk(str(kind), {k: v for k, v in payload.items() if k != "type"})

    def _other(self, event: Any) -> Item | None:
        if event.event != "complete" or not event.data:
            return None
        payload = self._object(event.data)
        if isinstance(payload, Failure):
            return payload
        return CompleteChunk(payload.get("data"), _model(ResponseMeta, payload.get("meta")))

    def _incomplete(self) -> str | None:
        cut = "the stream ended without its complete event: the connection was cut"
        return None if self.complete is not None else cut

    def accept(self, chunk: Any) -> bool:
        kind = chunk.type
        if kind == "content":
            self.add_text(chunk.delta)
            return True
        if kind == "tool_call_start":
            call = {"id": chunk.tool_call_id, "name": chunk.tool_call_name, "arguments": ""}
            self.tool_calls.append(call)
        elif kind == "tool_call_delta":
            for call in self.tool_calls[chunk.tool_call_index : chunk.tool_call_index + 1]:
                call["arguments"] += chunk.tool_call_args
        elif kind == "done" and chunk.usage is not None:
            self.usage = chunk.usage
        elif kind == "complete":
            self.complete, meta = chunk, chunk.meta
            if meta is not None:
                self.usage = meta.usage if isinstance(meta.usage, UsageInfo) else self.usage
                self.cost = None if isinstance(meta.cost, Unset) else meta.cost
                self.trace_id = None if isinstance(meta.trace_uuid, Unset) else meta.trace_uuid
        return kind in ("tool_call_start", "tool_call_delta")

    def visible(self, chunk: Any) -> bool:
        return True

    def text_of(self, chunk: Any) -> str | None:
        return str(chunk.delta) if chunk.type == "content" else None


class RunResult(RunResponse, Generic[OutputT]):
    """The result of ``opper_tracing.v3.Opper.call()``: the generated ``RunResponse`` (``data``,
    ``meta`` with usage, cost and trace id) plus ``output``: ``data`` validated into
    ``output_schema`` when that is a pydantic model, dataclass or TypedDict, else ``data``::

        result = opper.call("add", input={"x": 1, "y": 3}, output_schema=Sum)
        result.output.sum, result.meta.usage, result.meta.cost, result.request_id
    """

    _output_type: Any = None
    request_id: str | None = None
    """The server's ``x-request-id`` for this answer."""

    @property
    def output(self) -> OutputT:
        """The task's result (see the class docstring); ``APIError`` if it does not validate."""
        if self._output_type is not None and "_parsed" not in self.__dict__:
            self.__dict__["_parsed"] = to_python(self._output_type, self.data)
        return cast(OutputT, self.__dict__.get("_parsed", self.data))


class ApiV3(Wired, AuthenticatedClient):
    """``opper.api`` of the v3 client: the generated v3 client, through the client's stack."""


class V3:
    """Opper's Task API 3.0.0 at the server root: ``POST /v3/call`` and ``/v3/call/stream``."""

    DEFAULT_BASE_URL: ClassVar[str] = "https://api.opper.ai"
    _unset: ClassVar[type] = Unset
    _api_key: str
    _CALL: ClassVar[Operation] = OPERATIONS["call"]
    _STREAM: ClassVar[Operation] = OPERATIONS["call_stream"]
    _KEYWORDS: ClassVar[frozenset[str]] = (
        Params.__optional_keys__ | Params.__required_keys__ | {"input_schema", "output_schema"}
    )
    _state_class: ClassVar[type[StreamState]] = V3StreamState

    @classmethod
    def _api_root(cls, base_url: str, source: str) -> str:
        """The server root: ``OPPER_BASE_URL`` may name v2's root for the v2 client."""
        return base_url[:-3] if base_url[-3:] in ("/v2", "/v3") else base_url

    def _result(self, response: httpx.Response, span: CallSpan, output_type: Any) -> RunResult[Any]:
        if response.status_code == 202:
            request = response.request
            raise APIResponseError(
                f"202 from {request.method} {request.url.path}: the call is pending (202): poll"
                " meta.pending_operations, or run it with opper.functions.call(), which returns"
                " the PendingResponse",
                status_code=202,
                content_type=response.headers.get("content-type"),
                body=excerpt(response.text, self._api_key, 200),
            )
        result: RunResult[Any] = self._parsed(response, RunResult, span)  # type: ignore[attr-defined]
        meta, data = result.meta, result.data
        if isinstance(meta, ResponseMeta):
            if not isinstance(meta.trace_uuid, Unset):
                span.on_opper_trace_id(meta.trace_uuid)
            span.on_result(
                usage=meta.usage if isinstance(meta.usage, UsageInfo) else None,
                cost=None if isinstance(meta.cost, Unset) else meta.cost,
                **({"output_text": data} if isinstance(data, str) else {"output_json": data}),
            )
        result._output_type = output_type
        return result

    def _trace_span(self, span: dict[str, Any]) -> dict[str, Any]:
        """A span as v3's ``spans.create`` takes it: the server picks its id, ``input`` is text."""
        span.pop("id", None)
        if "input" in span and not isinstance(span["input"], str):
            span["input"] = json.dumps(span["input"], default=str)
        return span

    def _span_ids(self, created: Any) -> tuple[str | None, str | None]:
        """The span id and trace id in v3's answer to ``spans.create`` (``{data: {...}}``)."""
        data = getattr(created, "data", None)
        return getattr(data, "id", None), getattr(data, "trace_id", None)
