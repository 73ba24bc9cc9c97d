"""Streamed calls without I/O: ``StreamState`` turns response bytes into chunks (SSE → JSON →
``StreamChunk``) and keeps what arrived (``span_id``, ``text``, the assembled ``output``);
``StreamCore`` is what the sync and async streams share."""

from __future__ import annotations

import json
import weakref
from collections import deque
from collections.abc import Mapping
from json.scanner import make_scanner
from typing import Any, Final, Generic, NamedTuple, cast

import httpx

from ._assembly import OutputAssembler
from ._constants import DEFAULT_MAX_EVENT_SIZE
from ._exceptions import (
    APIResponseError,
    StreamDecodeError,
    StreamError,
    StreamInterruptedError,
    excerpt,
    redact,
    transport_failure,
)
from ._params import to_python
from ._telemetry import CallSpan
from ._types import CHUNK_ERROR, CHUNK_JSON, CHUNK_TEXT, OutputT, StreamChunk
from .sse import ServerSentEvent, SSEDecodeError, SSEDecoder

__all__ = ["Failure", "StreamCore", "StreamState", "at_event_boundary", "interrupted"]

_KNOWN_FIELDS: Final = frozenset(StreamChunk._fields) - {"extra"}
_NO_EXTRA: Final[Mapping[str, Any]] = StreamChunk._field_defaults["extra"]
_EXCERPT: Final = 200  # characters of server data quoted in an error message
_EVENT_STREAM: Final = "text/event-stream"
_scan = make_scanner(cast(Any, json.JSONDecoder()))  # typeshed asks for a scanner there


def at_event_boundary(tail: bytes) -> bool:
    """Whether a body whose last bytes are ``tail`` (three or more) ends with a blank line (the
    end of an event; lines end at CRLF, LF or CR, WHATWG §9.2.5)."""
    end = 2 if tail[-2:] == b"\r\n" else 1 if tail[-1:] in (b"\n", b"\r") else 0
    return end > 0 and tail[-end - 1 : -end] in (b"\n", b"\r")


class Failure(NamedTuple):
    """A failure found while decoding, raised when the stream reaches it (after the chunks
    before it), so the error carries exactly what the user received."""

    cls: type[StreamError]
    message: str
    fields: Mapping[str, Any] = _NO_EXTRA  # the error's own keywords


Item = Any  # a chunk (the API version's own type) or a Failure


class StreamState:
    """Bytes in, chunks out: ``feed`` decodes; ``accept`` folds a delivered chunk into
    ``text``/``output``, so both describe what the user received. A failure comes back in place
    as a ``Failure``, and nothing after it is decoded."""

    __slots__ = ("_assembler", "_blocks", "_decoder", "_secret", "_tail", "_text", "cost",
                 "failed", "finished", "span_id", "started", "usage", "where")  # fmt: skip

    def __init__(self, *, max_event_size: int = DEFAULT_MAX_EVENT_SIZE, secret: str = "",
                 where: str = "", output_schema: Any = None) -> None:  # fmt: skip
        self._decoder = SSEDecoder(max_event_size=max_event_size)
        # The schema tells whether a json_path's leading "response" is a prefix or a property.
        self._assembler = OutputAssembler(output_schema)
        self._text: list[str] = []
        self._blocks: list[str] = []
        self._secret = secret
        self._tail = b""
        self.where = where  # what is read, for messages: "POST /v2/call/stream"
        self.span_id: str | None = None
        self.failed = self.finished = self.started = False  # finished: [DONE] arrived
        self.usage: Any = None  # from the stream (v3) or a fetch after it (v2)
        self.cost: Any = None

    @property
    def text(self) -> str:
        return "".join(self._blocks) + "".join(self._text)

    @property
    def output(self) -> Any:
        return self._assembler.snapshot()

    def feed(self, data: bytes) -> list[Item]:
        """Decode ``data``; return the chunks (and at most one failure, last) it completes."""
        # The body's last bytes, for flush to see where it ended (a reference, not a copy).
        self._tail = data if len(data) >= 3 else self._tail[-3:] + data
        return self._items(data)

    def flush(self) -> list[Item]:
        """The body ended: an unterminated last event is dropped (WHATWG §9.2.6) and a body cut
        inside an event, or without any, ends in a ``StreamInterruptedError`` failure."""
        items = self._items(None)
        if self.failed or self.finished:
            return items
        problem: str | None
        if not self.started:
            problem = "the body ended before the stream's first event"
        elif not at_event_boundary(self._tail):
            problem = (
                "the body ended inside an event (no blank line after its last bytes): "
                "the connection was cut, and that event is lost"
            )
        elif (problem := self._incomplete()) is None:
            return items
        self.failed = True
        return [*items, Failure(StreamInterruptedError, problem)]

    def _incomplete(self) -> str | None:
        """Why a body that ended cleanly is still cut (v2 has no end sentinel: never)."""
        return None

    def add_text(self, delta: str) -> None:
        pieces = self._text
        pieces.append(delta)
        # A str costs ~50 bytes of header: tiny deltas would take 10x the text's size.
        if len(pieces) >= 64:
            self._blocks.append("".join(pieces))
            pieces.clear()

    def accept(self, chunk: Any) -> bool:
        """Fold a delivered chunk into ``text``/``output`` (a bad ``json_path`` raises); True
        when it is a chunk of the result (for the time to first chunk)."""
        chunk_type = chunk.chunk_type
        if chunk_type == CHUNK_TEXT and isinstance(chunk.delta, str):
            self.add_text(chunk.delta)
        elif chunk_type == CHUNK_JSON and chunk.json_path is not None:
            try:
                self._assembler.add(chunk.json_path, chunk.delta)
            except ValueError as exc:
                raise self.error(StreamDecodeError, str(exc)) from None
        return chunk_type is not None

    def visible(self, chunk: Any) -> bool:
        """Whether the user gets the chunk (v2's event with only ``span_id`` is not one)."""
        return not (chunk.chunk_type is None and chunk.delta is None and not chunk.extra)

    def error(self, cls: type[StreamError], message: str, **fields: Any) -> StreamError:
        """A ``cls`` error with what was delivered, naming the request, free of the key."""
        self.failed = True
        if self.where:
            message = f"{self.where}: {message}"
        return cls(redact(message, self._secret), span_id=self.span_id, text=self.text,
                   output=self.output, **fields)  # fmt: skip

    def _items(self, data: bytes | None) -> list[Item]:
        """The items ``data`` completes (``None``: the body ended)."""
        if self.failed or self.finished:
            return []
        try:
            events = self._decoder.flush() if data is None else self._decoder.feed(data)
        except SSEDecodeError as exc:
            self.failed = True
            return [Failure(StreamDecodeError, str(exc))]
        items: list[Item] = []
        if events and not self.started:
            self.started = any(event.data and event.event == "message" for event in events)
        for event in events:
            data_text = event.data
            if event.event == "message" and data_text:
                if data_text == "[DONE]":
                    self.finished = True
                    break
                item = self._chunk(data_text)
            elif (item := self._other(event)) is None:
                continue
            items.append(item)
            if item.__class__ is Failure:
                self.failed = True
                break
        return items

    def _other(self, event: ServerSentEvent) -> Item | None:
        """An event of another type than ``message``, or without data (none in v2)."""
        return None

    def text_of(self, chunk: Any) -> str | None:
        """The text a chunk adds (``text_stream``)."""
        delta = chunk.delta
        return delta if chunk.chunk_type == CHUNK_TEXT and isinstance(delta, str) else None

    def _object(self, data: str) -> dict[str, Any] | Failure:
        """An event's data as a JSON object, or the failure saying why it is not one."""
        try:
            # The scanner json.loads wraps, called directly: a third of a chunk's decoding.
            payload, end = _scan(data, 0)
        except (StopIteration, ValueError):
            end = -1
        if end != len(data):  # whitespace around the value, or not JSON: the long way
            try:
                payload = json.loads(data)
            except ValueError:
                payload = data  # no parsed value is data itself: "not JSON" below
        if payload.__class__ is not dict:
            what = "JSON" if payload is data else "a JSON object"
            quoted = excerpt(data, self._secret, _EXCERPT)
            return Failure(StreamDecodeError, f"event data is not {what}: {quoted!r}")
        return payload

    def _server_error(self, error_type: Any, message: Any) -> Failure:
        error_type, message = redact(error_type, self._secret), redact(message, self._secret)
        text = f"the stream failed: {error_type or 'error'}: {message or '(no message)'}"
        return Failure(StreamError, text, {"error_type": error_type, "error_message": message})

    def _chunk(self, data: str) -> Item:
        payload = self._object(data)
        if isinstance(payload, Failure):
            return payload
        get = payload.get
        chunk_type = get("chunk_type")
        span_id = get("span_id")
        if span_id is not None and self.span_id is None:
            self.span_id = redact(str(span_id), self._secret)
        if chunk_type == CHUNK_ERROR:
            return self._server_error(get("error_type"), get("error_message"))
        extra = _NO_EXTRA
        if not _KNOWN_FIELDS.issuperset(payload):
            extra = {k: v for k, v in payload.items() if k not in _KNOWN_FIELDS}
        return StreamChunk(get("delta"), get("json_path"), span_id, chunk_type, get("error_type"),
                           get("error_message"), extra)  # fmt: skip


def interrupted(state: StreamState, exc: Exception) -> StreamError:
    """The error for a failed read after the 2xx answer (never retried: the task ran)."""
    reason = f"{type(exc).__name__}: {str(exc) or 'the body could not be read'}"
    if isinstance(exc, httpx.TransportError):
        reason = transport_failure(exc, state._secret)
    return state.error(StreamInterruptedError, f"the stream was interrupted: {reason}")


def _abandon(response: httpx.Response, span: CallSpan) -> None:
    """A stream was garbage-collected unclosed: end its span, give a sync response's
    connection back (an async one cannot be closed from a finaliser)."""
    try:
        if isinstance(response.stream, httpx.SyncByteStream):
            response.close()
    finally:
        span.abandon()


class StreamCore(Generic[OutputT]):
    """What the sync and async streams share: state, properties, the span's work."""

    __slots__ = ("__weakref__", "_after", "_each_chunk", "_finalizer", "_output_type", "_pending",
                 "_reported_span_id", "_secret", "_seen_content", "_span", "_state", "closed",
                 "completed", "request_id", "response")  # fmt: skip

    def __init__(self, response: httpx.Response, span: CallSpan, state: StreamState, *,
                 output_type: Any = None, secret: str = "", after: Any = None) -> None:  # fmt: skip
        self.response = response
        """The HTTP response being read."""
        self.request_id: str | None = response.headers.get("x-request-id")
        """The server's ``x-request-id`` for this stream."""
        self.closed = False
        """True once the stream ended, however it ended."""
        self.completed = False
        """True once the server ended the stream and nothing failed ("complete" in the README)."""
        self._state, self._span, self._after, self._secret = state, span, after, secret
        self._pending: deque[Item] = deque()
        self._seen_content = self._reported_span_id = False
        self._each_chunk = span.wants_each_chunk
        self._output_type = output_type
        # The callback must not reference self, or the stream could never be collected.
        self._finalizer = weakref.finalize(self, _abandon, response, span)
        span.on_request_id(self.request_id)

    @property
    def span_id(self) -> str | None:
        """Opper's span id for this call, once an event carried it."""
        return self._state.span_id

    @property
    def text(self) -> str:
        """The text deltas so far, joined."""
        return self._state.text

    @property
    def output(self) -> Any:
        """The structured output so far (a snapshot; complete once the stream is drained)."""
        return self._state.output

    @property
    def last_event_id(self) -> str:
        """The SSE last event id (``""`` until the server sends one)."""
        return self._state._decoder.last_event_id

    @property
    def retry(self) -> int | None:
        """The latest SSE ``retry`` value (milliseconds) the server sent, if any."""
        return self._state._decoder.retry

    def _final_output(self) -> OutputT:
        state = self._state
        if self._output_type is not None:
            return cast(OutputT, to_python(self._output_type, state.output))
        return cast(OutputT, state.text if state.output is None else state.output)

    def _deliver(self, item: Item) -> Any:
        """The chunk to yield for ``item``, or ``None``; a ``Failure`` raises here."""
        if item.__class__ is Failure:
            raise self._state.error(item.cls, item.message, **item.fields)
        state = self._state
        if state.accept(item):
            if self._seen_content:
                if self._each_chunk:
                    self._span.on_chunk()
            else:
                self._seen_content = True
                self._span.on_first_chunk()
        if not self._reported_span_id and state.span_id is not None:
            self._reported_span_id = True
            self._span.on_opper_span_id(state.span_id)
        return item if state.visible(item) else None

    def _eof(self) -> bool:
        """The body ended: queue what the decoder holds; True when nothing is left."""
        self._pending.extend(self._state.flush())
        return not self._pending

    def _head_size(self) -> int:
        """0 for an event stream, else the bytes to read for the error's excerpt: enough that a
        key starting inside it is read whole (12 bytes per character at most) and redacted."""
        media_type: str = self.response.headers.get("content-type", "").partition(";")[0]
        event_stream = media_type.strip().lower() == _EVENT_STREAM
        return 0 if event_stream else 4 * _EXCERPT + 12 * len(self._secret) + 16

    def _wrong_answer(self, head: bytes) -> APIResponseError:
        """The error for a 2xx answer that is not an event stream (``head``: its start)."""
        status, secret = self.response.status_code, self._secret
        content_type = redact(self.response.headers.get("content-type"), secret)
        body = excerpt(head.decode("utf-8", "replace"), secret, _EXCERPT)
        message = (
            f"{status} from {self._state.where or 'the request'} is not an event stream: expected "
            f"{_EVENT_STREAM}, got {repr(content_type) if content_type else 'no Content-Type'}; "
            f"the body starts {body!r}"
        )
        return APIResponseError(redact(message, secret), status_code=status,
                                content_type=content_type, body=body)  # fmt: skip

    def _usage_due(self, error: BaseException | None, completed: bool) -> Any:
        """``after`` (v2's usage fetch) if it is to run now: once, for a drained stream."""
        after, self._after = self._after, None
        if error is not None or not completed or after is None:
            return None
        self._span.stop_clock()
        return after

    def _finish_span(self, error: BaseException | None, completed: bool) -> None:
        self.closed = True
        self.completed = error is None and completed
        self._finalizer.detach()
        span, state = self._span, self._state
        if trace_id := getattr(state, "trace_id", None):
            span.on_opper_trace_id(trace_id)
        if self.completed:
            calls = getattr(state, "tool_calls", None)  # v3's
            more = {"tool_calls": calls} if calls else {}
            span.on_result(usage=state.usage, cost=state.cost, output_text=state.text,
                           output_json=state.output, **more)  # fmt: skip
        span.finish(error, completed=completed)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} span_id={self.span_id!r} closed={self.closed}>"
