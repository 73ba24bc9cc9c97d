"""Chunk handling end to end: bytes → SSE → JSON → typed chunk → assembled output.

Every contender reads the same pre-built SSE body through an ``httpx.MockTransport`` (one
transport read per event, as a server flushing each event would deliver them), so no network
noise enters. Contenders:

* httpx alone: ``iter_bytes()`` to the end, the floor any client pays for the transport;
* ``StreamState`` alone: our decoder fed the same pieces with no HTTP at all;
* opper-tracing: ``Opper(...).stream(...)`` iterated to the end, then ``.output``/``.text``;
* opperai: the official v2 SDK's ``Opper.stream(...)``, its events iterated to the end; the
  SDK has no output assembly, so its JSON deltas go through our ``OutputAssembler`` and its text
  deltas are joined, giving the same end result;
* opper-tracing v3: ``opper_tracing.v3.Opper(...).stream(...)`` on a v3 body of as many
  ``content`` chunks carrying the same result (``sse_pieces_v3``), then ``done``,
  ``event: complete`` and ``[DONE]``.

A second table times one ``call()`` (v2 and v3) in CPU time through ``MockTransport``, beside
httpx posting the same request: ``python -c "from benchmarks.bench_client import
call_section; print(call_section('full')[0])"`` runs it alone, through the public API only, so
it runs against older versions of the package too.

Run alone: ``python -m benchmarks.bench_client [--quick]``.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

import httpx

from benchmarks._harness import (
    DASH,
    Timing,
    fmt_ratio,
    main,
    md_table,
    measure,
    paired_ratio,
)

__all__ = [
    "BASE_URL",
    "OUTPUT_SCHEMA",
    "ROOT_URL",
    "SPAN_ID",
    "Result",
    "call_section",
    "mock_transport",
    "run",
    "sse_pieces",
    "sse_pieces_v3",
    "us_per",
]

ROOT_URL = "http://bench.invalid"
"""The server root: v3's base URL (its paths start with ``/v3``)."""
BASE_URL = f"{ROOT_URL}/v2"
API_KEY = "bench-key"
SPAN_ID = "123e4567-e89b-12d3-a456-426614174000"
OUTPUT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "people": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "bio": {"type": "string"},
                    "age": {"type": "integer"},
                },
            },
        }
    },
}
_WORDS = ("The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog", ".")


def _events(n: int, mode: str) -> Iterator[dict[str, Any]]:
    """``n`` content chunks after the span-id chunk, shaped like Opper's own (token-sized)."""
    yield {"span_id": SPAN_ID}
    if mode == "text":
        for i in range(n):
            yield {"delta": _WORDS[i % len(_WORDS)], "chunk_type": "text"}
        return
    # One person is 2 name pieces, 16 bio pieces and a whole-number age: 19 chunks.
    i = 0
    person = 0
    while i < n:
        prefix = f"response.people[{person}]"
        pieces: list[tuple[str, Any]] = [(".name", "Ada"), (".name", " Lovelace")]
        pieces += [(".bio", _WORDS[k % len(_WORDS)]) for k in range(16)]
        pieces.append((".age", 36))
        for suffix, delta in pieces[: n - i]:
            yield {"delta": delta, "json_path": prefix + suffix, "chunk_type": "json"}
        i += len(pieces)
        person += 1


def sse_pieces(n: int, mode: str = "json") -> list[bytes]:
    """The SSE body of a stream with ``n`` content chunks, one ``bytes`` per event."""
    return [
        b"data: " + json.dumps(event, separators=(",", ":")).encode() + b"\n\n"
        for event in _events(n, mode)
    ]


V3_META: Final[dict[str, Any]] = {
    "function_name": "bench",
    "script_cached": False,
    "execution_ms": 1,
    "llm_calls": 1,
    "tts_calls": 0,
    "image_gen_calls": 0,
    "usage": {"input_tokens": 12, "output_tokens": 10},
    "cost": 0.00084,
    "models_used": ["azure/gpt-4o-eu"],
    "trace_uuid": SPAN_ID,
}
"""``meta`` of the v3 answers here: what the emulator sends (``opper_emulator._v3_calls``)."""


def _v3_deltas(n: int, mode: str) -> tuple[list[str], object]:
    """The ``n`` deltas of a v3 stream with ``sse_pieces(n, mode)``'s result, and that result.

    Text: the same word deltas. JSON: v3 has no ``json_path``, so a structured result streams
    as its JSON text, here cut into ``n`` pieces of near-equal length, and arrives whole in the
    ``complete`` event."""
    result = _expected(sse_pieces(n, mode), mode)
    if mode == "text":
        return [_WORDS[i % len(_WORDS)] for i in range(n)], result
    text = json.dumps(result, separators=(",", ":"))
    if len(text) < n:
        raise ValueError(f"{n} chunks need a longer result than {len(text)} characters")
    return [text[i * len(text) // n : (i + 1) * len(text) // n] for i in range(n)], result


def sse_pieces_v3(n: int, mode: str = "json") -> list[bytes]:
    """The SSE body of a v3 stream of ``n`` ``content`` chunks with the result of
    ``sse_pieces(n, mode)``, one ``bytes`` per event: the chunks, ``done`` with usage,
    ``event: complete`` with ``{data, meta}``, ``[DONE]`` (v3's wire, as the emulator sends it)."""
    deltas, result = _v3_deltas(n, mode)
    events = [{"type": "content", "delta": delta} for delta in deltas]
    events.append({"type": "done", "usage": V3_META["usage"]})
    pieces = [b"data: " + json.dumps(e, separators=(",", ":")).encode() + b"\n\n" for e in events]
    complete = json.dumps({"data": result, "meta": V3_META}, separators=(",", ":"))
    pieces.append(b"event: complete\ndata: " + complete.encode() + b"\n\n")
    pieces.append(b"data: [DONE]\n\n")
    return pieces


class _Pieces(httpx.SyncByteStream):
    def __init__(self, pieces: list[bytes]) -> None:
        self._pieces = pieces

    def __iter__(self) -> Iterator[bytes]:
        yield from self._pieces


def mock_transport(pieces: list[bytes]) -> httpx.MockTransport:
    """A transport answering every request with a 200 ``text/event-stream`` of ``pieces``."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={"content-type": "text/event-stream"}, stream=_Pieces(pieces)
        )

    return httpx.MockTransport(handler)


def us_per(t: Timing, n: int, digits: int = 2) -> str:
    """``median (min-max)`` in µs per unit of ``n``."""
    lo, mid, hi = (f"{x / n * 1e6:.{digits}f}" for x in (t.min, t.median, t.max))
    return f"{mid} ({lo}{DASH}{hi})"


@dataclass(frozen=True)
class Result:
    """A section's Markdown and the numbers ``run.py`` checks targets against."""

    markdown: str
    figures: dict[str, float]


def _expected(pieces: list[bytes], mode: str) -> object:
    """The assembled result, straight from the events (no SSE decoding involved)."""
    from opper_tracing._assembly import OutputAssembler

    assembler = OutputAssembler()
    text: list[str] = []
    for piece in pieces:
        event = json.loads(piece.removeprefix(b"data: "))
        if event.get("chunk_type") == "json":
            assembler.add(event["json_path"], event["delta"])
        elif event.get("chunk_type") == "text":
            text.append(event["delta"])
    return assembler.snapshot() if mode == "json" else "".join(text)


SIZES: Final = {"full": (2000, 5), "quick": (200, 3), "smoke": (10, 1)}
"""Mode → (content chunks per stream, repetitions)."""

FLOOR = "httpx `iter_bytes()` only (transport floor)"
STATE = "`StreamState` alone (no HTTP)"
OURS = "opper-tracing `Opper.stream()`"
OURS_V3 = "opper-tracing v3 `Opper.stream()` (v3 body)"
SDK = "opperai 1.7.2 `Opper.stream()`"


def _contenders(
    pieces: list[bytes], mode: str, stack: contextlib.ExitStack
) -> dict[str, Callable[[], object]]:
    from opper_tracing import Opper
    from opper_tracing import v3 as opper_v3
    from opper_tracing._assembly import OutputAssembler
    from opper_tracing._streaming import StreamState
    from opper_tracing._types import StreamChunk

    schema = OUTPUT_SCHEMA if mode == "json" else None
    transport = mock_transport(pieces)
    plain = stack.enter_context(httpx.Client(transport=transport))
    ours = stack.enter_context(
        Opper(api_key=API_KEY, base_url=BASE_URL, transport=transport, max_retries=0)
    )
    ours_v3 = stack.enter_context(
        opper_v3.Opper(
            api_key=API_KEY,
            base_url=ROOT_URL,
            transport=mock_transport(sse_pieces_v3(len(pieces) - 1, mode)),
            max_retries=0,
        )
    )

    def floor() -> object:
        with plain.stream("POST", f"{BASE_URL}/call/stream", json={"name": "bench"}) as r:
            for _ in r.iter_bytes():
                pass
        return None

    def state_only() -> object:
        state = StreamState()
        for piece in pieces:
            for item in state.feed(piece):
                if isinstance(item, StreamChunk):
                    state.accept(item)
        return state.output if mode == "json" else state.text

    def opper_tracing() -> object:
        with ours.stream("bench", input="x", output_schema=schema) as stream:
            for _ in stream:
                pass
        return stream.output if mode == "json" else stream.text

    def opper_tracing_v3() -> object:
        with ours_v3.stream("bench", input="x", output_schema=schema) as stream:
            for _ in stream:
                pass
        return stream.output if mode == "json" else stream.text

    contenders = {
        FLOOR: floor,
        STATE: state_only,
        OURS: opper_tracing,
        OURS_V3: opper_tracing_v3,
    }
    try:
        import opperai
    except ImportError:  # the bench extra is not installed (e.g. the test suite under .[dev])
        pass
    else:
        sdk_http = stack.enter_context(httpx.Client(transport=transport))
        sdk = opperai.Opper(http_bearer=API_KEY, server_url=BASE_URL, client=sdk_http)

        def opperai_sdk() -> object:
            response = sdk.stream(name="bench", input="x", output_schema=schema)
            assembler = OutputAssembler()
            text: list[str] = []
            with response.result as events:
                for event in events:
                    chunk = event.data
                    if chunk.chunk_type == "json":
                        assembler.add(chunk.json_path, chunk.delta)
                    elif chunk.chunk_type == "text":
                        text.append(chunk.delta)
            return assembler.snapshot() if mode == "json" else "".join(text)

        contenders[SDK] = opperai_sdk

    # Each contender runs once here, which is also its warm-up: the results must agree, or the
    # comparison means nothing (the floor assembles nothing).
    expected = _expected(pieces, mode)
    for name, contender in contenders.items():
        result = contender()
        if name != FLOOR and result != expected:
            raise AssertionError(f"{name} assembled a different {mode} result")
    return contenders


def measure_section(size: str) -> Result:
    """Run at ``size`` (a key of ``SIZES``) and return the section with its figures."""
    n, repeat = SIZES[size]
    rows: list[list[str]] = []
    figures: dict[str, float] = {}
    for mode in ("json", "text"):
        pieces = sse_pieces(n, mode)
        with contextlib.ExitStack() as stack:
            timings = measure(_contenders(pieces, mode, stack), repeat=repeat, warmup=0)
        ours = timings[OURS]
        for name, t in timings.items():
            ratio = "1.00x" if t is ours else fmt_ratio(*paired_ratio(t, ours))
            rows.append([mode, name, us_per(t, n), ratio])
        figures[f"ours_us_per_chunk_{mode}"] = ours.median / n * 1e6
        figures[f"ours_over_floor_{mode}"] = paired_ratio(ours, timings[FLOOR])[0]
        figures[f"v3_us_per_chunk_{mode}"] = timings[OURS_V3].median / n * 1e6
        figures[f"v3_ratio_{mode}"] = paired_ratio(timings[OURS_V3], ours)[0]
        if SDK in timings:
            figures[f"sdk_ratio_{mode}"] = paired_ratio(timings[SDK], ours)[0]
    body = md_table(["body", "contender", "µs per chunk", "time vs opper-tracing"], rows)
    kib = {
        (version, mode): sum(map(len, make(n, mode))) / 1024
        for version, make in (("v2", sse_pieces), ("v3", sse_pieces_v3))
        for mode in ("json", "text")
    }
    missing = "" if SDK in timings else "\n\nopperai is not installed: `pip install -e '.[bench]'`."
    calls, call_figures = call_section(size)
    figures.update(call_figures)
    markdown = f"""## Chunk handling end to end (MockTransport, no network)

Bytes → SSE → JSON → typed chunk → assembled output. Body: {n} content chunks after a span-id
chunk (JSON body {kib["v2", "json"]:.1f} KiB, text body {kib["v2", "text"]:.1f} KiB), one
transport read per event; the JSON body streams `response.people[i].name/bio/age` deltas, the
text body word-sized deltas. µs per chunk is a whole stream's time (request included) over {n}.
Median over {repeat} repetitions (min-max), contenders rotated every repetition; ratios are per
repetition, `contender / opper-tracing`, median (min-max).

The v3 rows read a v3 body of the same {n} chunks (`{{"type": "content", "delta": ...}}`), then
`done`, `event: complete` with `{{data, meta}}` and `[DONE]`, carrying the same result: text, the
same word deltas ({kib["v3", "text"]:.1f} KiB); JSON, the result's JSON text cut into {n} pieces
of near-equal length ({kib["v3", "json"]:.1f} KiB), since v3 has no `json_path` and sends a
structured result whole in `complete` (so a v3 client assembles nothing per chunk).

{body}{missing}

The opperai SDK has no output assembly, so its deltas go through the same `OutputAssembler`
(text: joined) to reach the same result; all contenders' results are checked equal before
timing. Its per-chunk cost is dominated by `utils.unmarshal_json`, which builds a new pydantic
model class (`pydantic.create_model`) for every event before validating it.

{calls}
"""
    return Result(markdown, figures)


CALL_SIZES: Final = {"full": (1000, 7), "quick": (200, 3), "smoke": (2, 1)}
"""Mode → (``call()``s per repetition, repetitions)."""
CALL_FLOOR = "httpx `Client.post()`, `.json()` (transport floor)"
CALL_V2 = "opper-tracing `Opper.call()`"
CALL_V3 = "opper-tracing v3 `Opper.call()`"
_MESSAGE = "The quick brown fox jumps over the lazy dog."
CALL_ANSWERS: Final[dict[str, dict[str, Any]]] = {
    "v2": {
        "span_id": SPAN_ID,
        "message": _MESSAGE,
        "usage": {"input_tokens": 12, "output_tokens": 10, "total_tokens": 22},
    },
    "v3": {"data": _MESSAGE, "meta": V3_META},
}
"""The answer of each API version's ``/call``, as the emulator shapes it."""


def _call_contenders(calls: int, stack: contextlib.ExitStack) -> dict[str, Callable[[], object]]:
    """``calls`` calls per contender run, each client as users make it (default retries and
    options, no OpenTelemetry SDK); v3 only where ``opper_tracing.v3`` exists."""
    from opper_tracing import Opper

    def transport(answer: dict[str, Any]) -> httpx.MockTransport:
        return httpx.MockTransport(lambda request: httpx.Response(200, json=answer))

    v2 = transport(CALL_ANSWERS["v2"])
    plain = stack.enter_context(httpx.Client(transport=v2))
    ours = stack.enter_context(Opper(api_key=API_KEY, base_url=BASE_URL, transport=v2))
    headers = {"Authorization": f"Bearer {API_KEY}"}

    def floor() -> object:
        result = None
        for _ in range(calls):
            response = plain.post(
                f"{BASE_URL}/call", json={"name": "bench", "input": "x"}, headers=headers
            )
            response.raise_for_status()
            result = response.json()["message"]
        return result

    def opper_v2() -> object:
        result = None
        for _ in range(calls):
            result = ours.call("bench", input="x").message
        return result

    contenders: dict[str, Callable[[], object]] = {CALL_FLOOR: floor, CALL_V2: opper_v2}
    try:
        from opper_tracing import v3 as opper_v3
    except ImportError:  # a version before v3
        return contenders
    ours_v3 = stack.enter_context(
        opper_v3.Opper(api_key=API_KEY, base_url=ROOT_URL, transport=transport(CALL_ANSWERS["v3"]))
    )

    def opper_v3_call() -> object:
        result = None
        for _ in range(calls):
            result = ours_v3.call("bench", input="x").output
        return result

    contenders[CALL_V3] = opper_v3_call
    return contenders


def call_section(size: str) -> tuple[str, dict[str, float]]:
    """The ``call()`` table at ``size`` (a key of ``CALL_SIZES``) and its figures: CPU µs per
    call of each contender (``call_cpu_us_floor``, ``_v2``, ``_v3``)."""
    calls, repeat = CALL_SIZES[size]
    with contextlib.ExitStack() as stack:
        contenders = _call_contenders(calls, stack)
        for name, contender in contenders.items():
            if contender() != _MESSAGE:
                raise AssertionError(f"{name} did not return the answer's message")
        timings = measure(contenders, repeat=repeat, clock=time.process_time)
    ours = timings[CALL_V2]
    rows = [
        [
            name,
            us_per(t, calls, digits=1),
            "1.00x" if t is ours else fmt_ratio(*paired_ratio(t, ours)),
        ]
        for name, t in timings.items()
    ]
    figures = {
        f"call_cpu_us_{key}": timings[name].median / calls * 1e6
        for key, name in (("floor", CALL_FLOOR), ("v2", CALL_V2), ("v3", CALL_V3))
        if name in timings
    }
    table = md_table(["contender", "CPU µs per call", "vs opper-tracing `call()`"], rows)
    markdown = f"""### One `call()` (MockTransport, CPU time)

{calls} sync calls per repetition through an `httpx.MockTransport` that answers at once (v2: a
`message` with its `span_id` and usage; v3: `{{data, meta}}` as the emulator sends it), each
client as users make it (default options, 2 retries, no OpenTelemetry SDK); the floor is
httpx posting the same v2 request and decoding its JSON. CPU time of this process
(`time.process_time`) per call, median over {repeat} repetitions (min{DASH}max), contenders
rotated; ratios per repetition against `Opper.call()`.

{table}
"""
    return markdown, figures


def run(quick: bool) -> str:
    """This benchmark's Markdown section."""
    return measure_section("quick" if quick else "full").markdown


if __name__ == "__main__":
    main(run, __doc__)
