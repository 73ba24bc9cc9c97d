"""Streamed calls: ``Stream`` and ``AsyncStream`` over one I/O-free ``StreamState``.

``StreamState`` turns response bytes into chunks (SSE → JSON → ``StreamChunk``) and keeps what
the stream has produced so far: ``span_id``, the joined ``text``, the assembled ``output``. The
two wrappers are thin, deliberately twinned shells that read the response, feed the state, drive
the call's telemetry span, and end both exactly once on every exit path: drained, error,
``close()``, leaving a ``with`` block, ``break`` followed by ``close()``, closing the client, or
garbage collection.

What "complete" means for a v2 stream: the API sends no end sentinel, so a clean close of the body
after a whole event is the normal end (``stream.completed`` is then true). What the client can
tell apart from it: a transport failure (a reset, a chunked body cut before its last chunk, a
``Content-Length`` body cut short, a stall past the read timeout), a body that ends inside an
event (bytes after the last blank line), and a body with no event at all; each raises
``StreamInterruptedError``. What it cannot: a body without length or chunking (read until the
connection closes) cut exactly between two events looks like a normal end, and a server that
stops the task early but closes cleanly looks finished. Only the server could say so, and v2
does not.
"""

from __future__ import annotations

import json
import weakref
from collections import deque
from collections.abc import AsyncIterator, Callable, Coroutine, Generator, Iterator, Mapping
from types import MappingProxyType, TracebackType
from typing import Any, Final, Generic, Self, cast

import httpx

from opper_api.models import Cost, Usage

from ._assembly import OUTPUT_SCHEMA, OutputAssembler
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
from ._usage import AsyncUsageFetcher, StreamUsage, UsageFetcher
from .sse import ServerSentEvent, SSEDecodeError, SSEDecoder

__all__ = [
    "DEFAULT_MAX_EVENT_SIZE",
    "AsyncStream",
    "AsyncStreamManager",
    "Stream",
    "StreamState",
    "interrupted",
]

_KNOWN_FIELDS: Final = frozenset(
    {"delta", "json_path", "span_id", "chunk_type", "error_type", "error_message"}
)
_NO_EXTRA: Final[Mapping[str, Any]] = MappingProxyType({})
DEFAULT_MAX_EVENT_SIZE: Final = 16 * 1024 * 1024
_COMPACT_AT: Final = 64
_EXCERPT: Final = 200
"""Characters of server data quoted in an error message."""
_EVENT_STREAM: Final = "text/event-stream"


def at_event_boundary(tail: bytes) -> bool:
    """Whether a body whose last bytes are ``tail`` (three or more) ends with a blank line,
    the end of an event. Lines end at CRLF, LF or CR (WHATWG §9.2.5); a blank line is a line
    ending right after another one. ``b"data: x\r\n\r\n"`` ends one; ``b"data: x\n"`` (an
    event without its blank line) and ``b"data: x"`` do not."""
    if tail[-2:] == b"\r\n":
        before = tail[-3:-2]
    elif tail[-1:] in (b"\n", b"\r"):
        before = tail[-2:-1]
    else:
        return False
    return before in (b"\n", b"\r")


class Failure:
    """A failure found while decoding, raised when the stream reaches it (after the chunks
    before it), so the error carries exactly what the user received."""

    __slots__ = ("cls", "fields", "message")

    def __init__(self, cls: type[StreamError], message: str, **fields: Any) -> None:
        self.cls = cls
        self.message = message
        self.fields = fields


Item = StreamChunk | Failure


class StreamState:
    """Bytes in, chunks out, no I/O.

    ``feed`` decodes; ``accept`` folds a delivered chunk into ``text`` and ``output``, so both
    describe what the user has received. A failure comes back in place as a ``Failure`` and
    nothing after it is decoded.
    """

    __slots__ = (
        "_assembler",
        "_blocks",
        "_decoder",
        "_secret",
        "_tail",
        "_text",
        "failed",
        "finished",
        "span_id",
        "started",
        "where",
    )

    def __init__(
        self,
        *,
        max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
        secret: str = "",
        where: str = "",
        output_schema: Any = None,
    ) -> None:
        self._decoder = SSEDecoder(max_event_size=max_event_size)
        # The schema tells whether a json_path's leading "response" is a prefix or a property.
        self._assembler = OutputAssembler(output_schema)
        self._text: list[str] = []
        self._blocks: list[str] = []
        self._secret = secret
        self._tail = b""
        self.where = where
        """What is being read, for messages: ``POST /v2/call/stream``."""
        self.span_id: str | None = None
        self.failed = False
        self.finished = False
        """True once the server sent a ``[DONE]`` sentinel (v3 habit; v2 just closes)."""
        self.started = False
        """True once an event with data arrived (the first one carries ``span_id``)."""

    @property
    def text(self) -> str:
        return "".join(self._blocks) + "".join(self._text)

    @property
    def output(self) -> Any:
        return self._assembler.snapshot()

    @property
    def last_event_id(self) -> str:
        return self._decoder.last_event_id

    @property
    def retry(self) -> int | None:
        return self._decoder.retry

    def feed(self, data: bytes) -> list[Item]:
        """Decode ``data``; return the chunks (and at most one failure, last) it completes."""
        if self.failed or self.finished:
            return []
        # The body's last bytes, for flush to see where it ended (a reference, not a copy).
        self._tail = data if len(data) >= 3 else self._tail[-3:] + data
        try:
            events = self._decoder.feed(data)
        except SSEDecodeError as exc:
            self.failed = True
            return [Failure(StreamDecodeError, str(exc))]
        return self._items(events)

    def flush(self) -> list[Item]:
        """The body ended. An unterminated last event is dropped (WHATWG §9.2.6) and reported:
        a body that ends inside an event, or before any event, ends in a
        ``StreamInterruptedError`` failure rather than passing for a complete stream."""
        if self.failed or self.finished:
            return []
        try:
            items = self._items(self._decoder.flush())
        except SSEDecodeError as exc:
            self.failed = True
            return [Failure(StreamDecodeError, str(exc))]
        if self.failed or self.finished:
            return items
        if not self.started:
            problem = "the body ended before the stream's first event"
        elif not at_event_boundary(self._tail):
            problem = (
                "the body ended inside an event (no blank line after its last bytes): "
                "the connection was cut, and that event is lost"
            )
        else:
            return items
        self.failed = True
        return [*items, Failure(StreamInterruptedError, problem)]

    def accept(self, chunk: StreamChunk) -> None:
        """Fold a delivered chunk into ``text``/``output``; a bad ``json_path`` raises."""
        chunk_type = chunk.chunk_type
        if chunk_type == CHUNK_TEXT:
            if isinstance(chunk.delta, str):
                pieces = self._text
                pieces.append(chunk.delta)
                # A str costs ~50 bytes of header: tiny deltas would take 10x the text's size.
                if len(pieces) >= _COMPACT_AT:
                    self._blocks.append("".join(pieces))
                    pieces.clear()
        elif chunk_type == CHUNK_JSON and chunk.json_path is not None:
            try:
                self._assembler.add(chunk.json_path, chunk.delta)
            except ValueError as exc:
                raise self.error(StreamDecodeError, str(exc)) from None

    def error(self, cls: type[StreamError], message: str, **fields: Any) -> StreamError:
        """A ``cls`` error carrying what the stream delivered so far, its message naming the
        request and free of the key; the state stops."""
        self.failed = True
        if self.where:
            message = f"{self.where}: {message}"
        return cls(
            redact(message, self._secret),
            span_id=self.span_id,
            text=self.text,
            output=self.output,
            **fields,
        )

    def _items(self, events: list[ServerSentEvent]) -> list[Item]:
        items: list[Item] = []
        if events and not self.started:
            self.started = any(event.data and event.event == "message" for event in events)
        for event in events:
            data_text = event.data
            if event.event != "message" or not data_text:
                continue
            if data_text == "[DONE]":
                self.finished = True
                break
            item = self._chunk(data_text)
            items.append(item)
            if item.__class__ is Failure:
                self.failed = True
                break
        return items

    def _chunk(self, data: str) -> Item:
        try:
            payload = json.loads(data)
        except ValueError:
            quoted = excerpt(data, self._secret, _EXCERPT)
            return Failure(StreamDecodeError, f"event data is not JSON: {quoted!r}")
        if not isinstance(payload, dict):
            quoted = excerpt(data, self._secret, _EXCERPT)
            return Failure(StreamDecodeError, f"event data is not a JSON object: {quoted!r}")
        get = payload.get
        chunk_type = get("chunk_type")
        span_id = get("span_id")
        if span_id is not None and self.span_id is None:
            self.span_id = redact(str(span_id), self._secret)
        if chunk_type == CHUNK_ERROR:
            secret = self._secret
            error_type = redact(get("error_type"), secret)
            error_message = redact(get("error_message"), secret)
            return Failure(
                StreamError,
                f"the stream failed: {error_type or 'error'}: {error_message or '(no message)'}",
                error_type=error_type,
                error_message=error_message,
            )
        extra = _NO_EXTRA
        if not _KNOWN_FIELDS.issuperset(payload):
            extra = {k: v for k, v in payload.items() if k not in _KNOWN_FIELDS}
        return StreamChunk(
            get("delta"), get("json_path"), span_id, chunk_type, get("error_type"),
            get("error_message"), extra,
        )  # fmt: skip


def interrupted(state: StreamState, exc: Exception) -> StreamError:
    """The ``StreamInterruptedError`` for a failure reading the body after the 2xx answer: a
    reset, a cut, or a stall past the read timeout. Never retried: the task already ran."""
    if isinstance(exc, httpx.TransportError):
        reason = transport_failure(exc, state._secret)
    else:
        reason = f"{type(exc).__name__}: {str(exc) or 'the body could not be read'}"
    return state.error(StreamInterruptedError, f"the stream was interrupted: {reason}")


def _abandon_sync(response: httpx.Response, span: CallSpan) -> None:
    try:
        response.close()
    finally:
        span.abandon()


class _StreamBase(Generic[OutputT]):
    __slots__ = (
        "__weakref__",
        "_each_chunk",
        "_finalizer",
        "_output_type",
        "_pending",
        "_reported_span_id",
        "_secret",
        "_seen_content",
        "_span",
        "_state",
        "_usage_fetcher",
        "_usage_found",
        "closed",
        "completed",
        "response",
    )

    def __init__(
        self,
        response: httpx.Response,
        span: CallSpan,
        *,
        max_event_size: int,
        on_abandon: Callable[[], None],
        output_type: Any = None,
        secret: str = "",
        usage: UsageFetcher | AsyncUsageFetcher | None = None,
    ) -> None:
        self.response = response
        """The HTTP response being read."""
        self._usage_fetcher = usage
        self._usage_found: StreamUsage | None = None
        self.closed = False
        """True once the stream has ended, however it ended."""
        self.completed = False
        """True once the stream has ended normally: the body closed cleanly after a whole event
        (v2 has no end sentinel) and nothing failed. False while it runs and after an error, an
        early ``close()``, or a cut the client could see (see the module docstring)."""
        self._secret = secret
        try:
            where = f"{response.request.method} {response.request.url.path}"
            output_schema = response.request.extensions.get(OUTPUT_SCHEMA)
        except RuntimeError:  # a response built by hand, without its request
            where, output_schema = "", None
        self._state = StreamState(
            max_event_size=max_event_size, secret=secret, where=where, output_schema=output_schema
        )
        self._pending: deque[Item] = deque()
        self._span = span
        self._seen_content = False
        self._each_chunk = span.wants_each_chunk
        self._reported_span_id = False
        self._output_type = output_type
        # The callback must not reference self, or the stream could never be collected.
        self._finalizer = weakref.finalize(self, on_abandon)

    @property
    def span_id(self) -> str | None:
        """Opper's span id for this call, from the first chunk."""
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
        return self._state.last_event_id

    @property
    def retry(self) -> int | None:
        """The latest SSE ``retry`` value (milliseconds) the server sent, if any."""
        return self._state.retry

    @property
    def usage(self) -> Usage | None:
        """Token counts (the generated ``Usage``, as ``CallResult.usage``), fetched once the
        stream is drained when the client has ``stream_usage=True``; else ``None``."""
        return None if self._usage_found is None else self._usage_found.usage

    @property
    def cost(self) -> Cost | None:
        """Opper's cost in USD (the generated ``Cost``), like ``usage``; else ``None``."""
        return None if self._usage_found is None else self._usage_found.cost

    def _usage_due(self, error: BaseException | None, completed: bool) -> str | None:
        """The span id to fetch usage for: only for a drained stream, when asked for."""
        if error is not None or not completed or self._usage_fetcher is None:
            return None
        self._span.stop_clock()
        return self._state.span_id

    def _final_output(self) -> OutputT:
        state = self._state
        if self._output_type is not None:
            return cast(OutputT, to_python(self._output_type, state.output))
        return cast(OutputT, state.text if state.output is None else state.output)

    def _deliver(self, item: Item) -> StreamChunk | None:
        """The chunk to yield for ``item``; ``None`` for an event that only carries ids (the
        first event's ``span_id``), which updates the stream without being a chunk."""
        if isinstance(item, Failure):
            raise self._state.error(item.cls, item.message, **item.fields)
        if item.chunk_type is not None:
            self._state.accept(item)
            if self._seen_content:
                if self._each_chunk:
                    self._span.on_chunk()
            else:
                self._seen_content = True
                self._span.on_first_chunk()
        if not self._reported_span_id and self._state.span_id is not None:
            self._reported_span_id = True
            self._span.on_opper_span_id(self._state.span_id)
        if item.chunk_type is None and item.delta is None and not item.extra:
            return None
        return item

    def _eof(self) -> bool:
        """The body ended: queue what the decoder still holds; True when nothing is left."""
        self._pending.extend(self._state.flush())
        return not self._pending

    def _is_event_stream(self) -> bool:
        media_type: str = self.response.headers.get("content-type", "").partition(";")[0]
        return media_type.strip().lower() == _EVENT_STREAM

    def _head_size(self) -> int:
        # Enough bytes that a key starting inside the quoted excerpt is read whole (12 bytes
        # is its longest spelling per character), so redaction sees it before the cut.
        return 4 * _EXCERPT + 12 * len(self._secret) + 16

    def _not_an_event_stream(self, head: bytes) -> APIResponseError:
        """The error for a 2xx answer that is not an event stream; ``head`` is its start."""
        response, secret = self.response, self._secret
        content_type = response.headers.get("content-type")
        body = excerpt(head.decode("utf-8", "replace"), secret, _EXCERPT)
        got = repr(redact(content_type, secret)) if content_type else "no Content-Type"
        where = self._state.where or "the request"
        message = (
            f"{response.status_code} from {where} is not an event stream: "
            f"expected {_EVENT_STREAM}, got {got}; the body starts {body!r}"
        )
        return APIResponseError(
            redact(message, secret),
            status_code=response.status_code,
            content_type=redact(content_type, secret),
            body=body,
        )

    def _finish_span(
        self, error: BaseException | None, completed: bool, found: StreamUsage | None = None
    ) -> None:
        self.closed = True
        self.completed = error is None and completed
        self._finalizer.detach()
        span = self._span
        if error is None and completed:
            state = self._state
            self._usage_found = found
            span.on_result(
                usage=self.usage, cost=self.cost, output_text=state.text, output_json=state.output
            )
        span.finish(error, completed=completed)


class Stream(_StreamBase[OutputT]):
    """A streamed call's chunks, as they arrive. Returned by ``Opper.stream()``.

    Iterate it for ``StreamChunk`` objects; use it as a context manager (or call ``close()``) so
    the HTTP response is closed even if you stop early::

        with opper.stream("add_numbers", input={"x": 1, "y": 3}) as stream:
            for chunk in stream:
                print(chunk.delta, end="", flush=True)
        print(stream.span_id, stream.text)

    ``text`` and ``output`` hold the result so far, also after a ``StreamError``.

    When iteration ends without an exception, ``stream.completed`` is true: the server closed
    the body cleanly after a whole event. v2 streams have no end sentinel, so that clean close
    is all "complete" can mean. A cut the client can see raises ``StreamInterruptedError`` (with
    what arrived in ``text``/``output``): a reset or a stall, a body that ends inside an event,
    a body with no event at all. A body without length or chunking, cut exactly between two
    events, cannot be told from the normal end. ``completed`` is false after an error or an
    early ``close()`` (and ``Opper.close()`` closes the streams still open), and the span
    carries the same value as ``opper.stream.completed``::

        with opper.stream("summarise", input=text) as stream:
            text = "".join(stream.text_stream)
        assert stream.completed
    """

    __slots__ = ("_chunks",)

    def __init__(
        self,
        response: httpx.Response,
        span: CallSpan,
        *,
        max_event_size: int,
        output_type: Any = None,
        secret: str = "",
        usage: UsageFetcher | None = None,
    ) -> None:
        super().__init__(
            response,
            span,
            max_event_size=max_event_size,
            on_abandon=lambda: _abandon_sync(response, span),
            output_type=output_type,
            secret=secret,
            usage=usage,
        )
        self._chunks = response.iter_bytes()

    def start(self) -> Self:
        """Check the answer is an event stream and read up to its first event, so that errors
        before it (``APIResponseError``, a failure in place of the first event) surface from
        ``opper.stream()``."""
        if not self._is_event_stream():
            head = b""
            try:
                for data in self._chunks:
                    head += data
                    if len(head) >= self._head_size():
                        break
            except httpx.HTTPError:
                pass  # what arrived is enough to say what is wrong
            except BaseException as exc:
                self._end(exc)
                raise
            error = self._not_an_event_stream(head)
            self._end(error)
            raise error
        if self._fill() and isinstance(self._pending[0], Failure):
            next(self)
        return self

    def _fill(self) -> bool:
        """Read until an item is pending; False when the body ended with nothing left."""
        pending = self._pending
        while not pending:
            try:
                data = next(self._chunks)
            except StopIteration:
                if self._eof():
                    self._end(None, completed=True)
                    return False
                break
            except httpx.HTTPError as exc:
                error = interrupted(self._state, exc)
                self._end(error)
                raise error from exc
            except BaseException as exc:
                self._end(exc)
                raise
            pending.extend(self._state.feed(data))
            if self._state.finished and not pending:
                self._end(None, completed=True)
                return False
        return True

    def __iter__(self) -> Self:
        return self

    def __next__(self) -> StreamChunk:
        while True:
            if self.closed or not (self._pending or self._fill()):
                raise StopIteration
            try:
                chunk = self._deliver(self._pending.popleft())
            except StreamError as exc:
                self._end(exc)
                raise
            if chunk is not None:
                return chunk

    @property
    def text_stream(self) -> Iterator[str]:
        """The text deltas alone, as they arrive::

        for text in stream.text_stream:
            print(text, end="", flush=True)
        """
        for chunk in self:
            if chunk.chunk_type == CHUNK_TEXT and isinstance(chunk.delta, str):
                yield chunk.delta

    def until_done(self) -> Self:
        """Read the stream to its end (``text``/``output`` are then complete)."""
        for _ in self:
            pass
        return self

    def get_final_output(self) -> OutputT:
        """Read to the end and return the result: an instance of ``output_schema`` when it is a
        type, the assembled JSON for a dict schema, else the text."""
        return self.until_done()._final_output()

    def close(self) -> None:
        """Close the response; the stream ends here. Safe to call more than once."""
        self._end(None, completed=False)

    def _end(self, error: BaseException | None, completed: bool = True) -> None:
        if self.closed:
            return
        found = None
        try:
            self.response.close()
            span_id = self._usage_due(error, completed)
            fetcher, self._usage_fetcher = self._usage_fetcher, None
            if span_id is not None and isinstance(fetcher, UsageFetcher):
                found = fetcher.fetch(span_id, self._span)
        finally:
            self._finish_span(error, completed, found)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._end(exc, completed=False)

    def __repr__(self) -> str:
        return f"<Stream span_id={self.span_id!r} closed={self.closed}>"


class AsyncStream(_StreamBase[OutputT]):
    """The async twin of ``Stream``, returned by ``AsyncOpper.stream()``::

    async with await opper.stream("add_numbers", input={"x": 1, "y": 3}) as stream:
        async for chunk in stream:
            print(chunk.delta, end="", flush=True)
    """

    __slots__ = ("_chunks",)

    def __init__(
        self,
        response: httpx.Response,
        span: CallSpan,
        *,
        max_event_size: int,
        output_type: Any = None,
        secret: str = "",
        usage: AsyncUsageFetcher | None = None,
    ) -> None:
        # An async response cannot be closed from a finaliser; only the span is ended there.
        super().__init__(
            response,
            span,
            max_event_size=max_event_size,
            on_abandon=span.abandon,
            output_type=output_type,
            secret=secret,
            usage=usage,
        )
        self._chunks = response.aiter_bytes()

    async def start(self) -> Self:
        """Check the answer is an event stream and read up to its first event; see
        ``Stream.start``."""
        if not self._is_event_stream():
            head = b""
            try:
                async for data in self._chunks:
                    head += data
                    if len(head) >= self._head_size():
                        break
            except httpx.HTTPError:
                pass  # what arrived is enough to say what is wrong
            except BaseException as exc:
                await self._end(exc)
                raise
            error = self._not_an_event_stream(head)
            await self._end(error)
            raise error
        if await self._fill() and isinstance(self._pending[0], Failure):
            await self.__anext__()
        return self

    async def _fill(self) -> bool:
        """Read until an item is pending; False when the body ended with nothing left."""
        pending = self._pending
        while not pending:
            try:
                data = await anext(self._chunks)
            except StopAsyncIteration:
                if self._eof():
                    await self._end(None, completed=True)
                    return False
                break
            except httpx.HTTPError as exc:
                error = interrupted(self._state, exc)
                await self._end(error)
                raise error from exc
            except BaseException as exc:
                await self._end(exc)
                raise
            pending.extend(self._state.feed(data))
            if self._state.finished and not pending:
                await self._end(None, completed=True)
                return False
        return True

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> StreamChunk:
        while True:
            if self.closed or not (self._pending or await self._fill()):
                raise StopAsyncIteration
            try:
                chunk = self._deliver(self._pending.popleft())
            except StreamError as exc:
                await self._end(exc)
                raise
            if chunk is not None:
                return chunk

    @property
    async def text_stream(self) -> AsyncIterator[str]:
        """The text deltas alone, as they arrive; see ``Stream.text_stream``."""
        async for chunk in self:
            if chunk.chunk_type == CHUNK_TEXT and isinstance(chunk.delta, str):
                yield chunk.delta

    async def until_done(self) -> Self:
        """Read the stream to its end (``text``/``output`` are then complete)."""
        async for _ in self:
            pass
        return self

    async def get_final_output(self) -> OutputT:
        """Read to the end and return the result; see ``Stream.get_final_output``."""
        return (await self.until_done())._final_output()

    async def aclose(self) -> None:
        """Close the response; the stream ends here. Safe to call more than once."""
        await self._end(None, completed=False)

    async def _end(self, error: BaseException | None, completed: bool = True) -> None:
        if self.closed:
            return
        found = None
        try:
            await self.response.aclose()
            span_id = self._usage_due(error, completed)
            fetcher, self._usage_fetcher = self._usage_fetcher, None
            if span_id is not None and isinstance(fetcher, AsyncUsageFetcher):
                found = await fetcher.fetch(span_id, self._span)
        finally:
            self._finish_span(error, completed, found)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._end(exc, completed=False)

    def __repr__(self) -> str:
        return f"<AsyncStream span_id={self.span_id!r} closed={self.closed}>"


class AsyncStreamManager(Generic[OutputT]):
    """What ``AsyncOpper.stream()`` returns: await it for the ``AsyncStream``, or use it
    directly as an async context manager, as with httpx or aiohttp::

        async with opper.stream("summarise", input=text) as stream:       # or: await opper.stream
            async for text in stream.text_stream:
                print(text, end="")

    Nothing is sent until it is awaited or entered.
    """

    __slots__ = ("_open", "_stream")

    def __init__(self, open: Callable[[], Coroutine[Any, Any, AsyncStream[OutputT]]]) -> None:
        self._open = open
        self._stream: AsyncStream[OutputT] | None = None

    def __await__(self) -> Generator[Any, None, AsyncStream[OutputT]]:
        return self._open().__await__()

    async def __aenter__(self) -> AsyncStream[OutputT]:
        self._stream = await self._open()
        return self._stream

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._stream is not None:
            await self._stream.__aexit__(exc_type, exc, tb)
