"""Rebuilding structured output from (json_path, delta) pieces: the paths' roots, and a
client's stream reading every shape the API's sources send (``httpx.MockTransport`` bodies)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest

from _fakes import API_KEY, SPAN_ID, Driver, FakeAPI, RecordingTelemetry, sse, streaming
from opper_tracing import AsyncOpper, Opper
from opper_tracing._assembly import OutputAssembler, has_response_property, parse_json_path


@pytest.mark.parametrize(
    ("path", "segments"),
    [
        ("response", ()),
        ("response.sum", ("sum",)),
        ("response.people[0].name", ("people", 0, "name")),
        ("response.matrix[1][2]", ("matrix", 1, 2)),
        ('response["odd.key"].x', ("odd.key", "x")),
        ("title", ("title",)),
        ("[3]", (3,)),
    ],
)
def test_parse_json_path(path: str, segments: tuple[str | int, ...]) -> None:
    assert parse_json_path(path) == segments


@pytest.mark.parametrize("path", ["response..x", "response[x]", "response[0"])
def test_parse_json_path_rejects_garbage(path: str) -> None:
    with pytest.raises(ValueError, match="json_path"):
        parse_json_path(path)


def test_strings_append_and_scalars_replace() -> None:
    assembler = OutputAssembler()
    for path, delta in [
        ("response.people[0].name", "Jo"),
        ("response.people[0].name", "hn"),
        ("response.people[0].age", 41),
        ("response.people[1].name", "Ann"),
        ("response.people[1].active", True),
        ("response.total", 2.5),
        ("response.tags[0]", "a"),
        ("response.tags[1]", "b"),
        ("response.nested.deep.value", None),
    ]:
        assembler.add(path, delta)
    assert assembler.value == {
        "people": [{"name": "John", "age": 41}, {"name": "Ann", "active": True}],
        "total": 2.5,
        "tags": ["a", "b"],
        "nested": {"deep": {"value": None}},
    }


def test_out_of_order_indexes_pad_with_none() -> None:
    assembler = OutputAssembler()
    assembler.add("response.items[2]", "c")
    assembler.add("response.items[0]", "a")
    assert assembler.value == {"items": ["a", None, "c"]}


def test_root_value_and_top_level_array() -> None:
    scalar = OutputAssembler()
    scalar.add("response", "4")
    scalar.add("response", "2")
    assert scalar.value == "42"
    array = OutputAssembler()
    array.add("response[0].x", 1)
    assert array.value == [{"x": 1}]


def test_snapshot_is_a_copy() -> None:
    assembler = OutputAssembler()
    assembler.add("response.a", "x")
    snap = assembler.snapshot()
    assembler.add("response.a", "y")
    assert snap == {"a": "x"}
    assert assembler.value == {"a": "xy"}


def test_conflicting_shapes_raise() -> None:
    assembler = OutputAssembler()
    assembler.add("response.a", "text")
    with pytest.raises(ValueError, match="non-object"):
        assembler.add("response.a.b", 1)
    with pytest.raises(ValueError, match="non-array"):
        assembler.add("response.a[0]", 1)


def test_many_pieces_of_one_field_join_in_order() -> None:
    assembler = OutputAssembler()
    pieces = [f"{n}," for n in range(20_000)]
    for piece in pieces:
        assembler.add("response.log", piece)
    assert assembler.value == {"log": "".join(pieces)}


def test_replacing_a_container_forgets_paths_resolved_through_it() -> None:
    assembler = OutputAssembler()
    assembler.add("response.a.b", "x")
    assembler.add("response.a", 5)
    with pytest.raises(ValueError, match="non-object"):
        assembler.add("response.a.b", "y")
    assembler.add("response.a", {"fresh": True})
    assembler.add("response.a.b", "z")
    assert assembler.value == {"a": {"fresh": True, "b": "z"}}


def test_reads_are_plain_json_data() -> None:
    assembler = OutputAssembler()
    assembler.add("response.items[0]", "a")
    assembler.add("response.items[0]", "b")
    value = assembler.value
    assert value == {"items": ["ab"]}
    assert type(value["items"][0]) is str


# json_path roots: unprefixed (the API reference, the emulator's default) and ``response.``-prefixed
# paths build the same value; a leading ``response`` is a property when the schema has one.


def test_unprefixed_and_prefixed_paths_build_the_same_value() -> None:
    plain, prefixed = OutputAssembler(), OutputAssembler()
    for path, delta in [("people[0].name", "Jo"), ("people[0].name", "hn"), ("summary", "ok")]:
        plain.add(path, delta)
        prefixed.add("response." + path, delta)
    assert plain.value == prefixed.value == {"people": [{"name": "John"}], "summary": "ok"}
    for root in ("", "response"):
        scalar = OutputAssembler()
        scalar.add(root, "4")
        scalar.add(root, "2")
        assert scalar.value == "42"
        array = OutputAssembler()
        array.add(f"{root}[1]", True)
        assert array.value == [None, True]


def test_a_top_level_response_property_keeps_its_segment() -> None:
    schema = {"type": "object", "properties": {"response": {"type": "string"}, "n": {}}}
    assert has_response_property(schema)
    assert not has_response_property({"properties": {"reply": {}}})
    assert not has_response_property(None)
    assembler = OutputAssembler(output_schema=schema)
    assembler.add("response", "Hel")
    assembler.add("response", "lo")
    assembler.add("n", 1)
    assert assembler.value == {"response": "Hello", "n": 1}
    assert parse_json_path("response.x", keep_response=True) == ("response", "x")


# The client over every stream shape: span_id alone first, beside the first delta, or last; the
# SSE id/event/retry lines; prefixed or unprefixed json paths.

TEXT = [{"delta": "Hel", "chunk_type": "text"}, {"delta": "lo", "chunk_type": "text"}]
JSON = [
    {"delta": "Jo", "json_path": "people[0].name", "chunk_type": "json"},
    {"delta": "hn", "json_path": "people[0].name", "chunk_type": "json"},
    {"delta": 41, "json_path": "people[0].age", "chunk_type": "json"},
]


def shaped(deltas: list[dict[str, Any]], shape: str, prefix: str = "") -> bytes:
    """The stream body of ``deltas`` with ``span_id`` where ``shape`` puts it (``fields``: in
    the last event, every event with ``id``/``event`` lines and the first with ``retry``)."""
    chunks = [
        {**d, "json_path": prefix + d["json_path"]} if "json_path" in d else dict(d) for d in deltas
    ]
    if shape == "alone":
        chunks.insert(0, {"span_id": SPAN_ID})
    elif shape == "first-delta":
        chunks[0] = {"span_id": SPAN_ID, **chunks[0]}
    else:
        chunks[-1] = {**chunks[-1], "span_id": SPAN_ID}
    if shape != "fields":
        return sse(*chunks)
    events = [
        f"id: {n}\r\nevent: message\r\n{'retry: 3000' + chr(13) + chr(10) if n == 1 else ''}"
        f"data: {json.dumps(chunk)}\r\n\r\n"
        for n, chunk in enumerate(chunks, 1)
    ]
    return "".join(events).encode()


def run_stream(mode: str, body: bytes, **kwargs: Any) -> tuple[list[Any], Any, RecordingTelemetry]:
    api = FakeAPI(streaming(body))
    cls = Opper if mode == "sync" else AsyncOpper
    client: Any = cls(
        api_key=API_KEY, base_url="https://x.test/v2", transport=httpx.MockTransport(api)
    )
    telemetry = client._telemetry = RecordingTelemetry()
    if mode == "sync":
        chunks, stream, exc = Driver.stream_sync(client, ("t",), kwargs, None)
        client.close()
    else:

        async def go() -> Any:
            result = await Driver.stream_async(client, ("t",), kwargs, None)
            await client.aclose()
            return result

        chunks, stream, exc = asyncio.run(go())
    assert exc is None
    return chunks, stream, telemetry


SHAPES = ["alone", "first-delta", "last", "fields"]


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("shape", SHAPES)
def test_text_streams_in_every_shape(mode: str, shape: str) -> None:
    chunks, stream, telemetry = run_stream(mode, shaped(TEXT, shape))
    assert [c.delta for c in chunks] == ["Hel", "lo"]  # an id-only event is not a chunk
    assert (stream.text, stream.span_id) == ("Hello", SPAN_ID)
    (span,) = telemetry.spans
    assert span.named("span_id") == [SPAN_ID]  # reported once, wherever it came
    if shape == "first-delta":
        assert chunks[0].span_id == SPAN_ID
    if shape == "fields":
        assert (stream.last_event_id, stream.retry) == ("2", 3000)


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("prefix", ["", "response."])
def test_json_streams_in_every_shape(mode: str, shape: str, prefix: str) -> None:
    schema = {"type": "object", "properties": {"people": {"type": "array"}}}
    chunks, stream, _ = run_stream(mode, shaped(JSON, shape, prefix), output_schema=schema)
    assert stream.output == {"people": [{"name": "John", "age": 41}]}
    assert stream.span_id == SPAN_ID
    assert len(chunks) == 3


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_schema_with_a_response_property_streams_into_it(mode: str) -> None:
    schema = {"type": "object", "properties": {"response": {"type": "string"}}}
    deltas = [
        {"delta": "Hi", "json_path": "response", "chunk_type": "json"},
        {"delta": "!", "json_path": "response", "chunk_type": "json"},
    ]
    _, stream, _ = run_stream(mode, shaped(deltas, "alone"), output_schema=schema)
    assert stream.output == {"response": "Hi!"}
    _, unrooted, _ = run_stream(mode, shaped(deltas, "alone"))  # no schema: a prefix
    assert unrooted.output == "Hi!"
