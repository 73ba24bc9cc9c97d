"""opper_tracing.sse: the WHATWG event-stream rules, under every chunking.

Rules are cited by section of https://html.spec.whatwg.org/multipage/server-sent-events.html
(§9.2.5 parsing, §9.2.6 interpreting). Each rule runs through ``decode`` under the chunkings in
``CHUNKINGS``; a hypothesis property checks any chunking against feeding the bytes whole, and the
whole feed against ``reference``, a line-by-line transcription of the spec.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opper_tracing import sse
from opper_tracing.sse import DEFAULT_MAX_EVENT_SIZE, ServerSentEvent, SSEDecodeError, SSEDecoder

__all__: list[str] = []

BOM = b"\xef\xbb\xbf"
Chunker = Callable[[bytes], list[bytes]]


def E(data: str, event: str = "message", id: str = "", retry: int | None = None) -> ServerSentEvent:
    return ServerSentEvent(event=event, data=data, id=id, retry=retry)


def _cut(raw: bytes, cuts: list[int]) -> list[bytes]:
    points = [0, *sorted({c for c in cuts if 0 < c < len(raw)}), len(raw)]
    return [raw[a:b] for a, b in pairwise(points)]


def _inside_crlf(raw: bytes) -> list[bytes]:
    return _cut(raw, [i for i in range(1, len(raw)) if raw[i - 1 : i + 1] == b"\r\n"])


def _inside_multibyte(raw: bytes) -> list[bytes]:
    return _cut(raw, [i for i in range(1, len(raw)) if 0x80 <= raw[i] < 0xC0])


def _inside_bom(raw: bytes) -> list[bytes]:
    return _cut(raw, [1, 2, 4])


def _per_event(raw: bytes) -> list[bytes]:
    ends = [i for i in range(2, len(raw) + 1) if raw[i - 2 : i] in (b"\n\n", b"\r\r")]
    return _cut(raw, ends + [i for i in range(4, len(raw)) if raw[i - 4 : i] == b"\r\n\r\n"])


CHUNKINGS: dict[str, Chunker] = {
    "whole": lambda raw: [raw],
    "bytes": lambda raw: [raw[i : i + 1] for i in range(len(raw))],
    "crlf": _inside_crlf,
    "multibyte": _inside_multibyte,
    "bom": _inside_bom,
    "events": _per_event,
    "threes": lambda raw: [raw[i : i + 3] for i in range(0, len(raw), 3)],
}


@pytest.fixture(params=list(CHUNKINGS))
def chunker(request: pytest.FixtureRequest) -> Chunker:
    fn: Chunker = CHUNKINGS[request.param]
    return fn


class Decoded(NamedTuple):
    events: list[ServerSentEvent]
    last_event_id: str
    retry: int | None


def decode(raw: bytes, chunker: Chunker = CHUNKINGS["whole"], **kwargs: int) -> Decoded:
    """Feed ``raw`` in the chunks ``chunker`` makes, then flush."""
    decoder = SSEDecoder(**kwargs)
    events: list[ServerSentEvent] = []
    for chunk in chunker(raw):
        events += decoder.feed(chunk)
    events += decoder.flush()
    return Decoded(events, decoder.last_event_id, decoder.retry)


def events_of(raw: bytes, chunker: Chunker = CHUNKINGS["whole"]) -> list[ServerSentEvent]:
    return decode(raw, chunker).events


def reference(raw: bytes) -> Decoded:
    """The spec's algorithm, line by line, on the whole body (no chunking, no speed tricks)."""
    text = raw.decode("utf-8", "replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines, start, i = [], 0, 0
    while i < len(text):
        if text[i] == "\r":
            lines.append(text[start:i])
            i += 2 if text[i + 1 : i + 2] == "\n" else 1
            start = i
        elif text[i] == "\n":
            lines.append(text[start:i])
            i += 1
            start = i
        else:
            i += 1
    # What is left in text[start:] is not a line: discarded at the end of the stream.
    events: list[ServerSentEvent] = []
    data, event_type, id_buffer, last_event_id = "", "", "", ""
    retry: int | None = None
    block_retry: int | None = None
    for line in lines:
        if line == "":
            last_event_id = id_buffer
            if data:
                events.append(E(data[:-1], event_type or "message", last_event_id, block_retry))
            data, event_type, block_retry = "", "", None
        elif line.startswith(":"):
            continue
        else:
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if name == "data":
                data += value + "\n"
            elif name == "event":
                event_type = value
            elif name == "id" and "\0" not in value:
                id_buffer = value
            elif name == "retry" and value and all(c in "0123456789" for c in value):
                retry = block_retry = int(value)
    return Decoded(events, last_event_id, retry)


# --- §9.2.5: decoding, BOM, line endings ---------------------------------------------------------


def test_plain_event(chunker: Chunker) -> None:
    assert events_of(b"data: hello\n\n", chunker) == [E("hello")]


@pytest.mark.parametrize("eol", [b"\n", b"\r\n", b"\r"], ids=["lf", "crlf", "cr"])
def test_line_endings(eol: bytes, chunker: Chunker) -> None:
    raw = b"data: a" + eol + b"data: b" + eol + eol + b"data: c" + eol + eol
    assert events_of(raw, chunker) == [E("a\nb"), E("c")]


def test_mixed_line_endings(chunker: Chunker) -> None:
    raw = b"data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\r: x\n\nevent: e\r\ndata: f\n\r"
    assert events_of(raw, chunker) == [E("a\nb\nc"), E("d"), E("f", event="e")]


@pytest.mark.parametrize(
    ("raw", "data"),
    [
        pytest.param(
            b"data: a\r\n\r\ndata: b\rdata: c\r\n\r\ndata: d\r\n\r\n",
            ["a", "b\nc", "d"],
            id="lone-cr-between-crlf-events",
        ),
        pytest.param(
            b"data: a\r\n\r\ndata: x\ndata: y\r\n\r\ndata: b\rdata: c\r\n\r\ndata: d\r\n\r\n",
            ["a", "x\ny", "b\nc", "d"],
            id="lf-and-cr-between-crlf-events",
        ),
        pytest.param(
            b"data: a\n\ndata: b\ndata: c\n\ndata: d\n\n\ndata: e\n\n",
            ["a", "b\nc", "d", "e"],
            id="multi-line-between-lf-events",
        ),
    ],
)
def test_line_breaks_inside_a_run_of_events(raw: bytes, data: list[str], chunker: Chunker) -> None:
    assert events_of(raw, chunker) == [E(d) for d in data]


def test_one_bom_is_stripped(chunker: Chunker) -> None:
    assert events_of(BOM + b"data: a\n\n", chunker) == [E("a")]


def test_second_bom_is_part_of_the_field_name(chunker: Chunker) -> None:
    assert events_of(BOM + BOM + b"data: a\n\ndata: b\n\n", chunker) == [E("b")]


def test_bom_after_the_start_is_kept(chunker: Chunker) -> None:
    raw = b"data: a\n\n" + BOM + b"data: b\n\ndata: " + BOM + b"c\n\n"
    assert events_of(raw, chunker) == [E("a"), E("\ufeffc")]


def test_multibyte_characters_survive_any_split(chunker: Chunker) -> None:
    raw = "data: é€😀 ünïcödé\n\n".encode()
    assert events_of(raw, chunker) == [E("é€😀 ünïcödé")]


def test_invalid_utf8_becomes_replacement_character(chunker: Chunker) -> None:
    raw = b"data: a\xffb\xc3(\xe2\x82\n\ndata: \xf0\x9f\x98\n\n"
    assert events_of(raw, chunker) == [E("a\ufffdb\ufffd(\ufffd"), E("\ufffd")]


def test_truncated_character_at_end_of_stream_is_dropped_with_its_event(chunker: Chunker) -> None:
    assert events_of(b"data: a\n\ndata: \xe2\x82", chunker) == [E("a")]


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1e"])
def test_only_cr_and_lf_end_lines(char: str, chunker: Chunker) -> None:
    raw = f"data: a{char}b\n\n".encode()
    assert events_of(raw, chunker) == [E(f"a{char}b")]


def test_cr_at_chunk_end_ends_the_line_now() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\r\n\r") == [E("a")]
    assert decoder.feed(b"\ndata: b\r") == []
    assert decoder.feed(b"\r") == [E("b")]
    assert decoder.feed(b"\n\ndata: c\n\n") == [E("c")]
    assert decoder.flush() == []


def test_lf_after_cr_is_dropped_once_only() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\r") == []
    assert decoder.feed(b"\n") == []
    assert decoder.feed(b"\n") == [E("a")]


def test_events_come_out_as_soon_as_their_blank_line_arrives() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\n") == []
    assert decoder.feed(b"\n") == [E("a")]
    assert decoder.feed(b"data: b\n\ndata: c\n\nda") == [E("b"), E("c")]
    assert decoder.feed(b"ta: d\n\n") == [E("d")]


# --- §9.2.6: fields -----------------------------------------------------------------------------


def test_comments_are_ignored(chunker: Chunker) -> None:
    raw = b": hello\n:\ndata: a\n: inside\ndata: b\n\n:data: c\n\n"
    assert events_of(raw, chunker) == [E("a\nb")]


@pytest.mark.parametrize(
    ("line", "data"),
    [
        pytest.param(b"data: a", "a", id="one-space"),
        pytest.param(b"data:a", "a", id="no-space"),
        pytest.param(b"data:  a", " a", id="two-spaces"),
        pytest.param(b"data:\ta", "\ta", id="tab-kept"),
        pytest.param(b"data: a: b:c", "a: b:c", id="later-colons"),
        pytest.param(b"data: a ", "a ", id="trailing-space"),
        pytest.param(b"data", "", id="no-colon"),
        pytest.param(b"data:", "", id="empty"),
        pytest.param(b"data: ", "", id="empty-space"),
        pytest.param(b"data: a\x00b", "a\x00b", id="nul"),
    ],
)
def test_field_value(line: bytes, data: str, chunker: Chunker) -> None:
    assert events_of(line + b"\n\n", chunker) == [E(data)]


@pytest.mark.parametrize(
    "line", [b"Data: a", b"DATA: a", b"data : a", b" data: a", b"\xef\xbb\xbfdata: a", b"dat: a"]
)
def test_field_names_match_exactly(line: bytes, chunker: Chunker) -> None:
    assert events_of(b"data: x\n\n" + line + b"\n\n", chunker) == [E("x")]


def test_data_lines_join_with_lf_and_one_trailing_lf_goes(chunker: Chunker) -> None:
    raw = b"data: a\ndata: b\n\ndata: c\ndata:\n\ndata\ndata\n\n"
    assert events_of(raw, chunker) == [E("a\nb"), E("c\n"), E("\n")]


def test_event_type(chunker: Chunker) -> None:
    raw = b"event: add\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\nevent: a\nevent: b\ndata: 4\n\n"
    assert events_of(raw, chunker) == [E("1", "add"), E("2"), E("3"), E("4", "b")]


def test_block_without_data_resets_the_type(chunker: Chunker) -> None:
    raw = b"event: add\n\ndata: x\n\n"
    assert events_of(raw, chunker) == [E("x")]


def test_unknown_fields_are_ignored(chunker: Chunker) -> None:
    raw = b"foo: bar\ndata: a\nbaz\nevent2: x\n\nfoo: only\n\n"
    assert events_of(raw, chunker) == [E("a")]


def test_id_persists_across_events(chunker: Chunker) -> None:
    raw = b"id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n"
    got = decode(raw, chunker)
    assert got.events == [E("a", id="1"), E("b", id="1"), E("c", id="2")]
    assert got.last_event_id == "2"


def test_id_after_data_in_the_same_block_applies(chunker: Chunker) -> None:
    assert events_of(b"data: a\nid: 7\n\n", chunker) == [E("a", id="7")]


def test_id_with_nul_is_ignored(chunker: Chunker) -> None:
    raw = b"id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\n"
    got = decode(raw, chunker)
    assert got.events == [E("a", id="1"), E("b", id="1")]
    assert got.last_event_id == "1"


@pytest.mark.parametrize("line", [b"id", b"id:", b"id: "])
def test_empty_id_resets(line: bytes, chunker: Chunker) -> None:
    raw = b"id: 1\ndata: a\n\n" + line + b"\ndata: b\n\n"
    got = decode(raw, chunker)
    assert got.events == [E("a", id="1"), E("b")]
    assert got.last_event_id == ""


def test_block_without_data_sets_id_and_dispatches_nothing(chunker: Chunker) -> None:
    raw = b"id: 7\n\n: keepalive\n\n\n\ndata: a\n\n"
    got = decode(raw, chunker)
    assert got.events == [E("a", id="7")]
    assert got.last_event_id == "7"


def test_no_phantom_events_once_an_id_is_set(chunker: Chunker) -> None:
    # httpx-sse #35: a comment or a blank line after an id produced an empty event.
    raw = b"id: 1\ndata: a\n\n: ping\n\n\n\n\r\n:\n\n"
    assert events_of(raw, chunker) == [E("a", id="1")]


@pytest.mark.parametrize(
    ("value", "retry"),
    [
        pytest.param(b"1000", 1000, id="valid"),
        pytest.param(b"0", 0, id="zero"),
        pytest.param(b"007", 7, id="leading-zeros"),
        pytest.param(b"-1", None, id="negative"),
        pytest.param(b"+5", None, id="plus"),
        pytest.param(b" 10", None, id="second-space"),
        pytest.param(b"10 ", None, id="trailing-space"),
        pytest.param(b"1.5", None, id="decimal"),
        pytest.param(b"1e3", None, id="exponent"),
        pytest.param(b"1_000", None, id="underscore"),
        pytest.param("١٢٣".encode(), None, id="arabic-digits"),
        pytest.param("²".encode(), None, id="superscript"),
        pytest.param("\uff11".encode(), None, id="fullwidth"),
        pytest.param(b"", None, id="empty"),
        pytest.param(b"abc", None, id="letters"),
    ],
)
def test_retry(value: bytes, retry: int | None, chunker: Chunker) -> None:
    got = decode(b"retry: " + value + b"\ndata: a\n\n", chunker)
    assert got.events == [E("a", retry=retry)]
    assert got.retry == retry


def test_retry_is_per_block_on_events_and_latest_on_the_decoder(chunker: Chunker) -> None:
    raw = b"retry: 10\ndata: a\n\ndata: b\n\nretry: 20\n\nretry: x\ndata: c\n\n"
    got = decode(raw, chunker)
    assert got.events == [E("a", retry=10), E("b"), E("c")]
    assert got.retry == 20


def test_retry_too_long_for_an_int_is_ignored_not_raised() -> None:
    # Python refuses to turn more than 4300 digits into an int; such a retry is dropped.
    raw = b"retry: 10\n\nretry: " + b"9" * 5000 + b"\ndata: a\n\nretry: " + b"9" * 5000 + b"\n"
    assert decode(raw) == Decoded([E("a")], "", 10)
    assert decode(raw, CHUNKINGS["threes"]) == Decoded([E("a")], "", 10)


def test_invalid_retry_keeps_the_previous_value(chunker: Chunker) -> None:
    raw = b"retry: 10\nretry: -1\ndata: a\n\nretry: 1.5\n\n"
    got = decode(raw, chunker)
    assert got.events == [E("a", retry=10)]
    assert got.retry == 10


# --- §9.2.6: end of stream ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "tail", [b"data: b", b"data: b\n", b"data: b\r\n", b"data: b\r\n:", b"event: x\ndata: b\n"]
)
def test_unterminated_event_is_discarded(tail: bytes, chunker: Chunker) -> None:
    assert events_of(b"data: a\n\n" + tail, chunker) == [E("a")]


@pytest.mark.parametrize("tail", [b"\r\r", b"\n\r", b"\r\n\r"])
def test_bare_cr_at_end_of_stream_completes_the_blank_line(tail: bytes, chunker: Chunker) -> None:
    assert events_of(b"data: a" + tail, chunker) == [E("a")]


def test_flush_discards_the_unfinished_block_but_applies_its_retry() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"id: 1\ndata: a\n\nid: 2\nretry: 300\ndata: b\nretry: 9") == [
        E("a", id="1")
    ]
    assert decoder.flush() == []
    assert decoder.last_event_id == "1"
    assert decoder.retry == 300


def test_flush_readies_the_decoder_for_a_new_body() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"id: 5\nretry: 50\ndata: a\n\ndata: half\r") == [E("a", id="5", retry=50)]
    assert decoder.flush() == []
    assert decoder.feed(BOM[:2]) == []
    assert decoder.feed(BOM[2:] + b"\ndata: b\n\n") == [E("b", id="5")]
    assert (decoder.last_event_id, decoder.retry) == ("5", 50)


def test_flush_drops_undecoded_bytes() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: \xe2\x82") == []
    assert decoder.flush() == []
    assert decoder.feed(b"data: a\n\n") == [E("a")]


def test_one_event_per_chunk_matches_the_whole_body() -> None:
    chunks = [
        b"data: a\n\n",
        b"data: b\r\n\r\n",
        b"data: c\r\n\n",
        b"data: d\ndata: e\n\n",
        b"data: f\rdata: g\r\n\r\n",
        b"data: \xff\n\n",
        b"data: \n\n",
        b"data: h\n\ndata: i\n\n",
        b"data: " + "é€".encode() + b"\n\n",
        b"id: 1\ndata: j\n\n",
        b"data: k\n\n",
        b"data: \xe2\x82",
        b"\xac\n\n",
        b"data: l\r\n\r\n\xe2",
        b"data: m\n\n",
        b"data: n\n\n",
    ]
    decoder = SSEDecoder()
    decoder.feed(b":\n")
    events = [e for chunk in chunks for e in decoder.feed(chunk)]
    assert events == events_of(b":\n" + b"".join(chunks))
    assert [e.data for e in events][-5:] == ["j", "k", "\u20ac", "l", "n"]
    assert events[-1].id == "1"


def test_one_event_chunk_over_the_cap_raises() -> None:
    decoder = SSEDecoder(max_event_size=11)
    assert decoder.feed(b"data: 1234\n\n") == [E("1234")]
    assert decoder.feed(b"data: 1234\r\n\r\n") == [E("1234")]
    with pytest.raises(SSEDecodeError):
        decoder.feed(b"data: 12345\n\n")


def test_chunk_with_mixed_endings_after_a_finished_event() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: a\n\n") == [E("a")]
    assert decoder.feed(b"data: b\n\ndata: c\r\n\n") == [E("b"), E("c")]
    assert decoder.feed(b"data: d\n\ndata: e\rdata: f\n\ndata: g\n\n") == [
        E("d"),
        E("e\nf"),
        E("g"),
    ]


def test_empty_chunks_are_harmless() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"") == []
    assert decoder.feed(b"data: a\r") == []
    assert decoder.feed(b"") == []
    assert decoder.feed(b"\n\n") == [E("a")]


# --- WHATWG examples (§9.2.6 and §9.2.5 examples) -----------------------------------------------


def test_whatwg_example_stock(chunker: Chunker) -> None:
    raw = b"data: YHOO\ndata: +2\ndata: 10\n\n"
    assert events_of(raw, chunker) == [E("YHOO\n+2\n10")]


def test_whatwg_example_ids(chunker: Chunker) -> None:
    raw = (
        b": test stream\n\n"
        b"data: first event\nid: 1\n\n"
        b"data:second event\nid\n\n"
        b"data:  third event\n"
    )
    got = decode(raw, chunker)
    assert got.events == [E("first event", id="1"), E("second event")]
    assert got.last_event_id == ""


def test_whatwg_example_empty_data(chunker: Chunker) -> None:
    assert events_of(b"data\n\ndata\ndata\n\ndata:", chunker) == [E(""), E("\n")]


def test_whatwg_example_space(chunker: Chunker) -> None:
    assert events_of(b"data:test\n\ndata: test\n\n", chunker) == [E("test"), E("test")]


# --- size cap: the bytes of an event's lines, each line ending counted once ---------------------


def test_default_cap() -> None:
    assert DEFAULT_MAX_EVENT_SIZE == 16 * 1024 * 1024


def byte_lines(raw: bytes) -> tuple[list[tuple[int, bytes]], int]:
    """(offset, line without its ending) for each line of ``raw``, and where the unended tail
    starts; a leading BOM is not part of any line."""
    lines: list[tuple[int, bytes]] = []
    start = i = 3 if raw.startswith(BOM) else 0
    while i < len(raw):
        if raw[i] in b"\r\n":
            lines.append((start, raw[start:i]))
            i += 2 if raw[i : i + 2] == b"\r\n" else 1
            start = i
        else:
            i += 1
    return lines, start


def capped_reference(raw: bytes, cap: int) -> tuple[Decoded, bool]:
    """The documented rule, spelled out: an event's size is the sum of len(line) + 1 over its
    lines, and len(line) alone for an unended last line; blank lines count nothing. Returns what
    the spec decodes before the first event over ``cap``, and whether there is one."""
    lines, tail = byte_lines(raw)
    lines.append((tail, raw[tail:]))
    size, first_line = 0, 0
    for n, (offset, line) in enumerate(lines):
        if not line:
            size = 0
            continue
        if not size:
            first_line = offset
        size += len(line) + (n < len(lines) - 1)
        if size > cap:
            return reference(raw[:first_line]), True
    return reference(raw), False


def decode_capped(raw: bytes, chunker: Chunker, cap: int) -> tuple[Decoded, bool]:
    """Feed and flush like a client does, stopping at the first SSEDecodeError."""
    decoder = SSEDecoder(max_event_size=cap)
    events: list[ServerSentEvent] = []
    error = ""
    try:
        for chunk in chunker(raw):
            events += decoder.feed(chunk)
        events += decoder.flush()
    except SSEDecodeError as exc:
        error = str(exc)
    assert not error or f"larger than max_event_size={cap} bytes" in error
    return Decoded(events, decoder.last_event_id, decoder.retry), bool(error)


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"data: xxxx\n\n", id="one-line"),
        pytest.param(b"data: xxxx\r\n\r\n", id="crlf-counts-one"),
        pytest.param(b"data: xxxx\r\r", id="cr"),
        pytest.param(b"data:\ndata\n\n", id="two-lines"),
        pytest.param(b"id: 1\r\ndata\r\n\r\n", id="id-and-data"),
        pytest.param(b": c\n:\ndata\n\n", id="comments-count"),
        pytest.param(b"data: a\n\n\n\r\ndata: xxxx\n\ndata: b\n\n", id="blank-lines-do-not"),
        pytest.param(BOM + b"data: xxxx\n\n", id="bom-does-not"),
        pytest.param(b"data: \xc3\xa9xx\n\n", id="utf-8-bytes"),
        pytest.param(b"data: \xff\xff\xff\xff\n\n", id="invalid-bytes"),
        pytest.param(b"data: xxxx\n", id="unfinished-with-its-ending"),
        pytest.param(b"data: xxxxx", id="unfinished-line"),
        pytest.param(b"id: 1\ndata:", id="unfinished-two-lines"),
    ],
)
def test_size_is_the_bytes_of_the_lines_one_per_ending(raw: bytes, chunker: Chunker) -> None:
    assert capped_reference(raw, 11)[1] is False
    assert capped_reference(raw, 10)[1] is True
    assert decode_capped(raw, chunker, 11) == capped_reference(raw, 11)
    assert decode_capped(raw, chunker, 10) == capped_reference(raw, 10)


def test_events_before_an_oversized_one_come_first_and_the_next_call_raises() -> None:
    decoder = SSEDecoder(max_event_size=16)
    head = b"id: 1\ndata: a\n\ndata: b\n\nid: 2\nretry: 5\ndata: "
    assert decoder.feed(head + b"x" * 20) == [E("a", id="1"), E("b", id="1")]
    with pytest.raises(SSEDecodeError, match=r"larger than max_event_size=16 bytes"):
        decoder.feed(b"\n\ndata: c\n\n")
    # Nothing of the oversized event applies, and the body stays failed.
    assert (decoder.last_event_id, decoder.retry) == ("1", None)
    with pytest.raises(SSEDecodeError):
        decoder.feed(b"data: d\n\n")
    # Already reported: flush only readies the decoder for a new body.
    assert decoder.flush() == []
    assert decoder.feed(b"data: e\n\n") == [E("e", id="1")]


def test_flush_raises_an_oversized_event_not_yet_reported() -> None:
    decoder = SSEDecoder(max_event_size=16)
    assert decoder.feed(b"data: a\n\ndata: " + b"x" * 20 + b"\n\ndata: b\n\n") == [E("a")]
    with pytest.raises(SSEDecodeError):
        decoder.flush()
    assert decoder.flush() == []
    assert decoder.feed(b"data: c\n\n") == [E("c")]


def test_oversized_event_with_nothing_before_it_raises_at_once() -> None:
    decoder = SSEDecoder(max_event_size=16)
    with pytest.raises(SSEDecodeError):
        decoder.feed(b"data: " + b"x" * 20)
    with pytest.raises(SSEDecodeError):
        decoder.feed(b"\n\n")


def test_cap_error_is_a_value_error_that_names_the_cap() -> None:
    assert issubclass(SSEDecodeError, ValueError)
    with pytest.raises(SSEDecodeError, match=r"larger than max_event_size=4 bytes"):
        SSEDecoder(max_event_size=4).feed(b"data: 12345")


def test_partial_bom_at_the_end_counts_as_a_line() -> None:
    assert decode_capped(BOM[:2], CHUNKINGS["bytes"], 1) == (Decoded([], "", None), True)
    assert decode_capped(BOM[:2], CHUNKINGS["whole"], 2) == (Decoded([], "", None), False)
    assert decode_capped(BOM + b"\n", CHUNKINGS["bytes"], 1) == (Decoded([], "", None), False)


def test_cap_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_event_size"):
        SSEDecoder(max_event_size=0)


def test_many_small_events_never_hit_the_cap() -> None:
    decoder = SSEDecoder(max_event_size=17)
    events = [e for _ in range(1000) for e in decoder.feed(b"data: 0123456789\n\n")]
    assert len(events) == 1000
    events = [e for _ in range(1000) for e in decoder.feed(b"data: 0123456789\r\n\r\n")]
    assert len(events) == 1000


# --- large events: linear structure, not timed ---------------------------------------------------


def test_ten_megabyte_event_in_4k_chunks() -> None:
    payload = b"x" * (10 * 1024 * 1024)
    raw = b"data: " + payload + b"\r\n\r\n"
    decoder = SSEDecoder()
    events: list[ServerSentEvent] = []
    for i in range(0, len(raw), 4096):
        events += decoder.feed(raw[i : i + 4096])
    assert len(events) == 1
    assert len(events[0].data) == len(payload)
    assert events[0].data == payload.decode()


def test_unfinished_event_is_kept_as_pieces_not_rejoined() -> None:
    # Linear time: a chunk that ends no event is appended, never joined with what came before.
    decoder = SSEDecoder()
    decoder.feed(b"data: ")
    for i in range(1, 1001):
        decoder.feed(b"y" * 100 + (b"\ndata: " if i % 10 == 0 else b""))
        assert len(decoder._pending) == i + 1
    (event,) = decoder.feed(b"\n\n")
    assert event.data == "\n".join(["y" * 1000] * 100) + "\n"
    assert decoder._pending == []


def test_many_line_event_in_small_chunks() -> None:
    raw = b"".join(b"data: %d\r\n" % i for i in range(50_000)) + b"\r\n"
    events = events_of(raw, lambda r: [r[i : i + 100] for i in range(0, len(r), 100)])
    assert events == [E("\n".join(str(i) for i in range(50_000)))]


# --- the event type -----------------------------------------------------------------------------


def test_event_defaults_and_json() -> None:
    event = ServerSentEvent(data='{"delta": "hi", "n": [1]}')
    assert (event.event, event.id, event.retry) == ("message", "", None)
    assert event.json() == {"delta": "hi", "n": [1]}
    with pytest.raises(json.JSONDecodeError):
        ServerSentEvent(data="not json").json()


def test_event_is_immutable_and_hashable() -> None:
    event = E("a", id="1")
    with pytest.raises(AttributeError):
        event.data = "b"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        event.other = 1  # type: ignore[attr-defined]
    assert event == E("a", id="1")
    assert event != E("a", id="2")
    assert event != ("message", "a", "1", None)
    assert len({event, E("a", id="1"), E("b")}) == 2


def test_event_repr() -> None:
    assert repr(E("a")) == "ServerSentEvent(data='a')"
    assert repr(E("a", "add", "7", 5)) == "ServerSentEvent(event='add', data='a', id='7', retry=5)"


# --- properties: any chunking equals the whole body, and the whole body equals the spec ----------

FRAGMENTS = [
    b"data",
    b"data:",
    b"data: ",
    b"event:",
    b"event: e",
    b"id:",
    b"id: 1",
    b"id",
    b"\x00",
    b"retry:",
    b"retry: 10",
    b"retry:1",
    b"-",
    b":",
    b" ",
    b"x",
    b"\r",
    b"\n",
    b"\r\n",
    b"\n\n",
    b"\r\n\r\n",
    b"\n\ndata: ",
    b"\r\n\r\ndata: ",
    b"\n\ndata: x",
    BOM,
    "é".encode(),
    "€".encode(),
    "😀".encode(),
    "\u2028".encode(),
    "²".encode(),
    b"\xff",
    b"\xe2\x82",
]

sse_bytes = st.one_of(
    st.binary(max_size=200),
    st.lists(st.sampled_from(FRAGMENTS), max_size=60).map(b"".join),
)


@settings(max_examples=300, deadline=None)
@given(raw=sse_bytes, cuts=st.lists(st.integers(min_value=1, max_value=400), max_size=30))
def test_any_chunking_equals_the_whole_body(raw: bytes, cuts: list[int]) -> None:
    whole = decode(raw)
    assert decode(raw, lambda r: _cut(r, cuts)) == whole
    assert decode(raw, CHUNKINGS["bytes"]) == whole


@settings(max_examples=300, deadline=None)
@given(raw=sse_bytes, cuts=st.lists(st.integers(min_value=1, max_value=400), max_size=3))
def test_chunks_after_a_finished_event_follow_the_spec(raw: bytes, cuts: list[int]) -> None:
    # Once nothing carries over, a chunk that ends at a blank line is decoded on its own.
    body = b"id: 0\ndata: first\n\n" + raw + b"\n\n"
    chunks = [body[:20], *_cut(body[20:], cuts)]
    assert decode(body, lambda _: chunks) == reference(body)


@settings(max_examples=300, deadline=None)
@given(raw=sse_bytes)
def test_whole_body_follows_the_spec(raw: bytes) -> None:
    assert decode(raw) == reference(raw)


@settings(max_examples=300, deadline=None)
@given(
    raw=sse_bytes,
    cuts=st.lists(st.integers(min_value=1, max_value=400), max_size=30),
    cap=st.integers(min_value=1, max_value=40),
)
def test_cap_outcome_is_the_rule_under_any_chunking(raw: bytes, cuts: list[int], cap: int) -> None:
    expected = capped_reference(raw, cap)
    assert decode_capped(raw, lambda r: _cut(r, cuts), cap) == expected
    for name, chunker in CHUNKINGS.items():
        assert decode_capped(raw, chunker, cap) == expected, name


@settings(max_examples=100, deadline=None)
@given(raw=sse_bytes, cap=st.integers(min_value=1, max_value=40))
def test_cap_outcome_is_the_rule_at_every_split_point(raw: bytes, cap: int) -> None:
    expected = capped_reference(raw, cap)
    for i in range(len(raw) + 1):
        assert decode_capped(raw, functools.partial(_cut, cuts=[i]), cap) == expected, i


def unfinished(body: bytes) -> bytes:
    """What of ``body`` belongs to an event not yet ended, line endings made LF."""
    text = body.removeprefix(BOM).replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return text[text.rfind(b"\n\n") + 2 :].lstrip(b"\n") if b"\n\n" in text else text.lstrip(b"\n")


@settings(max_examples=300, deadline=None)
@given(raw=sse_bytes, cuts=st.lists(st.integers(min_value=1, max_value=400), max_size=30))
def test_decoder_holds_only_the_unfinished_event(raw: bytes, cuts: list[int]) -> None:
    decoder = SSEDecoder()
    fed = b""
    for chunk in _cut(raw, cuts):
        decoder.feed(chunk)
        fed += chunk
        held = b"".join(decoder._pending)
        if decoder._start:
            assert BOM.startswith(held)
        else:
            assert held == unfinished(fed)
            assert decoder._size == len(held)


def test_module_stands_alone(tmp_path: Path) -> None:
    # A copy outside the package loads and works: it imports nothing from opper_tracing.
    copy = tmp_path / "sse_alone.py"
    copy.write_bytes(Path(sse.__file__).read_bytes())
    spec = importlib.util.spec_from_file_location("sse_alone", copy)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert [e.data for e in module.SSEDecoder().feed(b"data: a\n\n")] == ["a"]
    assert issubclass(module.SSEDecodeError, ValueError)
