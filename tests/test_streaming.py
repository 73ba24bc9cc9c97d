"""``Stream``/``AsyncStream`` and ``StreamState`` against scripted SSE bodies."""

from __future__ import annotations

import asyncio
import gc
import json
import threading
import uuid
from typing import Any

import httpx
import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _fakes import (
    API_KEY,
    SPAN_ID,
    TEXT_STREAM,
    Body,
    Driver,
    FakeAPI,
    RecordingSpan,
    RecordingTelemetry,
    error,
    live_client,
    sse,
    streaming,
)
from opper_tracing import (
    APIResponseError,
    AsyncOpper,
    InternalServerError,
    Opper,
    RetryPolicy,
    StreamChunk,
    StreamDecodeError,
    StreamError,
    StreamInterruptedError,
)
from opper_tracing._streaming import Failure, StreamState, at_event_boundary

NO_WAIT = RetryPolicy(max_retries=2, initial_delay=0)
JSON_STREAM = sse(
    {"span_id": SPAN_ID},
    {"delta": "Jo", "json_path": "response.people[0].name", "chunk_type": "json"},
    {"delta": "hn", "json_path": "response.people[0].name", "chunk_type": "json"},
    {"delta": 41, "json_path": "response.people[0].age", "chunk_type": "json"},
    {"delta": True, "json_path": "response.ok", "chunk_type": "json"},
)


class Harness:
    """Runs one streamed call sync or async and returns (chunks, stream, error)."""

    def __init__(self, mode: str, *replies: Any, **options: Any) -> None:
        self.mode = mode
        self.api = FakeAPI(*replies)
        self.telemetry = RecordingTelemetry()
        transport = httpx.MockTransport(self.api)
        options.setdefault("retry", NO_WAIT)
        cls = Opper if mode == "sync" else AsyncOpper
        self.client: Any = cls(
            api_key=API_KEY, base_url="https://x.test/v2", transport=transport, **options
        )
        self.client._telemetry = self.telemetry

    @property
    def span(self) -> RecordingSpan:
        (span,) = self.telemetry.spans
        return span

    def run(self, limit: int | None = None, **kwargs: Any) -> tuple[list[StreamChunk], Any, Any]:
        if self.mode == "sync":
            return Driver.stream_sync(self.client, ("t",), kwargs, limit)
        return asyncio.run(Driver.stream_async(self.client, ("t",), kwargs, limit))


both = pytest.mark.parametrize("mode", ["sync", "async"])


@both
def test_text_stream(mode: str) -> None:
    harness = Harness(mode, streaming(TEXT_STREAM))
    chunks, stream, exc = harness.run()
    assert exc is None
    # The first event carries only span_id: it sets stream.span_id and is not a chunk.
    assert [c.delta for c in chunks] == ["Hel", "lo"]
    assert stream.span_id == SPAN_ID
    assert stream.text == "Hello"
    assert stream.output is None
    assert stream.closed
    request = harness.api.requests[0]
    assert request.url.path == "/v2/call/stream"
    assert request.headers["accept"] == "text/event-stream"
    span = harness.span
    assert span.start["stream"] is True
    assert span.named("span_id") == [SPAN_ID]
    assert len(span.named("first_chunk")) == 1
    assert len(span.named("chunk")) == 1
    assert span.named("result") == [
        {"usage": None, "cost": None, "output_text": "Hello", "output_json": None}
    ]
    assert span.named("finish") == [(None, True)]
    assert harness.api.bodies[0].closed


@both
def test_a_compressed_event_stream_is_decoded(mode: str) -> None:
    """A body with a Content-Encoding goes through httpx's decoders (an unencoded one is read
    as the transport gives it)."""
    import gzip

    packed = gzip.compress(TEXT_STREAM)
    answer = httpx.Response(
        200,
        headers={"content-type": "text/event-stream", "content-encoding": "gzip"},
        stream=Body([packed[:7], packed[7:]]),
    )
    chunks, stream, exc = Harness(mode, answer).run()
    assert exc is None
    assert [c.delta for c in chunks] == ["Hel", "lo"]
    assert stream.text == "Hello"
    assert stream.completed


def test_later_chunks_skip_the_span_when_it_does_not_want_them() -> None:
    harness = Harness("sync", streaming(JSON_STREAM))
    harness.client._telemetry = harness.telemetry = RecordingTelemetry(each_chunk=False)
    _, _stream, exc = harness.run()
    assert exc is None
    assert len(harness.span.named("first_chunk")) == 1
    assert harness.span.named("chunk") == []
    assert harness.span.named("finish") == [(None, True)]


@both
def test_json_stream_assembles_output(mode: str) -> None:
    harness = Harness(mode, streaming(JSON_STREAM))
    chunks, stream, exc = harness.run(output_schema={"type": "object"})
    assert exc is None
    assert stream.output == {"people": [{"name": "John", "age": 41}], "ok": True}
    assert chunks[0].json_path == "response.people[0].name"
    assert stream.text == ""


def test_output_is_a_partial_snapshot_while_streaming() -> None:
    harness = Harness("sync", streaming(JSON_STREAM))
    snapshots = []
    with harness.client.stream("t") as stream:
        for _ in stream:
            snapshots.append(stream.output)
    assert snapshots[1] == {"people": [{"name": "John"}]}
    assert snapshots[0] == {"people": [{"name": "Jo"}]}


@both
def test_unknown_chunk_types_and_fields_pass_through(mode: str) -> None:
    body = sse(
        {"span_id": SPAN_ID},
        {"delta": "hm", "chunk_type": "reasoning", "novel": {"a": 1}},
        {"delta": "ok", "chunk_type": "text"},
    )
    chunks, stream, exc = Harness(mode, streaming(body)).run()
    assert exc is None
    assert chunks[0].chunk_type == "reasoning"
    assert chunks[0].extra == {"novel": {"a": 1}}
    assert stream.text == "ok"


@both
def test_error_chunk_raises_after_earlier_chunks_with_partial_result(mode: str) -> None:
    body = sse(
        {"span_id": SPAN_ID},
        {"delta": "par", "chunk_type": "text"},
        {"chunk_type": "error", "error_type": "GuardError", "error_message": "rejected"},
        {"delta": "never", "chunk_type": "text"},
    )
    harness = Harness(mode, streaming(body))
    chunks, stream, exc = harness.run()
    assert [c.delta for c in chunks] == ["par"]
    assert type(exc) is StreamError
    assert (exc.error_type, exc.error_message) == ("GuardError", "rejected")
    assert (exc.span_id, exc.text) == (SPAN_ID, "par")
    assert "GuardError: rejected" in str(exc)
    assert harness.span.named("finish") == [(exc, True)]
    assert stream.closed


@both
def test_non_json_data_is_a_decode_error(mode: str) -> None:
    body = sse({"span_id": SPAN_ID}, {"delta": "a", "chunk_type": "text"}, "{not json")
    chunks, _, exc = Harness(mode, streaming(body)).run()
    assert len(chunks) == 1
    assert isinstance(exc, StreamDecodeError)
    assert "not JSON" in str(exc)
    assert exc.text == "a"


@both
def test_non_object_data_is_a_decode_error(mode: str) -> None:
    _chunks, _, exc = Harness(mode, streaming(sse({"span_id": SPAN_ID}, "[1, 2]"))).run()
    assert isinstance(exc, StreamDecodeError)
    assert "not a JSON object" in str(exc)


@both
def test_oversized_event_is_a_decode_error(mode: str) -> None:
    body = sse({"span_id": SPAN_ID}) + b"data: " + b"x" * 5000
    chunks, _, exc = Harness(mode, streaming(body), max_event_size=1024).run()
    assert isinstance(exc, StreamDecodeError)
    assert chunks == []


@both
def test_dropped_connection_is_interrupted_and_keeps_partial_text(mode: str) -> None:
    pieces = [sse({"span_id": SPAN_ID}), sse({"delta": "Hel", "chunk_type": "text"})]
    pieces.append(httpx.RemoteProtocolError("peer closed connection"))
    harness = Harness(mode, streaming(*pieces))
    chunks, _, exc = harness.run()
    assert [c.delta for c in chunks] == ["Hel"]
    assert isinstance(exc, StreamInterruptedError)
    assert exc.text == "Hel"
    assert "RemoteProtocolError" in str(exc)
    assert len(harness.api.requests) == 1, "no retry once a chunk has been yielded"
    assert harness.span.named("finish") == [(exc, True)]


@both
def test_read_timeout_mid_stream_is_interrupted(mode: str) -> None:
    pieces = [sse({"span_id": SPAN_ID}), httpx.ReadTimeout("stalled")]
    _, _, exc = Harness(mode, streaming(*pieces)).run()
    assert isinstance(exc, StreamInterruptedError)
    assert "read timeout" in str(exc)


@both
def test_error_status_is_retried_but_a_drop_after_200_is_not(mode: str) -> None:
    # After a 2xx the server is already running the (billed) task: sending again would run it
    # twice, so only the status error is retried.
    dropped = streaming(httpx.RemoteProtocolError("reset before any event"))
    harness = Harness(mode, error(503, "busy"), dropped, streaming(TEXT_STREAM))
    _chunks, stream, exc = harness.run()
    assert stream is None
    assert isinstance(exc, StreamInterruptedError)
    assert len(harness.api.requests) == 2
    assert len(harness.telemetry.spans) == 1


@both
def test_status_error_on_open_is_raised_from_stream(mode: str) -> None:
    harness = Harness(mode, error(500, "down"), retry=RetryPolicy(max_retries=0))
    _chunks, stream, exc = harness.run()
    assert isinstance(exc, InternalServerError)
    assert stream is None
    assert harness.span.named("finish") == [(exc, True)]


@both
def test_early_break_closes_the_response_and_ends_span_once(mode: str) -> None:
    harness = Harness(mode, streaming(TEXT_STREAM))
    chunks, stream, exc = harness.run(limit=2)
    assert exc is None
    assert len(chunks) == 2
    assert stream.closed
    assert harness.api.bodies[0].closed
    assert harness.span.named("finish") == [(None, False)]
    assert harness.span.named("result") == []


def test_close_is_idempotent_and_iteration_stops() -> None:
    harness = Harness("sync", streaming(TEXT_STREAM))
    stream = harness.client.stream("t")
    assert stream.span_id == SPAN_ID
    assert next(stream).delta == "Hel"
    stream.close()
    stream.close()
    assert list(stream) == []
    assert harness.span.named("finish") == [(None, False)]


def test_exception_in_with_block_ends_span_with_it() -> None:
    harness = Harness("sync", streaming(TEXT_STREAM))
    boom = RuntimeError("user code failed")

    def consume() -> None:
        with harness.client.stream("t") as stream:
            next(stream)
            raise boom

    with pytest.raises(RuntimeError):
        consume()
    assert harness.span.named("finish") == [(boom, False)]


@both
def test_abandoned_stream_is_finalised_by_gc(mode: str) -> None:
    harness = Harness(mode, streaming(TEXT_STREAM))

    async def open_async() -> None:
        stream = await harness.client.stream("t")
        await stream.__anext__()

    if mode == "sync":
        stream = harness.client.stream("t")
        next(stream)
        del stream
    else:
        asyncio.run(open_async())
    gc.collect()
    assert harness.span.named("abandon") == [None]
    if mode == "sync":
        assert harness.api.bodies[0].closed


def test_done_sentinel_ends_the_stream() -> None:
    body = sse({"span_id": SPAN_ID}, {"delta": "a", "chunk_type": "text"}, "[DONE]")
    body += sse({"delta": "after", "chunk_type": "text"})
    chunks, stream, exc = Harness("sync", streaming(body)).run()
    assert exc is None
    assert stream.text == "a"
    assert len(chunks) == 1


def test_last_event_id_and_retry_are_exposed() -> None:
    body = b'retry: 1500\r\nid: 7\r\ndata: {"span_id": "s"}\r\n\r\n: comment\r\n\r\n'
    _, stream, exc = Harness("sync", streaming(body)).run()
    assert exc is None
    assert (stream.last_event_id, stream.retry) == ("7", 1500)


class _Gate(threading.Event):
    """A pause in a scripted body that records whether the client read up to it."""

    reached = False

    def wait(self, timeout: float | None = None) -> bool:
        self.reached = True
        return True


def test_each_event_is_yielded_as_soon_as_it_arrives() -> None:
    gate = _Gate()
    body = streaming(
        sse({"span_id": SPAN_ID}),
        sse({"delta": "first", "chunk_type": "text"}),
        gate,
        sse({"delta": "second", "chunk_type": "text"}),
    )
    harness = Harness("sync", body)
    with harness.client.stream("t") as stream:
        it = iter(stream)
        assert next(it).delta == "first"
        assert not gate.reached, "the first delta waited for bytes after it"
        assert next(it).delta == "second"
    assert gate.reached


def test_state_keeps_chunks_before_a_failure_in_one_feed() -> None:
    state = StreamState()
    items = state.feed(
        sse({"span_id": "s"}, {"delta": "a", "chunk_type": "text"}, "oops", {"delta": "b"})
    )
    assert [type(item).__name__ for item in items] == ["StreamChunk", "StreamChunk", "Failure"]
    assert state.feed(sse({"delta": "c", "chunk_type": "text"})) == []
    assert state.text == "", "text holds only what was delivered (accepted)"
    assert isinstance(items[1], StreamChunk)
    state.accept(items[1])
    assert state.text == "a"


def test_state_ignores_non_message_events_and_empty_data() -> None:
    state = StreamState()
    items = state.feed(b'event: ping\ndata: {}\n\ndata:\n\ndata: {"span_id": "s"}\n\n')
    assert len(items) == 1
    assert state.span_id == "s"


# --- against the loopback emulator (real HTTP, real chunking) --------------------------------

PEOPLE_SCHEMA = {
    "type": "object",
    "properties": {
        "people": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "age": {"type": "integer"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "count": {"type": "integer"},
        "ok": {"type": "boolean"},
    },
}


def test_live_text_stream_matches_call(emulator: Any, driver: Any) -> None:
    client = live_client(driver, emulator)
    whole = driver.call(client, "story", input="once upon a time")
    chunks, stream, exc = driver.stream(client, "story", input="once upon a time")
    assert exc is None
    assert stream.span_id
    assert len(chunks) > 1
    assert {c.chunk_type for c in chunks} == {"text"}
    assert stream.text == whole.message
    assert stream.span_id in emulator.spans


def test_live_json_stream_assembles_nested_objects_and_arrays(emulator: Any, driver: Any) -> None:
    client = live_client(driver, emulator)
    whole = driver.call(client, "people", input={"n": 2}, output_schema=PEOPLE_SCHEMA)
    chunks, stream, exc = driver.stream(
        client, "people", input={"n": 2}, output_schema=PEOPLE_SCHEMA
    )
    assert exc is None
    assert stream.output == whole.json_payload
    assert isinstance(stream.output["people"][1]["tags"], list)
    paths = [c.json_path for c in chunks if c.chunk_type == "json"]
    assert "people[0].name" in paths  # the emulator's default: paths from the output's root
    assert paths.count("people[0].name") > 1, "strings come in several pieces"


def test_live_one_byte_writes_decode_the_same(emulator: Any, driver: Any) -> None:
    client = live_client(driver, emulator)
    _, normal, _ = driver.stream(client, "people", input={"n": 1}, output_schema=PEOPLE_SCHEMA)
    trickle = live_client(driver, emulator, "chunk-bytes=1")
    _, slow, exc = driver.stream(trickle, "people", input={"n": 1}, output_schema=PEOPLE_SCHEMA)
    assert exc is None
    assert slow.output == normal.output


def test_live_error_chunk(emulator: Any, driver: Any) -> None:
    client = live_client(driver, emulator, "error-after=2; error-type=GuardRejected")
    chunks, stream, exc = driver.stream(client, "story", input="x")
    assert len(chunks) == 1  # the emulator counts the span_id event among the two
    assert type(exc) is StreamError
    assert exc.error_type == "GuardRejected"
    assert exc.span_id == stream.span_id
    assert exc.text == chunks[0].delta
    assert stream.closed


def test_live_malformed_data(emulator: Any, driver: Any) -> None:
    client = live_client(driver, emulator, "malformed-after=1")
    chunks, _, exc = driver.stream(client, "story", input="x")
    assert chunks == []  # the one event before the malformed one carried only span_id
    assert isinstance(exc, StreamDecodeError)


def test_live_dropped_connection_keeps_what_arrived_and_is_not_retried(
    emulator: Any, driver: Any
) -> None:
    client = live_client(driver, emulator, "drop-after=3")
    before = len(emulator.requests)
    chunks, _, exc = driver.stream(client, "story", input="x")
    assert len(chunks) == 2
    assert isinstance(exc, StreamInterruptedError)
    assert exc.text == "".join(c.delta for c in chunks)
    assert len(emulator.requests) - before == 1


def test_live_drop_after_200_before_the_first_event_is_not_retried(
    emulator: Any, driver: Any
) -> None:
    client = live_client(driver, emulator, "drop-after=0")
    before = len(emulator.requests)
    _, stream, exc = driver.stream(client, "story", input="x")
    assert stream is None
    assert isinstance(exc, StreamInterruptedError)
    assert len(emulator.requests) - before == 1


def test_live_stall_hits_the_read_timeout(emulator: Any, driver: Any) -> None:
    client = live_client(driver, emulator, "stall-after=2", timeout=httpx.Timeout(5, read=0.5))
    chunks, _, exc = driver.stream(client, "story", input="x")
    assert len(chunks) == 1
    assert isinstance(exc, StreamInterruptedError)
    assert "read timeout" in str(exc)


def test_live_retry_before_first_chunk(emulator: Any, driver: Any) -> None:
    client = live_client(driver, emulator, "fail-times=2:503")
    before = len(emulator.requests)
    _, stream, exc = driver.stream(client, "story", input="x")
    assert exc is None
    assert stream.text
    assert len(emulator.requests) - before == 3


def test_live_early_break_closes_the_response(emulator: Any, driver: Any) -> None:
    chunks, stream, exc = driver.stream(live_client(driver, emulator), "story", input="x", limit=2)
    assert exc is None
    assert len(chunks) == 2
    assert stream.closed
    assert stream.response.is_closed


def test_live_events_are_not_buffered(emulator: Any) -> None:
    # The emulator sends the span_id event and one delta, then nothing: a client that waited
    # for more bytes before yielding would hit its read timeout instead.
    client = Opper(
        api_key="test",
        base_url=emulator.base_url,
        timeout=httpx.Timeout(10, read=5),
        default_headers={"X-Emulator-Fault": "stall-after=2; only=call_stream"},
    )
    with client, client.stream("story", input="x") as stream:
        span_id = stream.span_id
        first = next(stream)
    assert span_id is not None
    assert first.chunk_type == "text"
    assert first.delta


def test_live_hundred_concurrent_streams(emulator: Any) -> None:
    async def main() -> list[str]:
        limits = httpx.Limits(max_connections=100)
        async with (
            httpx.AsyncClient(limits=limits, timeout=30) as http,
            AsyncOpper(api_key="test", base_url=emulator.base_url, http_client=http) as client,
        ):

            async def one(n: int) -> str:
                async with await client.stream("echo", input=f"n{n}") as stream:
                    async for _ in stream:
                        pass
                return stream.text

            return await asyncio.gather(*(one(n) for n in range(100)))

    texts = asyncio.run(main())
    assert len(texts) == 100
    assert all(texts)
    assert len(set(texts)) == 100, "each stream got its own answer"


# -- conveniences: text_stream, until_done, get_final_output, async with without await -------


def test_text_stream_until_done_and_final_output() -> None:
    harness = Harness("sync", streaming(TEXT_STREAM))
    with harness.client.stream("t") as stream:
        assert list(stream.text_stream) == ["Hel", "lo"]
    assert stream.get_final_output() == "Hello"
    harness = Harness("sync", streaming(JSON_STREAM))
    with harness.client.stream("t", output_schema={"type": "object"}) as stream:
        assert stream.until_done() is stream
        assert stream.get_final_output() == {"people": [{"name": "John", "age": 41}], "ok": True}


def test_final_output_is_validated_into_the_schema_type() -> None:
    class Person(pydantic.BaseModel):
        name: str
        age: int

    class People(pydantic.BaseModel):
        people: list[Person]
        ok: bool

    harness = Harness("sync", streaming(JSON_STREAM))
    final = harness.client.stream("t", output_schema=People).get_final_output()
    assert final == People(people=[Person(name="John", age=41)], ok=True)
    sent = json.loads(harness.api.requests[0].content)["output_schema"]
    assert sent["required"] == ["people", "ok"]


def test_async_stream_works_with_and_without_await() -> None:
    async def main() -> tuple[list[str], str, Any]:
        harness = Harness("async", streaming(TEXT_STREAM), streaming(TEXT_STREAM))
        client = harness.client
        async with client.stream("t") as stream:
            texts = [text async for text in stream.text_stream]
        async with await client.stream("t") as again:
            final = await again.get_final_output()
        unused = client.stream("t")  # never awaited: nothing is sent, no warning
        del unused
        return texts, final, harness

    texts, final, harness = asyncio.run(main())
    assert texts == ["Hel", "lo"]
    assert final == "Hello"
    assert len(harness.api.requests) == 2


# -- how a stream ends: complete, cut, closed by the client -------------------------------------


def _ends_with_blank_line(body: bytes) -> bool:
    """The reference: after the last blank line nothing but line endings (WHATWG §9.2.5)."""
    text = body.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return text.rfind(b"\n\n") >= 0 and not text[text.rfind(b"\n\n") :].strip(b"\n")


@given(st.lists(st.sampled_from([b"a", b":", b" ", b"\r", b"\n", b"\r\n"]), max_size=12))
@settings(max_examples=500, deadline=None)
def test_event_boundary_from_the_last_three_bytes(pieces: list[bytes]) -> None:
    body = b"data: x\n\n" + b"".join(pieces)
    assert at_event_boundary(body[-3:]) is _ends_with_blank_line(body)


@given(st.binary(max_size=40), st.integers(1, 8))
@settings(max_examples=300, deadline=None)
def test_the_end_check_does_not_depend_on_chunking(tail: bytes, size: int) -> None:
    body = sse({"span_id": SPAN_ID}, {"delta": "a", "chunk_type": "text"}) + tail
    whole, pieces = StreamState(), StreamState()
    outcome = [type(item).__name__ for item in whole.feed(body) + whole.flush()]
    split = [body[i : i + size] for i in range(0, len(body), size)]
    items = [item for piece in split for item in pieces.feed(piece)] + pieces.flush()
    assert [type(item).__name__ for item in items] == outcome


@both
def test_a_drained_stream_is_completed(mode: str) -> None:
    harness = Harness(mode, streaming(TEXT_STREAM))
    _, stream, exc = harness.run()
    assert exc is None
    assert stream.completed
    _, stopped, _ = Harness(mode, streaming(TEXT_STREAM)).run(limit=1)
    assert stopped.closed
    assert not stopped.completed


@both
@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (TEXT_STREAM[:-2], "inside an event"),
        (TEXT_STREAM + b"data: {", "inside an event"),
        (b": ping\r\n\r\n", "before the stream's first event"),
        (b"", "before the stream's first event"),
    ],
    ids=["no-blank-line", "cut-event", "ping-only", "empty"],
)
def test_a_cut_or_empty_body_is_interrupted(mode: str, body: bytes, problem: str) -> None:
    harness = Harness(mode, streaming(body))
    chunks, stream, exc = harness.run()
    assert isinstance(exc, StreamInterruptedError)
    assert problem in str(exc)
    assert exc.text == "".join(c.delta for c in chunks)
    assert (stream is None) is (not chunks), "a failure before any chunk comes from stream()"
    (finish,) = harness.span.named("finish")
    assert finish[0] is exc


@both
def test_a_body_that_is_not_an_event_stream_is_an_error(mode: str) -> None:
    page = httpx.Response(200, headers={"content-type": "text/html"}, text=f"<p>{API_KEY}</p>")
    harness = Harness(mode, page)
    _, stream, exc = harness.run()
    assert stream is None
    assert isinstance(exc, APIResponseError)
    assert (exc.status_code, exc.content_type, exc.body) == (200, "text/html", "<p>***</p>")
    assert "expected text/event-stream, got 'text/html'" in str(exc)
    assert len(harness.api.requests) == 1
    assert harness.span.named("finish") == [(exc, True)]


@both
def test_closing_the_client_ends_its_open_streams(mode: str) -> None:
    harness = Harness(mode, streaming(TEXT_STREAM))

    async def open_async() -> Any:
        stream = await harness.client.stream("t")
        await stream.__anext__()
        await harness.client.aclose()
        return stream

    if mode == "sync":
        stream = harness.client.stream("t")
        next(stream)
        harness.client.close()
    else:
        stream = asyncio.run(open_async())
    assert stream.closed
    assert not stream.completed
    assert harness.span.named("finish") == [(None, False)]
    assert harness.api.bodies[0].closed


def test_an_echoed_key_is_redacted_before_the_excerpt_is_cut() -> None:
    state = StreamState(secret=API_KEY, where="POST /v2/call/stream")
    escaped = API_KEY.replace("s", "\\u0073")
    _, bad = state.feed(sse({"span_id": SPAN_ID}, "x" * 195 + escaped + "!"))
    assert isinstance(bad, Failure)
    error = state.error(bad.cls, bad.message, **bad.fields)
    assert API_KEY[:5] not in str(error)
    assert str(error).startswith("POST /v2/call/stream: event data is not JSON: 'xxx")


# -- one idempotency key per call, reused by its retries ----------------------------------------


@both
def test_retries_of_one_call_carry_its_idempotency_key(mode: str) -> None:
    harness = Harness(mode, error(503, "busy"), streaming(TEXT_STREAM), streaming(TEXT_STREAM))
    harness.run()
    harness.run()
    first, retry, other = (r.headers["idempotency-key"] for r in harness.api.requests)
    assert first == retry != other
    assert str(uuid.UUID(first)) == first


def test_a_given_idempotency_key_is_sent_as_is() -> None:
    harness = Harness("sync", streaming(TEXT_STREAM))
    harness.run(extra_headers={"idempotency-key": "order-42"})
    (request,) = harness.api.requests
    assert request.headers.get_list("idempotency-key") == ["order-42"]


def test_live_the_emulator_records_the_idempotency_key(emulator: Any, driver: Any) -> None:
    client = live_client(driver, emulator, "fail-times=1:503")
    before = len(emulator.requests)
    driver.call(client, "story", input="x")
    _, _, exc = driver.stream(client, "story", input="x")
    assert exc is None
    keys = [request.headers["idempotency-key"] for request in emulator.requests[before:]]
    assert len(keys) == 4, "each call failed once and was retried"
    assert keys[0] == keys[1] != keys[2] == keys[3]


def test_state_keeps_text_in_at_most_twice_its_size() -> None:
    import tracemalloc

    from opper_tracing._types import StreamChunk as Chunk

    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        states = []
        for _ in range(20):
            state = StreamState()
            for _ in range(2000):
                state.accept(Chunk("abcd", None, None, "text"))
            states.append(state)
        used = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert states[0].text == "abcd" * 2000
    assert used / 20 <= 2 * 8000, f"{used / 20:.0f} bytes for 8,000 characters"
