"""SSE decoding: ``opper_tracing.sse`` against the parsers other Python clients use.

Run ``python -m benchmarks.bench_sse [--quick]``; ``run(quick)`` returns the Markdown section.

Contenders, each fed the same byte chunks (the slower peers only the first events of the stream)
and driven the way its own client drives it; every one is iterated as a generator of events:

- **opper-tracing**: ``SSEDecoder.feed`` per chunk, ``flush`` at the end.
- **httpx-sse**: ``httpx_sse._decoders`` as ``EventSource.iter_sse`` uses them: the bytes go
  through the incremental UTF-8 decoder httpx's ``iter_text`` uses, then ``SSELineDecoder`` makes
  lines and ``SSEDecoder.decode`` takes each line with its LF stripped.
- **openai**: ``openai._streaming.SSEDecoder().iter_bytes(chunks)``, what ``Stream`` calls.
- **sseclient-py**: ``sseclient.SSEClient(chunks).events()``.
- **opperai 1.x**: Speakeasy's ``opperai.utils.eventstreaming.stream_events`` over an object
  whose ``iter_bytes()`` gives the chunks, with an identity ``decoder`` (``str -> str``) instead
  of the SDK's pydantic model. Its parsing still ``json.loads`` JSON-looking data and
  ``json.dumps`` each event; that is part of the function, so it is part of its time.
- Two floors: iterating the chunks, and UTF-8 decoding plus splitting on blank lines with no
  field parsing.

Two streams are timed: Opper's own, where every event is one ``data:`` line, and the same events
with ``id:`` and ``event:`` lines, some comments and ``retry:`` fields (the general path), each
with LF and CRLF endings, in 4 KiB chunks and one event per chunk.
"""

from __future__ import annotations

import codecs
import json
import platform
import random
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from benchmarks._harness import (
    DASH,
    Timing,
    fmt_bytes,
    fmt_rate,
    fmt_ratio,
    fmt_seconds,
    main,
    md_table,
    measure,
    paired_ratio,
)
from opper_tracing.sse import SSEDecoder

__all__ = ["CASES", "make_general_stream", "make_stream", "run"]

OURS = "opper-tracing"
HTTPX_SSE = "httpx-sse"
SPEAKEASY = "opperai 1.x (Speakeasy)"
TARGET = 1.5

# One event as the conformance cases and the traces compare them: (type, data, id, retry).
Ev = tuple[str, Any, str, Any]


# --- the stream ---------------------------------------------------------------------------------

_VOCABULARY = (
    "the of and to in is that for it as with was on be by this are from at or have an but not "
    "stream token model output answer delta chunk reason café naïve über déjà 東京 données — 😀 ✓"
)
_WORDS = tuple(_VOCABULARY.split())


def make_stream(n_events: int, seed: int = 7) -> str:
    """An LF-terminated ``/call/stream`` body: a span_id event, then text and json_path deltas.

    About 105 bytes an event, with some non-ASCII text, so 200k events make about 21 MB.
    """
    rng = random.Random(seed)
    out = ['data: {"span_id": "8d3c2f0e-6b1a-4e55-9a7c-3f2d1b0c9e84"}\n\n']
    paths = ["response.people[{}].name", "response.people[{}].bio", "response.summary"]
    for i in range(n_events - 1):
        delta = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(10, 16)))
        if i % 25 == 24:
            path = rng.choice(paths).format(i % 7)
            chunk = {"delta": delta, "json_path": path, "chunk_type": "json"}
        else:
            chunk = {"delta": delta, "chunk_type": "text"}
        out.append(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n")
    return "".join(out)


def make_general_stream(n_events: int, seed: int = 7) -> str:
    """``make_stream``'s events, each with the fields other servers send besides ``data``.

    Every event gets ``id: <n>`` and ``event: text`` (``json`` for json_path deltas) before its
    data line; every 10th also a ``: ping`` comment line and every 100th a ``retry: 3000`` line.
    About 135 bytes an event.
    """
    out = []
    for i, block in enumerate(make_stream(n_events, seed).split("\n\n")[:-1]):
        lines = [": ping"] if i % 10 == 9 else []
        if i % 100 == 0:
            lines.append("retry: 3000")
        lines += [f"id: {i}", "event: json" if '"json_path"' in block else "event: text", block]
        out.append("\n".join(lines) + "\n\n")
    return "".join(out)


def chunk_fixed(raw: bytes, size: int) -> list[bytes]:
    return [raw[i : i + size] for i in range(0, len(raw), size)]


def chunk_events(raw: bytes, eol: bytes) -> list[bytes]:
    sep = eol + eol
    return [part + sep for part in raw.split(sep)[:-1]]


# --- the contenders -----------------------------------------------------------------------------
# Each takes the list of chunks and yields the events in its own type; the benchmark counts them.


def ours(chunks: Iterable[bytes]) -> Iterator[Any]:
    decoder = SSEDecoder()
    for chunk in chunks:
        yield from decoder.feed(chunk)
    yield from decoder.flush()


def httpx_sse(chunks: Iterable[bytes]) -> Iterator[Any]:
    from httpx_sse._decoders import SSEDecoder as LineEventDecoder
    from httpx_sse._decoders import SSELineDecoder

    def lines() -> Iterator[str]:
        # httpx's Response.iter_text: an incremental decoder with errors="replace", empty
        # strings skipped; then httpx_sse._api._iter_sse_lines.
        text_decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        line_decoder = SSELineDecoder()
        for chunk in chunks:
            text = text_decoder.decode(chunk)
            if text:
                yield from line_decoder.decode(text)
        text = text_decoder.decode(b"", True)
        if text:
            yield from line_decoder.decode(text)
        yield from line_decoder.flush()

    decoder = LineEventDecoder()
    for line in lines():
        event = decoder.decode(line.rstrip("\n"))
        if event is not None:
            yield event


def openai_sse(chunks: Iterable[bytes]) -> Iterator[Any]:
    from openai._streaming import SSEDecoder as OpenAIDecoder

    return OpenAIDecoder().iter_bytes(iter(chunks))


def sseclient_py(chunks: Iterable[bytes]) -> Iterator[Any]:
    from sseclient import SSEClient

    return SSEClient(iter(chunks)).events()


class _Body:
    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = chunks

    def iter_bytes(self) -> Iterator[bytes]:
        return iter(self._chunks)


def opperai_v1(chunks: Iterable[bytes]) -> Iterator[Any]:
    from opperai.utils.eventstreaming import stream_events

    return stream_events(_Body(chunks), lambda text: text)  # type: ignore[arg-type]


def floor_iterate(chunks: Iterable[bytes]) -> Iterator[Any]:
    yield from chunks


def floor_split(eol: str) -> Callable[[Iterable[bytes]], Iterator[Any]]:
    sep = eol + eol

    def split(chunks: Iterable[bytes]) -> Iterator[Any]:
        text_decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        rest = ""
        for chunk in chunks:
            blocks = (rest + text_decoder.decode(chunk)).split(sep)
            rest = blocks.pop()
            yield from blocks

    return split


PEERS: dict[str, Callable[[Iterable[bytes]], Iterator[Any]]] = {
    OURS: ours,
    HTTPX_SSE: httpx_sse,
    "openai": openai_sse,
    "sseclient-py": sseclient_py,
    SPEAKEASY: opperai_v1,
}
VERSIONS = {
    HTTPX_SSE: "httpx-sse",
    "openai": "openai",
    "sseclient-py": "sseclient-py",
    SPEAKEASY: "opperai",
}


def count(peer: Callable[[Iterable[bytes]], Iterator[Any]], chunks: list[bytes]) -> int:
    n = 0
    for _event in peer(chunks):
        n += 1
    return n


def _normalise(peer: str, event: Any) -> Ev:
    """Each peer's event as (type, data, id, retry), reading absent values as the spec's."""
    if peer == SPEAKEASY:
        fields = json.loads(event)
        data = fields.get("data", "")
        if not isinstance(data, str):  # it parses JSON-looking data; compare it as JSON text
            data = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return (fields.get("event") or "message", data, fields.get("id") or "", fields.get("retry"))
    retry = event.retry
    if isinstance(retry, str) and retry.isascii() and retry.isdigit():  # sseclient keeps text
        retry = int(retry)
    return (event.event or "message", event.data, event.id or "", retry)


# --- conformance --------------------------------------------------------------------------------


def _e(data: str, event: str = "message", id: str = "", retry: int | None = None) -> Ev:
    return (event, data, id, retry)


BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Case:
    """A spec rule: ``raw`` must decode to ``events``.

    It is run whole and one byte per chunk (4 KiB chunks when large); whole, every event must
    come out before the end of the stream. With ``chunks``, it is run in exactly those chunks
    and event ``i`` must come out right after chunk ``after[i]`` (1-based).
    """

    name: str
    raw: bytes
    events: tuple[Ev, ...]
    chunks: tuple[bytes, ...] = ()
    after: tuple[int, ...] = ()


CASES: tuple[Case, ...] = (
    Case("LF", b"data: a\n\ndata: b\n\n", (_e("a"), _e("b"))),
    Case("CRLF", b"data: a\r\ndata: b\r\n\r\n", (_e("a\nb"),)),
    Case("lone CR", b"data: a\rdata: b\r\rdata: c\r\r: end\n", (_e("a\nb"), _e("c"))),
    Case(
        "mixed endings",
        b"data: a\r\ndata: b\rdata: c\n\r\ndata: d\n\r\n",
        (_e("a\nb\nc"), _e("d")),
    ),
    Case("BOM stripped", BOM + b"data: a\n\n", (_e("a"),)),
    Case("second BOM kept", BOM + BOM + b"data: a\n\ndata: b\n\n", (_e("b"),)),
    Case("BOM mid-stream kept", b"data: a\n\n" + BOM + b"data: b\n\n", (_e("a"),)),
    Case("multi-byte UTF-8", "data: é€😀\n\n".encode(), (_e("é€😀"),)),
    Case("invalid UTF-8 -> U+FFFD", b"data: a\xffb\xc3(\n\n", (_e("a\ufffdb\ufffd("),)),
    Case("U+2028/2029 in data", "data: a\u2028b\u2029c\n\n".encode(), (_e("a\u2028b\u2029c"),)),
    Case("U+0085/VT/FF in data", "data: a\x85b\x0bc\x0cd\n\n".encode(), (_e("a\x85b\x0bc\x0cd"),)),
    Case("comments", b": hi\ndata: a\n:\n\n", (_e("a"),)),
    Case("no space after colon", b"data:a\n\n", (_e("a"),)),
    Case("one space removed", b"data:  a\n\n", (_e(" a"),)),
    Case("tab kept", b"data:\ta\n\n", (_e("\ta"),)),
    Case("no colon = empty value", b"data\n\n", (_e(""),)),
    Case("bare data: dispatches", b"data:\n\n", (_e(""),)),
    Case("data lines joined", b"data: a\ndata: b\n\n", (_e("a\nb"),)),
    Case("one trailing LF removed", b"data: a\ndata:\n\n", (_e("a\n"),)),
    Case("field names exact", b"Data: a\n\ndata : b\n\ndata: c\n\n", (_e("c"),)),
    Case("unknown field ignored", b"foo: bar\ndata: a\n\n", (_e("a"),)),
    Case("event type", b"event: add\ndata: a\n\ndata: b\n\n", (_e("a", "add"), _e("b"))),
    Case("empty event type", b"event:\ndata: a\n\n", (_e("a"),)),
    Case("no-data block resets type", b"event: add\n\ndata: a\n\n", (_e("a"),)),
    Case("id persists", b"id: 1\ndata: a\n\ndata: b\n\n", (_e("a", id="1"), _e("b", id="1"))),
    Case(
        "id with NUL ignored",
        b"id: 1\ndata: a\n\nid: 2\x00\ndata: b\n\n",
        (_e("a", id="1"), _e("b", id="1")),
    ),
    Case("empty id resets", b"id: 1\ndata: a\n\nid\ndata: b\n\n", (_e("a", id="1"), _e("b"))),
    Case("id-only block: no event", b"id: 7\n\ndata: a\n\n", (_e("a", id="7"),)),
    Case("no phantom after id (#35)", b"id: 1\ndata: a\n\n: ping\n\n\n\n", (_e("a", id="1"),)),
    Case("retry on its event", b"retry: 1000\ndata: a\n\n", (_e("a", retry=1000),)),
    Case("retry-only block: no event", b"retry: 500\n\ndata: a\n\n", (_e("a"),)),
    Case("retry -1 / +5 ignored", b"retry: -1\nretry: +5\ndata: a\n\n", (_e("a"),)),
    Case("retry ' 10' / '10 ' ignored", b"retry:  10\nretry: 10 \ndata: a\n\n", (_e("a"),)),
    Case("retry 1.5 ignored", b"retry: 1.5\ndata: a\n\n", (_e("a"),)),
    Case("retry Arabic digits ignored", "retry: ١٢٣\ndata: a\n\n".encode(), (_e("a"),)),
    Case("retry superscript ignored", "retry: ²\ndata: a\n\n".encode(), (_e("a"),)),
    Case("unterminated event dropped", b"data: a\n\ndata: b\n", (_e("a"),)),
    Case("bare CR at EOF completes", b"data: a\r\n\r", (_e("a"),)),
    Case(
        "CR at chunk end not late",
        b"data: a\r\n\r\ndata: b\r\n\r\n",
        (_e("a"), _e("b")),
        chunks=(b"data: a\r\n\r", b"\ndata: b\r\n\r\n"),
        after=(1, 2),
    ),
    Case("WHATWG stock example", b"data: YHOO\ndata: +2\ndata: 10\n\n", (_e("YHOO\n+2\n10"),)),
    Case(
        "WHATWG id example",
        b": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\n"
        b"data:  third event\n",
        (_e("first event", id="1"), _e("second event")),
    ),
    Case("WHATWG empty-data example", b"data\n\ndata\ndata\n\ndata:", (_e(""), _e("\n"))),
    Case("WHATWG space example", b"data:test\n\ndata: test\n\n", (_e("test"), _e("test"))),
    Case("100 kB event", b"data: " + b"x" * 100_000 + b"\n\n", (_e("x" * 100_000),)),
)


class _Pulled:
    """An iterator over chunks that counts how many were taken (one more once exhausted)."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._it = iter(chunks)
        self.taken = 0

    def __iter__(self) -> _Pulled:
        return self

    def __next__(self) -> bytes:
        self.taken += 1
        return next(self._it)


def trace(peer: str, chunks: list[bytes]) -> list[tuple[int, Ev]]:
    """(chunks taken when it came out, event) for each event ``peer`` yields."""
    pulled = _Pulled(chunks)
    return [(pulled.taken, _normalise(peer, e)) for e in PEERS[peer](pulled)]


def check(peer: str, case: Case) -> str | None:
    """None when ``peer`` passes ``case``, else why not."""
    try:
        if case.chunks:
            got = trace(peer, list(case.chunks))
            if [e for _, e in got] != list(case.events):
                return "wrong events"
            if [n for n, _ in got] != list(case.after):
                return "late"
            return None
        whole = trace(peer, [case.raw])
        if [e for _, e in whole] != list(case.events):
            return "wrong events"
        if any(n > 1 for n, _ in whole):
            return "late"
        size = 1 if len(case.raw) < 4096 else 4096
        pieces = trace(peer, chunk_fixed(case.raw, size))
        if [e for _, e in pieces] != list(case.events):
            return "wrong events when chunked"
    except Exception as exc:  # a crash is a failure of the case, not of the benchmark
        return f"raised {type(exc).__name__}"
    return None


def conformance() -> str:
    rows = []
    for peer in PEERS:
        failures = [(case.name, why) for case in CASES if (why := check(peer, case)) is not None]
        failed = "; ".join(f"{name} ({why})" for name, why in failures) or "none"
        rows.append([peer, f"{len(CASES) - len(failures)}/{len(CASES)}", failed])
    return md_table(["parser", "cases passed", "failed cases"], rows)


# --- throughput ---------------------------------------------------------------------------------

FLOORS: dict[str, Callable[[str], Callable[[Iterable[bytes]], Iterator[Any]]]] = {
    "floor: iterate chunks": lambda eol: floor_iterate,
    "floor: split on blank lines": floor_split,
}
# The slower peers are timed on the first events of the stream so that the full run stays near
# two minutes; every rate is per event (or per byte), so the figures compare. Speakeasy walks its
# buffer one byte at a time in Python, about 60 us an event here.
PREFIX = {
    "openai": (25_000, 10_000),
    "sseclient-py": (25_000, 10_000),
    SPEAKEASY: (5_000, 2_000),
}
"""Per peer: how many events it is timed on in full mode and in quick mode."""


@dataclass(frozen=True)
class Workload:
    chunks: list[bytes]
    n_events: int
    n_bytes: int


@dataclass(frozen=True)
class Throughput:
    stream: str
    eol: str
    chunking: str
    workloads: dict[str, Workload]
    per_event: dict[str, Timing]  # seconds per event


def throughput(
    stream: str,
    eol_name: str,
    chunking: str,
    texts: dict[int, str],
    quick: bool,
    eol: str,
    repeat: int,
) -> Throughput:
    full = max(texts)
    by_size = {n: _workload(text, eol, chunking) for n, text in texts.items()}
    _check_agree(by_size[full].chunks[:200])
    workloads: dict[str, Workload] = {}
    contenders: dict[str, Callable[[], object]] = {}
    makers = {**PEERS, **{name: make(eol) for name, make in FLOORS.items()}}
    for name, peer in makers.items():
        work = by_size[_events_for(name, full, quick)]
        workloads[name] = work
        contenders[name] = _counter(peer, work.chunks, work.n_events, name)
        count(peer, work.chunks[:200])  # warm-up: imports, first calls
    timings = measure(contenders, repeat=repeat, warmup=0, clock=time.process_time)
    per_event = {
        name: Timing(tuple(s / workloads[name].n_events for s in t.samples))
        for name, t in timings.items()
    }
    return Throughput(stream, eol_name, chunking, workloads, per_event)


def _check_agree(chunks: list[bytes]) -> None:
    """Ours and httpx-sse must decode the same events from the chunks timed, or no ratio holds."""
    ours_events = [_normalise(OURS, e) for e in ours(chunks)]
    if [_normalise(HTTPX_SSE, e) for e in httpx_sse(chunks)] != ours_events:
        raise AssertionError("opper-tracing and httpx-sse decode the benchmark stream differently")


def _counter(
    peer: Callable[[Iterable[bytes]], Iterator[Any]], chunks: list[bytes], n_events: int, name: str
) -> Callable[[], object]:
    floor = name.startswith("floor")

    def run() -> int:
        n = count(peer, chunks)
        if n != n_events and not floor:
            raise AssertionError(f"{name} decoded {n} events, expected {n_events}")
        return n

    return run


def throughput_table(results: list[Throughput]) -> tuple[str, list[str]]:
    """The rows of ``results`` (one stream) and a verdict line per endings and chunking."""
    rows = []
    verdicts = []
    for r in results:
        ours_t = r.per_event[OURS]
        for name, t in r.per_event.items():
            work = r.workloads[name]
            label = name
            if work.n_events < r.workloads[OURS].n_events:
                label = f"{name}, first {work.n_events:,} events"
            eps = fmt_rate(*t.rate(1))
            mbs = fmt_rate(*t.rate(work.n_bytes / work.n_events / 1e6))
            ratio = "1.00x" if name == OURS else fmt_ratio(*paired_ratio(t, ours_t))
            rows.append([r.eol, r.chunking, label, eps, mbs, ratio])
        med, lo, hi = paired_ratio(r.per_event[HTTPX_SSE], ours_t)
        met = "met" if med >= TARGET else "NOT met"
        verdicts.append(
            f"- {r.stream}, {r.eol}, {r.chunking} chunks: events/s at least {TARGET}x "
            f"httpx-sse's: **{met}**, {med:.2f}x ({lo:.2f}{DASH}{hi:.2f})"
        )
    table = md_table(["endings", "chunks", "parser", "events/s", "MB/s", "its time / ours"], rows)
    return table, verdicts


# --- one large event ----------------------------------------------------------------------------


def large_event(sizes: tuple[int, int], repeat: int) -> str:
    """Time one ``data:`` line of each size in bytes, fed in 4 KiB chunks (LF)."""
    quadratic = (50_000, 100_000)
    contenders: dict[str, Callable[[], object]] = {}
    for name, pair in ((OURS, sizes), (HTTPX_SSE, sizes), (SPEAKEASY, quadratic)):
        for size in pair:
            chunks = chunk_fixed(b"data: " + b"x" * size + b"\n\n", 4096)
            contenders[f"{name} {size}"] = _counter(PEERS[name], chunks, 1, name)
    timings = measure(contenders, repeat=repeat, warmup=1, clock=time.process_time)
    rows = []
    for name, (small, big) in ((OURS, sizes), (HTTPX_SSE, sizes), (SPEAKEASY, quadratic)):
        t_small, t_big = timings[f"{name} {small}"], timings[f"{name} {big}"]
        scale = fmt_ratio(*paired_ratio(t_big, t_small))
        rows.append([name, _mb(small), fmt_seconds(t_small), _mb(big), fmt_seconds(t_big), scale])
    return md_table(["parser", "size", "time", "twice the size", "time", "ratio"], rows)


def _mb(size: int) -> str:
    return f"{size / 1e6:g} MB" if size >= 1_000_000 else f"{size / 1e3:g} kB"


# --- memory -------------------------------------------------------------------------------------


def peak_memory(chunks: list[bytes]) -> int:
    """tracemalloc peak while ours decodes ``chunks`` and drops every event."""
    decoder = SSEDecoder()
    tracemalloc.start()
    try:
        for chunk in chunks:
            decoder.feed(chunk)
        decoder.flush()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# --- the section --------------------------------------------------------------------------------


def _versions() -> str:
    parts = []
    for label, dist in VERSIONS.items():
        try:
            parts.append(f"{label} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:  # pragma: no cover
            parts.append(f"{label} (not installed)")
    return ", ".join(parts)


def _workload(text: str, eol: str, chunking: str) -> Workload:
    raw = text.replace("\n", eol).encode()
    chunks = chunk_fixed(raw, 4096) if chunking == "4 KiB" else chunk_events(raw, eol.encode())
    return Workload(chunks, text.count("\n\n"), len(raw))


def _events_for(name: str, n_events: int, quick: bool) -> int:
    return min(n_events, PREFIX.get(name, (n_events, n_events))[quick])


def _first_events(text: str, n: int) -> str:
    return "\n\n".join(text.split("\n\n", n)[:n]) + "\n\n"


DATA_ONLY = "data only"
GENERAL = "id/event/data"


def run(quick: bool) -> str:
    """Measure everything and return the Markdown section."""
    started = time.perf_counter()
    n_events = 10_000 if quick else 200_000
    repeat = 3 if quick else 5
    sizes = {_events_for(name, n_events, quick) for name in PEERS}
    text = make_stream(n_events)
    general = make_general_stream(n_events)
    tables = {}
    verdicts: list[str] = []
    for stream, whole in ((DATA_ONLY, text), (GENERAL, general)):
        texts = {n: whole if n == n_events else _first_events(whole, n) for n in sizes}
        results = [
            throughput(stream, eol_name, chunking, texts, quick, eol, repeat)
            for eol_name, eol in (("LF", "\n"), ("CRLF", "\r\n"))
            for chunking in ("4 KiB", "one event")
        ]
        tables[stream], stream_verdicts = throughput_table(results)
        verdicts += stream_verdicts
    lf_raw = text.encode()
    general_mb = len(general.encode()) / 1e6
    big = large_event((1_000_000, 2_000_000) if quick else (5_000_000, 10_000_000), repeat)
    tenth = _first_events(text, n_events // 10).encode()
    peak_tenth = peak_memory(chunk_fixed(tenth, 4096))
    peak = peak_memory(chunk_fixed(lf_raw, 4096))
    peak_general = peak_memory(chunk_fixed(general.encode(), 4096))
    conf = conformance()
    elapsed = time.perf_counter() - started
    return f"""## SSE decoding

Python {platform.python_version()} on {platform.machine()}; {_versions()}.
Two streams of {n_events:,} events each, with LF endings and again with CRLF, in 4 KiB chunks
(which split lines, CRLF pairs and UTF-8 sequences) or one event per chunk. Each figure is
a median over {repeat} repetitions (min{DASH}max) of the CPU time of the process
(`time.process_time`: other load on this shared machine stretches wall time), contenders rotated
every repetition, all in one process. "its time / ours" is paired by repetition, per event: above
1 means opper-tracing is faster. The slower peers are timed on the first events of the same
stream (named in the row) to keep the run short; rates are per event and per byte. opperai 1.x
runs its own `stream_events` with an identity decoder instead of its pydantic model; the
`json.loads`/`json.dumps` it does per event is part of that function and so of its time.
Before timing, opper-tracing and httpx-sse are checked to decode the same events.

{chr(10).join(verdicts)}

### Data-only events: the `/call/stream` shape

Events shaped like `/call/stream`: a `span_id` event, then `{{"delta": ..., "chunk_type": "text"}}`
with every 25th a `json_path` one, some non-ASCII text; each event is one `data:` line.
{len(lf_raw) / 1e6:.1f} MB with LF endings.

{tables[DATA_ONLY]}

### Events with `id`, `event`, comments and `retry` (the general path)

The same events, each with `id: <n>` and `event: text` (or `json`) lines before its data line;
every 10th also has a `: ping` comment line and every 100th a `retry: 3000` line.
{general_mb:.1f} MB with LF endings.

{tables[GENERAL]}

### One large event

One `data:` line fed in 4 KiB chunks. Twice the size should take about twice the time (linear);
about four times is quadratic, as opperai 1.x shows on far smaller events (it rescans its buffer
byte by byte on every chunk). Times of events this large move with the allocator and page faults,
so read the ratio, not the last digit.

{big}

### Memory

tracemalloc peak while opper-tracing decodes a stream in 4 KiB chunks and drops each event:
data-only, **{fmt_bytes(peak)}** for all {len(lf_raw) / 1e6:.1f} MB and {fmt_bytes(peak_tenth)}
for its first tenth ({len(tenth) / 1e6:.1f} MB); id/event/data, **{fmt_bytes(peak_general)}**
for all {general_mb:.1f} MB.

### Conformance

{len(CASES)} cases from WHATWG HTML §9.2.5/§9.2.6 and the known parser bugs, each run whole and
one byte per chunk (4 KiB chunks for the 100 kB one); whole, an event must come out before the
end of the stream ("late" otherwise).

{conf}

_bench_sse took {elapsed:.0f} s._
"""


if __name__ == "__main__":
    main(run, __doc__, "10k events instead of 200k")
