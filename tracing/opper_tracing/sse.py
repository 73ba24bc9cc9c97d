"""A sans-IO, standard-library-only decoder for ``text/event-stream`` bodies, following WHATWG
HTML §9.2.5-9.2.6 (https://html.spec.whatwg.org/multipage/server-sent-events.html). Handwritten
because httpx-sse 0.4.3 (compared in ``benchmarks/bench_sse.py``) drops the first event after a
BOM, emits phantom empty events once an ``id`` was seen (httpx-sse #35), holds back a CR that ends
a chunk, takes ``retry: +5``, has no cap on an event's size, and decodes more slowly."""

from __future__ import annotations

import json
from typing import Any, NoReturn

__all__ = ["DEFAULT_MAX_EVENT_SIZE", "SSEDecodeError", "SSEDecoder", "ServerSentEvent"]

DEFAULT_MAX_EVENT_SIZE = 16 * 1024 * 1024  # bytes; see SSEDecoder for what is counted


class SSEDecodeError(ValueError):
    """The stream cannot be decoded further: an event is larger than ``max_event_size``."""


class ServerSentEvent:
    """One dispatched event, immutable: ``event`` is its type (``"message"`` unless an ``event``
    field set it), ``data`` its ``data`` lines joined by LF, ``id`` the stream's last event ID at
    dispatch (``""`` if none was ever set), ``retry`` the valid ``retry`` in ms from the event's
    own block, else ``None``. ``json()`` parses ``data`` (or raises ``json.JSONDecodeError``)."""

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
        return self._event

    @property
    def data(self) -> str:
        return self._data

    @property
    def id(self) -> str:
        return self._id

    @property
    def retry(self) -> int | None:
        return self._retry

    def json(self) -> Any:
        return json.loads(self._data)

    def _fields(self) -> tuple[str, str, str, int | None]:
        return self._event, self._data, self._id, self._retry

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ServerSentEvent):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        defaults = {"event": "message", "data": None, "id": "", "retry": None}  # data always shown
        shown = (f"{k}={getattr(self, k)!r}" for k, d in defaults.items() if getattr(self, k) != d)
        return f"ServerSentEvent({', '.join(shown)})"


class SSEDecoder:
    """Turns the bytes of an event stream into :class:`ServerSentEvent` objects::

        decoder = SSEDecoder()
        for chunk in response.iter_bytes():
            for event in decoder.feed(chunk):
                handle(event.json())
        decoder.flush()  # then last_event_id and retry are what a reconnect needs

    :meth:`feed` takes any chunking of the body and returns each event as soon as the blank line
    that ends it arrives, holding only the unfinished event's bytes between calls; after
    :meth:`flush` it takes the next connection's body, keeping ``last_event_id`` and ``retry``.

    ``max_event_size`` counts the bytes of an event's lines as they arrive, each line with one
    ending whether CRLF, LF or CR came; comments and unknown fields count, blank lines do not
    (``b"id: 7\\r\\ndata: ab\\r\\n\\r\\n"`` is 6 + 9 = 15 bytes). So the cap bounds what the
    decoder holds, LF and CRLF streams fare alike, and every chunking has the same outcome. Past
    the cap :class:`SSEDecodeError` is raised and nothing of that event applies (no ``id``, no
    ``retry``); events that ended before it are returned first and the next :meth:`feed` or
    :meth:`flush` raises. :meth:`feed` then keeps raising until :meth:`flush` resets the decoder.
    """

    __slots__ = ("_clean", "_failed", "_last_event_id", "_max", "_pending", "_retry", "_size",
                 "_skip_lf", "_start", "_unreported")  # fmt: skip

    def __init__(self, max_event_size: int = DEFAULT_MAX_EVENT_SIZE) -> None:
        if max_event_size < 1:
            raise ValueError(f"max_event_size must be positive, got {max_event_size!r}")
        self._max = max_event_size
        self._last_event_id = ""
        self._retry: int | None = None
        self._reset()

    def _reset(self) -> None:
        # _pending: the unfinished event's bytes, endings made LF, in pieces joined once it ends
        # (at the start of a body, maybe a BOM's first bytes); _clean: nothing carries over.
        self._pending: list[bytes] = []
        self._size = 0
        self._start = True
        self._skip_lf = self._failed = self._unreported = self._clean = False

    @property
    def last_event_id(self) -> str:
        """The ID of the last block with a valid ``id``, for a reconnect's ``Last-Event-ID``."""
        return self._last_event_id

    @property
    def retry(self) -> int | None:
        """The latest valid ``retry`` in ms, also from blocks that dispatched no event."""
        return self._retry

    def feed(self, data: bytes) -> list[ServerSentEvent]:
        """Decode the next chunk of the body; return the events it completes, in order."""
        if self._clean:
            end = -2 if data[-2:] == b"\n\n" else -4 if data[-4:] == b"\r\n\r\n" else 0
            if end and len(data) + end < self._max:
                # It ends at a blank line, after nothing: whole events, none over the cap.
                if data[0] == 100 and data[:6] == b"data: ":
                    value = data[6:end]
                    if 10 not in value and 13 not in value:  # the usual: one event, one data line
                        try:
                            text = value.decode()
                        except UnicodeDecodeError:
                            text = value.decode("utf-8", "replace")
                        return [ServerSentEvent("message", text, self._last_event_id, None)]
                events: list[ServerSentEvent] = []
                if 13 in data:  # bytes.splitlines ends lines at CRLF, LF and CR only, as §9.2.5
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
        if self._failed:
            self._fail()
        pending = self._pending
        if self._start:
            # §9.2.5: one leading U+FEFF BOM (EF BB BF) is ignored, only at the stream's start.
            if pending:
                data = pending.pop() + data
            if data[:3] == b"\xef\xbb\xbf":
                data = data[3:]
            elif len(data) < 3 and b"\xef\xbb\xbf".startswith(data):
                if data:
                    pending.append(data)
                return events
            self._start = False
        if self._skip_lf and data:
            # The CR that ended the last chunk ended its line: this LF is its pair.
            self._skip_lf = False
            if data[0] == 10:
                data = data[1:]
        if 13 in data:
            # Lines end at CRLF, LF or CR (§9.2.5), as for bytes.splitlines; so does a final CR.
            lines = data.splitlines()
            if data[-1] == 13 or data[-1] == 10:
                self._skip_lf = data[-1] == 13
                lines.append(b"")
            data = b"\n".join(lines)
        if not data:
            return events
        # The last blank line splits what ends here from what carries over; it may be this
        # chunk's first LF, after a line that ended the last chunk.
        cut = data.rfind(b"\n\n") + 2
        if cut == 1 and not (pending and data[0] == 10 and pending[-1][-1] == 10):
            data = data if pending else data.lstrip(b"\n")
            if data:
                pending.append(data)
                self._size += len(data)
                self._clean = False
            return self._overflow(events) if self._size > self._max else events
        region = data[:cut]
        if pending:
            pending.append(region)
            region = b"".join(pending)
            pending.clear()
        rest = data[cut:]
        over = self._oversized(region) if len(region) > self._max else -1
        # Lines end at ASCII bytes, so decoding complete lines at once is decoding the stream.
        text = (region if over < 0 else region[:over]).decode("utf-8", "replace")
        if "\n\ndata: " in text:
            self._runs(text, events)
        else:
            self._parse(text.split("\n"), events)
        if over >= 0 or len(rest) > self._max:
            return self._overflow(events)
        if rest:
            pending.append(rest)
        self._size = len(rest)
        self._clean = not rest and not self._skip_lf
        return events

    def flush(self) -> list[ServerSentEvent]:
        """End of the body: discard an unfinished event (§9.2.6: its complete ``retry`` lines
        apply, its ``id`` lines do not) and reset for a new body. Returns ``[]``, as a line ends
        when its terminator arrives; raises :class:`SSEDecodeError` if an oversized event is
        unreported."""
        unreported = self._unreported
        if self._pending:  # never while failed
            held = b"".join(self._pending)
            # Bytes that began like a BOM and end the body are the start of a line.
            unreported = self._start and len(held) > self._max
            self._parse(held.decode("utf-8", "replace").split("\n")[:-1], [])
        self._reset()
        return self._fail() if unreported else []

    def _runs(self, text: str, events: list[ServerSentEvent]) -> None:
        # After each "blank line, then 'data: '" an event starts with a data line; when that is
        # its only line, the text up to the next such mark is its data as it stands.
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
        # §9.2.6 over whole lines; a blank line ends an event (so flush passes none).
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
            # Most lines are "name: value"; a name that still holds a colon ends at its first.
            name, _, value = line.partition(": ")
            while True:
                if name == "data":
                    if data is None:
                        data = value
                    elif more is None:
                        more = [data, value]
                    else:
                        more.append(value)
                elif name == "id" and "\0" not in value:
                    block_id = value
                elif name == "event":
                    event_type = value or "message"
                elif name == "retry" and value.isascii() and value.isdigit():
                    try:  # noqa: SIM105 (contextlib.suppress costs more)
                        self._retry = block_retry = int(value)
                    except ValueError:  # beyond Python's int-from-text limit: ignored
                        pass
                elif ":" in name:
                    name, _, value = line.partition(":")
                    continue
                break
        self._last_event_id = last_event_id

    def _oversized(self, region: bytes) -> int:
        """Where the first event of ``region`` over the cap starts, or -1."""
        pos = 0
        for block in region.split(b"\n\n"):
            event = block.lstrip(b"\n")  # its size is its length + 1 for its last line's ending
            if len(event) >= self._max:
                return pos + len(block) - len(event)
            pos += len(block) + 2
        return -1

    def _overflow(self, events: list[ServerSentEvent]) -> list[ServerSentEvent]:
        self._reset()
        self._failed = self._unreported = True
        return events or self._fail()

    def _fail(self) -> NoReturn:
        self._unreported = False
        raise SSEDecodeError(
            f"a server-sent event is larger than max_event_size={self._max} bytes; "
            "pass a larger max_event_size to SSEDecoder to accept it"
        )
