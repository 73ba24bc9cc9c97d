"""A sans-IO decoder for ``text/event-stream`` bodies (server-sent events).

Spec: WHATWG HTML, §9.2.5 "Parsing an event stream" and §9.2.6 "Interpreting an event stream",
https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation

Feed it the bytes of a response as they arrive and call :meth:`SSEDecoder.flush` at the end::

    decoder = SSEDecoder()
    try:
        for chunk in response.iter_bytes():
            for event in decoder.feed(chunk):
                handle(event.json())
        decoder.flush()
    except SSEDecodeError:
        ...  # an event was larger than max_event_size; every event before it was returned
    # decoder.last_event_id and decoder.retry are what a reconnect needs.

The module stands alone (standard library only), so it can be vendored or used without the
client.

Why handwritten rather than httpx-sse: measured against httpx-sse 0.4.3 (the conformance table of
``benchmarks/bench_sse.py``), it keeps a leading BOM in the first field name, so the first event is
lost; once an ``id`` has been seen, every later blank line or comment emits a phantom empty event
(httpx-sse #35); it holds a CR that ends a chunk until more bytes arrive, so an event can come out
late or only at the end of the stream; and it takes ``retry: +5`` or ``retry: ١٢٣`` because it
uses ``int()``. It also has no bound on the size of an event. This decoder takes bytes, follows the
rules cited below, caps one event's size, and decodes streams faster (the throughput tables of the
same benchmark, for data-only events and for events with ``id``, ``event`` and comments).
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

__all__ = ["DEFAULT_MAX_EVENT_SIZE", "SSEDecodeError", "SSEDecoder", "ServerSentEvent"]

DEFAULT_MAX_EVENT_SIZE = 16 * 1024 * 1024
"""The default cap, in bytes, on one event (see :class:`SSEDecoder` for what is counted)."""

_BOM = b"\xef\xbb\xbf"


def _retry_ms(value: str) -> int | None:
    # §9.2.6: ASCII digits only; beyond Python's int-from-text limit it is ignored, not raised.
    if value.isascii() and value.isdigit():
        try:
            return int(value)
        except ValueError:
            pass
    return None


class SSEDecodeError(ValueError):
    """The stream cannot be decoded further: an event is larger than ``max_event_size``."""


class ServerSentEvent:
    """One dispatched event. Immutable.

    ``event`` is the type (``"message"`` unless an ``event`` field set it), ``data`` the ``data``
    lines joined by LF, ``id`` the stream's last event ID when the event was dispatched, and
    ``retry`` the valid ``retry`` value given in the event's own block, else ``None``.
    """

    __slots__ = ("_data", "_event", "_id", "_retry")

    def __init__(
        self, event: str = "message", data: str = "", id: str = "", retry: int | None = None
    ) -> None:
        self._event = event
        self._data = data
        self._id = id
        self._retry = retry

    @property
    def event(self) -> str:
        """The event type."""
        return self._event

    @property
    def data(self) -> str:
        """The event's data: its ``data`` lines joined by LF."""
        return self._data

    @property
    def id(self) -> str:
        """The stream's last event ID at dispatch ("" if none was ever set)."""
        return self._id

    @property
    def retry(self) -> int | None:
        """The reconnection time in ms given in this event's block, if any."""
        return self._retry

    def json(self) -> Any:
        """``data`` parsed as JSON (raises :class:`json.JSONDecodeError` when it is not JSON)."""
        return json.loads(self._data)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ServerSentEvent):
            return NotImplemented
        return (self._event, self._data, self._id, self._retry) == (
            other._event,
            other._data,
            other._id,
            other._retry,
        )

    def __hash__(self) -> int:
        return hash((self._event, self._data, self._id, self._retry))

    def __repr__(self) -> str:
        parts = [f"data={self._data!r}"]
        if self._event != "message":
            parts.insert(0, f"event={self._event!r}")
        if self._id:
            parts.append(f"id={self._id!r}")
        if self._retry is not None:
            parts.append(f"retry={self._retry!r}")
        return f"ServerSentEvent({', '.join(parts)})"


class SSEDecoder:
    """Turns the bytes of an event stream into :class:`ServerSentEvent` objects.

    Sans-IO: :meth:`feed` takes any chunking of the body and returns the events it completes, as
    soon as the blank line that ends each one arrives. :meth:`flush` marks the end of the body;
    after it the decoder can take a new connection's body and keeps ``last_event_id`` and
    ``retry``. Between calls it holds the unfinished event's bytes and nothing else of the
    stream (but for up to two bytes that may start a BOM): exactly what the cap counts.

    What ``max_event_size`` counts: the bytes of the event's lines, from its first line to its
    last, each with one line ending, whether CRLF, LF or CR arrived (so CRLF counts one byte);
    comments and unknown fields count, the blank line that ends the event and blank lines before
    it do not. ``b"id: 7\\r\\ndata: ab\\r\\n\\r\\n"`` is 6 + 9 = 15 bytes. An unfinished event
    counts what it has so far, its last, incomplete line included. Bytes rather than characters
    because that is what the decoder holds for an unfinished event, so the cap bounds its memory,
    and nothing needs decoding to be counted; line endings count one so that the same stream with
    LF or CRLF endings passes or fails alike. The count is a function of the bytes alone that
    only grows as they arrive, so the outcome is the same for every split into chunks.

    An event over the cap stops the body: :class:`SSEDecodeError` is raised once the event's
    count passes ``max_event_size``, and nothing of that event applies (no ``id``, no ``retry``).
    Events that ended before it are never lost: when the :meth:`feed` call that finds it has
    completed some, it returns them and the next :meth:`feed` or :meth:`flush` raises;
    otherwise it raises itself. After that :meth:`feed` keeps raising, and :meth:`flush` (which
    raises only if the error is still unreported) readies the decoder for a new body::

        decoder = SSEDecoder(max_event_size=64 * 1024)
        events = decoder.feed(b"data: a\\n\\ndata: " + b"x" * 70_000)
        # events == [ServerSentEvent(data='a')]: the second event is over the cap, so
        decoder.flush()  # raises SSEDecodeError
    """

    __slots__ = (
        "_clean",
        "_error",
        "_last_event_id",
        "_max",
        "_pending",
        "_retry",
        "_size",
        "_skip_lf",
        "_start",
        "_unreported",
    )

    def __init__(self, max_event_size: int = DEFAULT_MAX_EVENT_SIZE) -> None:
        if max_event_size < 1:
            raise ValueError(f"max_event_size must be positive, got {max_event_size!r}")
        self._max = max_event_size
        self._last_event_id = ""
        self._retry: int | None = None
        # The unfinished event: its bytes from its first line on, line endings made LF, as pieces
        # so that a long event is joined once, when it ends. At the start of a body it may hold
        # the first bytes of a BOM instead.
        self._pending: list[bytes] = []
        self._size = 0
        self._start = True
        self._skip_lf = False
        self._error: str | None = None
        self._unreported = False
        # True when nothing carries over from earlier chunks, so a chunk stands on its own.
        self._clean = False

    @property
    def last_event_id(self) -> str:
        """The last event ID string (§9.2.6).

        Set when a block with a valid ``id`` ends and kept across events; a reconnect sends it as
        ``Last-Event-ID`` when it is not empty.
        """
        return self._last_event_id

    @property
    def retry(self) -> int | None:
        """The latest valid ``retry`` in ms, also from blocks that dispatched nothing.

        Updated when the block that holds it ends, or by :meth:`flush` for the unfinished one.
        """
        return self._retry

    def feed(self, data: bytes) -> list[ServerSentEvent]:
        """Decode the next chunk of the body; return the events it completes, in order.

        Raises :class:`SSEDecodeError` when an event is over ``max_event_size`` (see the class).
        """
        if self._clean:
            # Nothing carries over, so a chunk that ends with a blank line stands on its own, and
            # none of its events is over end + 1 bytes: none is over the cap if end < the cap.
            if data[-2:] == b"\n\n":
                end = len(data) - 2
            elif data[-4:] == b"\r\n\r\n":
                end = len(data) - 4
            else:
                end = -1
            if 0 <= end < self._max:
                if data[0] == 100 and data[:6] == b"data: ":
                    # The usual shape: the chunk is exactly one event made of one data line.
                    value = data[6:end]
                    if 10 not in value and 13 not in value:
                        try:
                            text = value.decode()
                        except UnicodeDecodeError:
                            text = value.decode("utf-8", "replace")
                        return [ServerSentEvent("message", text, self._last_event_id, None)]
                events: list[ServerSentEvent] = []
                if 13 in data:
                    # bytes.splitlines splits at CRLF, LF and CR only, as §9.2.5 does.
                    lines = data.splitlines()
                    try:
                        self._parse(list(map(bytes.decode, lines)), events)
                    except UnicodeDecodeError:
                        self._parse([line.decode("utf-8", "replace") for line in lines], events)
                    return events
                try:
                    text = data.decode()
                except UnicodeDecodeError:
                    text = data.decode("utf-8", "replace")
                if "\n\ndata: " in text:
                    self._runs(text, events)
                else:
                    self._parse(text.split("\n"), events)
                return events

        events = []
        if self._error is not None:
            self._fail()
        pending = self._pending
        if self._start:
            # §9.2.5: one leading U+FEFF BOM is ignored, only at the start of the stream.
            if pending:
                data = pending.pop() + data
            if data[:3] == _BOM:
                data = data[3:]
            elif len(data) < 3 and _BOM.startswith(data):
                if data:
                    pending.append(data)
                return events
            self._start = False
        if self._skip_lf and data:
            # The CR that ended the previous chunk already ended its line; this LF is its pair.
            self._skip_lf = False
            if data[0] == 10:
                data = data[1:]
        if 13 in data:
            # §9.2.5: lines end at CRLF, LF or CR, and so does bytes.splitlines; a CR that ends
            # the chunk ends its line now.
            lines = data.splitlines()
            if data[-1] == 13 or data[-1] == 10:
                self._skip_lf = data[-1] == 13
                lines.append(b"")
            data = b"\n".join(lines)
        if not data:
            return events

        # Events end at a blank line: the last one in this chunk splits what ends here from what
        # carries over. It may be the chunk's first LF, after a line that ended the last chunk.
        cut = data.rfind(b"\n\n") + 2
        if cut < 2:
            if pending and data[0] == 10 and pending[-1][-1] == 10:
                cut = 1
            else:
                if not pending:
                    data = data.lstrip(b"\n")
                    if not data:
                        return events
                pending.append(data)
                self._size += len(data)
                self._clean = False
                if self._size > self._max:
                    return self._overflow(events)
                return events
        if pending:
            pending.append(data[:cut])
            region = b"".join(pending)
            self._pending = pending = []
        else:
            region = data[:cut]
        rest = data[cut:]
        over = -1
        if len(region) > self._max:
            over = self._oversized(region)
            if over >= 0:
                region = region[:over]
        # Lines end at ASCII bytes, so decoding complete lines at once is decoding the stream.
        text = region.decode("utf-8", "replace")
        if "\n\ndata: " in text:
            self._runs(text, events)
        else:
            self._parse(text.split("\n"), events)
        if over >= 0:
            return self._overflow(events)
        if rest:
            pending.append(rest)
            self._size = len(rest)
            self._clean = False
            if len(rest) > self._max:
                return self._overflow(events)
        else:
            self._size = 0
            self._clean = not self._skip_lf
        return events

    def flush(self) -> list[ServerSentEvent]:
        """End of the body: discard an unfinished event (§9.2.6) and reset for a new body.

        A line ends as soon as its terminator arrives, so the end of the body completes no event
        and the list returned is empty. ``retry`` fields on complete lines of the discarded block
        still apply; its ``id`` fields do not, since it was never dispatched. Raises
        :class:`SSEDecodeError` if an oversized event was found and not yet reported.
        """
        error = self._error if self._unreported else None
        pending = self._pending
        if pending and self._error is None:
            if self._start:
                # Bytes that began like a BOM and end the body are the start of a line.
                if len(pending[0]) > self._max:
                    error = self._too_large()
            else:
                lines = b"".join(pending).decode("utf-8", "replace").split("\n")
                lines.pop()
                for line in lines:
                    name, _, value = line.partition(":")
                    if name == "retry":
                        parsed = _retry_ms(value[1:] if value[:1] == " " else value)
                        if parsed is not None:
                            self._retry = parsed
        self._pending = []
        self._size = 0
        self._start = True
        self._skip_lf = False
        self._error = None
        self._unreported = False
        self._clean = False
        if error is not None:
            raise SSEDecodeError(error)
        return []

    def _runs(self, text: str, events: list[ServerSentEvent]) -> None:
        # After the mark "blank line, then 'data: '" an event starts with a data line; when that
        # is its only line, the text up to the next mark is its data as it stands.
        pieces = text.split("\n\ndata: ")
        first = pieces[0]
        if first:
            self._parse((first + "\n\n").split("\n"), events)
        last = pieces.pop()
        del pieces[0]
        last_event_id = self._last_event_id
        if text.count("\n", len(first) + 8, len(text) - len(last) - 8) == 2 * len(pieces) - 2:
            events += [ServerSentEvent("message", v, last_event_id, None) for v in pieces]
        else:
            for piece in pieces:
                if "\n" in piece:
                    self._parse(("data: " + piece + "\n\n").split("\n"), events)
                    last_event_id = self._last_event_id
                else:
                    events.append(ServerSentEvent("message", piece, last_event_id, None))
        if last.find("\n") == len(last) - 2:
            events.append(ServerSentEvent("message", last[:-2], last_event_id, None))
        else:
            self._parse(("data: " + last).split("\n"), events)

    def _parse(self, lines: list[str], events: list[ServerSentEvent]) -> None:
        # §9.2.6 over the lines of complete events: each ends with a blank line.
        append = events.append
        last_event_id = self._last_event_id
        data = block_id = None
        more: list[str] | None = None
        event_type = "message"
        block_retry: int | None = None
        for line in lines:
            if not line:
                if block_id is not None:
                    last_event_id = block_id
                    block_id = None
                if data is not None:
                    if more is not None:
                        data = "\n".join(more)
                        more = None
                    append(ServerSentEvent(event_type, data, last_event_id, block_retry))
                    data = None
                event_type = "message"
                block_retry = None
                continue
            # Most lines are spelled "name: value", so split there first; a name that then holds a
            # colon had none with a space after it, and the first colon is where it ends.
            name, _, value = line.partition(": ")
            while True:
                if name == "data":
                    if data is None:
                        data = value
                    elif more is None:
                        more = [data, value]
                    else:
                        more.append(value)
                elif name == "id":
                    if "\0" not in value:
                        block_id = value
                elif name == "event":
                    event_type = value or "message"
                elif name == "retry":
                    parsed = _retry_ms(value)
                    if parsed is not None:
                        self._retry = block_retry = parsed
                elif ":" in name:
                    name, _, value = line.partition(":")
                    continue
                break
        self._last_event_id = last_event_id

    def _oversized(self, region: bytes) -> int:
        """Where the first event of ``region`` over the cap starts, or -1."""
        pos = 0
        for block in region.split(b"\n\n"):
            # Its size is its length plus one for its last line's ending, less leading blank lines.
            size = len(block)
            if size >= self._max:
                blank = size - len(block.lstrip(b"\n"))
                if size - blank >= self._max:
                    return pos + blank
            pos += size + 2
        return -1

    def _overflow(self, events: list[ServerSentEvent]) -> list[ServerSentEvent]:
        self._error = self._too_large()
        self._pending = []
        self._size = 0
        self._clean = False
        if not events:
            self._fail()
        self._unreported = True
        return events

    def _too_large(self) -> str:
        return (
            f"a server-sent event is larger than max_event_size={self._max} bytes; "
            "pass a larger max_event_size to SSEDecoder to accept it"
        )

    def _fail(self) -> NoReturn:
        self._unreported = False
        raise SSEDecodeError(self._error)
