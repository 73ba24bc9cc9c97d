"""The Opper API emulator (``opper_emulator``), tested over real loopback HTTP.

Every request goes through plain httpx, once with ``httpx.Client`` and once with
``httpx.AsyncClient`` where the ``caller`` fixture is used. Every JSON answer is checked against
the response schema that ``openapi.yaml`` documents for its operation and status, and every
stream chunk against ``StreamingChunk``. Streams are parsed by the small helpers below, on the
raw bytes, not by the library's own SSE decoder.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import socket
import ssl
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import anyio
import anyio.to_thread
import httpx
import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from opper_emulator import (
    DEFAULT_API_KEY,
    MAX_JSON_DEPTH,
    Emulator,
    FaultSpecError,
    create_app,
    find_spec_path,
    load_spec,
    parse_faults,
    synthesize,
)
from opper_emulator._state import EmulatorState

KEY = "test-key-0123456789"
# One TLS context for every client: building one per client would dominate the run time.
TLS = ssl.create_default_context()
ROOT = Path(__file__).resolve().parent.parent
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
_REGISTRY: Registry[Any] = Registry().with_resource(
    "urn:spec", Resource.from_contents(SPEC, default_specification=DRAFT202012)
)
_TEMPLATES = [
    (re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"), template)
    for template in SPEC["paths"]
]
PERSON = {
    "type": "object",
    "properties": {
        "people": {"type": "array", "items": {"$ref": "#/$defs/person"}},
        "count": {"type": "integer"},
        "ok": {"type": "boolean"},
    },
    "required": ["people"],
    "$defs": {
        "person": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "age": {"type": "integer", "minimum": 0},
                "role": {"enum": ["admin", "user"]},
            },
        }
    },
}


def _validator(ref: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": "urn:spec" + ref},
        registry=_REGISTRY,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


CHUNK_SCHEMA = _validator("#/components/schemas/StreamingChunk")


def _response_schema(template: str, method: str, status: int) -> dict[str, Any] | None:
    """The JSON schema the spec gives for this answer; fails when the status is undocumented."""
    responses = SPEC["paths"][template][method.lower()]["responses"]
    entry = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX")
    assert entry is not None, f"{status} is not documented for {method} {template}"
    if "$ref" in entry:
        entry = SPEC["components"]["responses"][entry["$ref"].rsplit("/", 1)[1]]
    schema = entry.get("content", {}).get("application/json", {}).get("schema")
    if schema is None and status >= 400:  # 429 and 5XX have no schema; the emulator sends Error
        schema = {"$ref": "#/components/schemas/Error"}
    return schema


def check_contract(method: str, path: str, reply: Reply) -> None:
    """Assert that ``reply`` is an answer the spec documents for ``method path``."""
    template = next((t for pattern, t in _TEMPLATES if pattern.match(path)), None)
    if template is None or method.lower() not in SPEC["paths"][template]:
        return  # not an operation of the spec (the 404/405 tests check those)
    schema = _response_schema(template, method, reply.status)
    content_type = reply.headers.get("content-type", "")
    if reply.status == 204:
        assert reply.raw == b""
    elif content_type.startswith("application/json"):
        assert schema is not None
        assert "$ref" in schema
        errors = list(_validator(schema["$ref"]).iter_errors(json.loads(reply.raw)))
        assert not errors, errors
    else:
        assert content_type.startswith("text/event-stream"), content_type
        assert reply.status == 200


# Reading streams without the library


def event_blocks(raw: bytes) -> list[bytes]:
    """The SSE event blocks in ``raw`` (CRLF framing asserted), without ``:`` comment blocks."""
    assert raw.endswith(b"\r\n\r\n") or not raw, raw[-40:]
    blocks = raw.split(b"\r\n\r\n")[:-1]
    return [block for block in blocks if not block.startswith(b":")]


def events(raw: bytes) -> list[dict[str, Any]]:
    """Each event's ``data`` parsed as JSON and checked against ``StreamingChunk``."""
    chunks = []
    for block in event_blocks(raw):
        assert block.startswith(b"data: "), block
        assert b"\n" not in block, block
        chunk = json.loads(block[len(b"data: ") :])
        errors = list(CHUNK_SCHEMA.iter_errors(chunk))
        assert not errors, errors
        chunks.append(chunk)
    return chunks


_SEGMENT = re.compile(r'\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([^.\[\]]+)')


def assemble(chunks: list[dict[str, Any]]) -> Any:
    """Rebuild the output of a stream's deltas: text joined, or JSON set by ``json_path``."""
    text = "".join(c["delta"] for c in chunks if c.get("chunk_type") == "text")
    pairs = [(c["json_path"], c["delta"]) for c in chunks if c.get("chunk_type") == "json"]
    if not pairs:
        return text
    root: dict[str, Any] = {}
    for path, delta in pairs:
        keys: list[Any] = ["value"]
        for index, quoted, key in _SEGMENT.findall(path):
            keys.append(int(index) if index else quoted or key)
        node: Any = root
        for here, following in itertools.pairwise(keys):
            empty: Any = [] if isinstance(following, int) else {}
            if isinstance(here, int):
                node.extend([None] * (here + 1 - len(node)))
                node[here] = node[here] if node[here] is not None else empty
            else:
                node.setdefault(here, empty)
            node = node[here]
        last = keys[-1]
        if isinstance(last, int):
            node.extend([None] * (last + 1 - len(node)))
            current = node[last]
        else:
            current = node.get(last)
        joined = current + delta if isinstance(current, str) and isinstance(delta, str) else delta
        node[last] = joined
    return root["value"]


# Talking to the emulator


@dataclass
class Reply:
    """What came back: status, headers, the raw body and how it arrived."""

    status: int
    headers: httpx.Headers
    pieces: list[bytes] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    error: httpx.TransportError | None = None

    @property
    def raw(self) -> bytes:
        return b"".join(self.pieces)

    def json(self) -> Any:
        return json.loads(self.raw)


class Caller(Protocol):
    async def __call__(
        self,
        method: str,
        path: str,
        *,
        json: Any = ...,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 10.0,
    ) -> Reply: ...


_NO_BODY: Any = object()


def _request_args(
    base_url: str,
    method: str,
    path: str,
    body: Any,
    content: bytes | None,
    headers: dict[str, str] | None,
    timeout: float,
) -> dict[str, Any]:
    sent = {"Authorization": f"Bearer {KEY}", **(headers or {})}
    sent = {k: v for k, v in sent.items() if v is not None}
    args: dict[str, Any] = {
        "method": method,
        "url": base_url + path,
        "headers": sent,
        "timeout": httpx.Timeout(timeout),
    }
    if body is not _NO_BODY:
        args["json"] = body
    if content is not None:
        args["content"] = content
    return args


def _finish(reply: Reply, method: str, base_url: str, path: str) -> Reply:
    if reply.error is None:
        check_contract(method, urlsplit(base_url + path).path.removeprefix("/v2"), reply)
    return reply


def sync_send(
    client: httpx.Client,
    base_url: str,
    method: str,
    path: str,
    *,
    json: Any = _NO_BODY,
    content: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10.0,
) -> Reply:
    args = _request_args(base_url, method, path, json, content, headers, timeout)
    start = time.monotonic()
    with client.stream(**args) as response:
        reply = Reply(response.status_code, response.headers)
        try:
            for piece in response.iter_raw():
                reply.pieces.append(piece)
                reply.times.append(time.monotonic() - start)
        except httpx.TransportError as exc:
            reply.error = exc
    return _finish(reply, method, base_url, path)


async def async_send(
    client: httpx.AsyncClient,
    base_url: str,
    method: str,
    path: str,
    *,
    json: Any = _NO_BODY,
    content: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 10.0,
) -> Reply:
    args = _request_args(base_url, method, path, json, content, headers, timeout)
    start = time.monotonic()
    async with client.stream(**args) as response:
        reply = Reply(response.status_code, response.headers)
        try:
            async for piece in response.aiter_raw():
                reply.pieces.append(piece)
                reply.times.append(time.monotonic() - start)
        except httpx.TransportError as exc:
            reply.error = exc
    return _finish(reply, method, base_url, path)


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    emulator = Emulator(api_key=KEY)
    with emulator:
        yield emulator


@pytest.fixture(autouse=True)
def _fresh(request: pytest.FixtureRequest) -> None:
    if "emulator" in request.fixturenames:
        request.getfixturevalue("emulator").reset()


@pytest.fixture
def base_url(emulator: Emulator) -> str:
    return emulator.base_url


@pytest.fixture(params=["sync", "async"])
async def caller(request: pytest.FixtureRequest, base_url: str) -> AsyncIterator[Caller]:
    """Sends one request with httpx.Client (in a worker thread) or httpx.AsyncClient."""
    if request.param == "sync":
        with httpx.Client(verify=TLS) as client:

            async def send_sync(method: str, path: str, **kwargs: Any) -> Reply:
                call = partial(sync_send, client, base_url, method, path, **kwargs)
                return await anyio.to_thread.run_sync(call)

            yield send_sync
    else:
        async with httpx.AsyncClient(verify=TLS) as async_client:

            async def send_async(method: str, path: str, **kwargs: Any) -> Reply:
                return await async_send(async_client, base_url, method, path, **kwargs)

            yield send_async


def raw_http(base_url: str, request: bytes, timeout: float = 10.0) -> bytes:
    """Send raw bytes to the emulator and read until it closes the connection."""
    parts = urlsplit(base_url)
    assert parts.hostname is not None
    assert parts.port is not None
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as sock:
        sock.sendall(request)
        received = []
        while chunk := sock.recv(65536):
            received.append(chunk)
    return b"".join(received)


def http_request(method: str, path: str, body: bytes, headers: dict[str, str]) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(body)}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def dechunk(raw: bytes) -> tuple[bytes, list[int], bytes]:
    """Split a chunked HTTP/1.1 response into (head, chunk sizes, body)."""
    head, _, rest = raw.partition(b"\r\n\r\n")
    sizes, body = [], b""
    while rest:
        line, _, rest = rest.partition(b"\r\n")
        size = int(line, 16)
        sizes.append(size)
        body, rest = body + rest[:size], rest[size + 2 :]
    return head, sizes, body


#: The configuration that turns on the server's (beta) check of input against input_schema.
VALIDATE = {"beta.invocation.input_validation.enabled": True}


def call_body(**fields: Any) -> dict[str, Any]:
    return {"name": "greet", "input": {"who": "Ann"}, **fields}


# Operations


async def test_every_operation_round_trip(caller: Caller, emulator: Emulator) -> None:
    """Each operation of the spec answers its documented success status and body."""
    reply = await caller("POST", "/call", json=call_body())
    assert reply.status == 200
    assert reply.json()["message"] == 'Emulated reply to greet: {"who":"Ann"}'

    reply = await caller("POST", "/call/stream", json=call_body())
    assert reply.status == 200
    assert reply.headers["content-type"].startswith("text/event-stream")

    reply = await caller("POST", "/spans", json={"name": "outer", "meta": {"k": "v"}})
    assert reply.status == 200
    span = reply.json()
    assert span["name"] == "outer"
    assert uuid.UUID(span["id"])
    assert uuid.UUID(span["trace_id"])

    reply = await caller("GET", f"/spans/{span['id']}")
    assert reply.status == 200
    assert reply.json() == {**span, "feedback": None}

    patch = {"end_time": "2025-01-01T00:00:01Z", "output": "done", "score": 3}
    reply = await caller("PATCH", f"/spans/{span['id']}", json=patch)
    assert reply.status == 200
    assert reply.json() == {**span, **patch}

    reply = await caller("PATCH", f"/spans/{span['id']}", json={"name": None, "meta": None})
    assert reply.json() == {**span, **patch, "meta": None}  # a null name keeps the name

    reply = await caller("GET", f"/traces/{span['trace_id']}")
    assert reply.status == 200
    assert [s["id"] for s in reply.json()["spans"]] == [span["id"]]
    reply = await caller("GET", "/traces")
    assert span["trace_id"] in [trace["id"] for trace in reply.json()["data"]]

    await _round_trip_span_extras(caller, span["id"])
    await _round_trip_functions(caller)
    reply = await caller("GET", "/models")
    assert reply.status == 200
    assert reply.json()["meta"]["total_count"] == len(reply.json()["data"]) > 0

    reply = await caller("DELETE", f"/spans/{span['id']}")
    assert reply.status == 204
    reply = await caller("GET", f"/spans/{span['id']}")
    assert reply.status == 404
    operations = {(r.method, r.operation_id) for r in emulator.requests}
    spec_operations = {
        (method.upper(), op["operationId"])
        for item in SPEC["paths"].values()
        for method, op in item.items()
        if isinstance(op, dict) and "operationId" in op
    }
    assert spec_operations <= operations


async def _round_trip_span_extras(caller: Caller, span_id: str) -> None:
    """Metrics, feedback and examples on a span."""
    path = f"/spans/{span_id}/metrics"
    metric = (await caller("POST", path, json={"dimension": "accuracy", "value": 0.5})).json()
    assert (metric["span_id"], metric["dimension"], metric["value"]) == (span_id, "accuracy", 0.5)
    listed = (await caller("GET", path)).json()
    assert listed == {"meta": {"total_count": 1}, "data": [metric]}
    assert (await caller("GET", f"{path}/{metric['id']}")).json() == metric
    changed = await caller("PATCH", f"{path}/{metric['id']}", json={"value": 1, "comment": "ok"})
    assert changed.json() == {**metric, "value": 1, "comment": "ok"}
    assert (await caller("DELETE", f"{path}/{metric['id']}")).status == 204
    assert (await caller("GET", f"{path}/{metric['id']}")).status == 404

    feedback = {"score": 1.0, "comment": "good"}
    reply = await caller("POST", f"/spans/{span_id}/feedback", json=feedback)
    assert reply.json() == {"span_id": span_id, **feedback, "example_saved": False}
    assert (await caller("GET", f"/spans/{span_id}")).json()["feedback"] == feedback
    reply = await caller("POST", f"/spans/{span_id}/save_examples")  # not a call's span
    assert assert_error(reply, 404, "NotFoundError") == "Dataset not found"


async def _round_trip_functions(caller: Caller) -> None:
    """Create, read, list, change, call, stream and delete a function, and read its revisions."""
    created = await caller(
        "POST",
        "/functions",
        json={"name": "add", "instructions": "Add.", "output_schema": SUM, "model": "m/x"},
    )
    assert created.status == 201
    function = created.json()
    assert function["configuration"]["invocation.cache.ttl"] == 0  # the server's default
    assert (await caller("GET", f"/functions/{function['id']}")).json() == function
    assert (await caller("GET", "/functions/by-name/add")).json() == function
    listed = (await caller("GET", "/functions?name=add")).json()
    assert [f["id"] for f in listed["data"]] == [function["id"]]
    changed = (
        await caller("PATCH", f"/functions/{function['id']}", json={"instructions": "Sum."})
    ).json()
    assert changed["instructions"] == "Sum."
    assert changed["revision_id"] != function["revision_id"]
    revisions = (await caller("GET", f"/functions/{function['id']}/revisions")).json()
    assert [r["id"] for r in revisions["data"]] == [changed["revision_id"], function["revision_id"]]
    first = f"/functions/{function['id']}/revisions/{function['revision_id']}"
    assert (await caller("GET", first)).json() == function

    body = {"input": {"x": 2, "y": 3}}
    for path in (
        f"/functions/{function['id']}/call",
        f"/functions/{function['id']}/call/{function['revision_id']}",
    ):
        answer = (await caller("POST", path, json=body)).json()
        assert answer["json_payload"] == {"sum": 5}
        assert answer["cached"] is False
    for path in (
        f"/functions/{function['id']}/call/stream",
        f"/functions/{function['id']}/call/stream/{function['revision_id']}",
    ):
        chunks = events((await caller("POST", path, json=body)).raw)
        assert set(chunks[1]) == {"delta", "chunk_type"}  # text only: the SDK's model
        assert json.loads(assemble(chunks[1:])) == {"sum": 5}
    assert (await caller("DELETE", f"/functions/{function['id']}")).status == 204
    assert (await caller("GET", f"/functions/{function['id']}")).status == 404


SUM = {"type": "object", "properties": {"sum": {"type": "integer"}}}


async def test_call_answers_with_usage_cost_and_a_fresh_span_id(caller: Caller) -> None:
    first = (await caller("POST", "/call", json=call_body())).json()
    second = (await caller("POST", "/call", json=call_body())).json()
    assert first["span_id"] != second["span_id"]
    assert str(uuid.UUID(first["span_id"])) == first["span_id"]
    assert first["message"] == second["message"]  # deterministic
    assert first["json_payload"] is None
    assert first["cached"] is False
    usage = first["usage"]
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"] > 0
    assert math.isclose(
        first["cost"]["total"], first["cost"]["generation"] + first["cost"]["platform"]
    )


async def test_call_with_output_schema_returns_a_valid_json_payload(caller: Caller) -> None:
    reply = await caller("POST", "/call", json=call_body(output_schema=PERSON))
    body = reply.json()
    assert body["message"] is None
    payload = body["json_payload"]
    assert Draft202012Validator(PERSON).is_valid(payload)
    assert payload == {
        "people": [
            {"name": "sample name 1", "age": 42, "role": "admin"},
            {"name": "sample name 2", "age": 43, "role": "admin"},
        ],
        "count": 42,
        "ok": True,
    }


async def test_call_sums_numbers_for_a_single_numeric_property(caller: Caller) -> None:
    schema = {"type": "object", "properties": {"sum": {"type": "integer"}}}
    body = call_body(input={"x": 2, "y": 40}, output_schema=schema)
    assert (await caller("POST", "/call", json=body)).json()["json_payload"] == {"sum": 42}


async def test_matching_example_is_the_answer(caller: Caller) -> None:
    examples = [{"input": {"x": 1}, "output": {"sum": 99}}, {"input": "hi", "output": "hello!"}]
    schema = {"type": "object", "properties": {"sum": {"type": "integer"}}}
    body = call_body(input={"x": 1}, output_schema=schema, examples=examples)
    assert (await caller("POST", "/call", json=body)).json()["json_payload"] == {"sum": 99}
    text = (await caller("POST", "/call", json=call_body(input="hi", examples=examples))).json()
    assert text["message"] == "hello!"
    other = (await caller("POST", "/call", json=call_body(input="ho", examples=examples))).json()
    assert other["message"] == "Emulated reply to greet: ho"


async def test_text_stream_bytes_and_content(caller: Caller) -> None:
    body = call_body()
    reply = await caller("POST", "/call/stream", json=body)
    assert reply.status == 200
    assert reply.error is None
    assert reply.headers["content-type"] == "text/event-stream; charset=utf-8"
    assert re.match(rb'^data: \{"span_id": "[0-9a-f-]{36}"\}\r\n\r\ndata: \{"delta": ', reply.raw)
    assert reply.raw.endswith(b'"chunk_type": "text"}\r\n\r\n')  # no sentinel after the last delta
    chunks = events(reply.raw)
    assert list(chunks[0]) == ["span_id"]
    assert all(c["chunk_type"] == "text" and 0 < len(c["delta"]) <= 4 for c in chunks[1:])
    assert len(chunks) > 5
    message = (await caller("POST", "/call", json=body)).json()["message"]
    assert assemble(chunks) == message


async def test_json_stream_reassembles_to_the_call_payload(caller: Caller) -> None:
    body = call_body(output_schema=PERSON)
    reply = await caller("POST", "/call/stream", json=body)
    chunks = events(reply.raw)
    assert list(chunks[0]) == ["span_id"]
    deltas = chunks[1:]
    assert all(c["chunk_type"] == "json" for c in deltas)
    name_pieces = [c["delta"] for c in deltas if c["json_path"] == "people[0].name"]
    assert len(name_pieces) > 1
    assert "".join(name_pieces) == "sample name 1"
    ages = [c["delta"] for c in deltas if c["json_path"] == "people[1].age"]
    assert ages == [43]
    assert [c["delta"] for c in deltas if c["json_path"] == "ok"] == [True]
    payload = (await caller("POST", "/call", json=body)).json()["json_payload"]
    assert assemble(chunks) == payload
    prefixed = events(
        (await caller("POST", "/call/stream", json=body, headers=fault("json-path=response"))).raw
    )
    assert [c.get("json_path") for c in prefixed] == [
        None if c.get("json_path") is None else "response." + c["json_path"] for c in chunks
    ]


@pytest.mark.parametrize(
    ("schema", "paths"),
    [
        ({"type": "array", "items": {"type": "integer"}}, ["[0]", "[1]"]),
        ({"type": "string"}, [""]),
        ({"type": "object", "properties": {"a.b": {"type": "boolean"}}}, ['["a.b"]']),
    ],
)
async def test_json_paths_for_non_object_roots_and_odd_keys(
    caller: Caller, schema: dict[str, Any], paths: list[str]
) -> None:
    body = call_body(output_schema=schema)
    chunks = events((await caller("POST", "/call/stream", json=body)).raw)[1:]
    assert sorted({c["json_path"] for c in chunks}) == paths
    payload = (await caller("POST", "/call", json=body)).json()["json_payload"]
    assert assemble(chunks) == payload


async def test_calls_are_spans_nested_under_their_parent(
    caller: Caller, emulator: Emulator
) -> None:
    parent = (await caller("POST", "/spans", json={"name": "request"})).json()
    body = call_body(parent_span_id=parent["id"], tags={"user": "u1"})
    call = (await caller("POST", "/call", json=body)).json()
    stream = events((await caller("POST", "/call/stream", json=body)).raw)
    spans = emulator.spans
    for span_id in (call["span_id"], stream[0]["span_id"]):
        span = spans[span_id]
        assert span["name"] == "greet"
        assert span["type"] == "call"
        assert span["parent_id"] == parent["id"]
        assert span["trace_id"] == parent["trace_id"]
        assert span["input"] == {"who": "Ann"}
        assert span["meta"]["tags"] == {"user": "u1"}
        assert span["end_time"] is not None
        assert span["output"] == call["message"]
    fetched = await caller("GET", f"/spans/{call['span_id']}")
    assert fetched.json()["parent_id"] == parent["id"]
    orphan = (await caller("POST", "/call", json=call_body())).json()
    assert emulator.spans[orphan["span_id"]]["parent_id"] is None


async def test_child_span_inherits_trace_id_and_client_ids_are_kept(caller: Caller) -> None:
    chosen = str(uuid.uuid4())
    parent = (await caller("POST", "/spans", json={"name": "p", "id": chosen.upper()})).json()
    assert parent["id"] == chosen  # canonical form
    child = (await caller("POST", "/spans", json={"name": "c", "parent_id": chosen})).json()
    assert child["trace_id"] == parent["trace_id"]
    assert child["parent_id"] == chosen
    again = await caller("POST", "/spans", json={"name": "p", "id": chosen})
    assert again.status == 400
    assert again.json()["detail"][0]["loc"] == ["body", "id"]


async def test_a_trace_groups_a_root_span_and_the_calls_under_it(caller: Caller) -> None:
    root = (await caller("POST", "/spans", json={"name": "checkout", "input": {"n": 1}})).json()
    under = call_body(parent_span_id=root["id"], model={"name": "openai/gpt-4o-mini"})
    call = (await caller("POST", "/call", json=under)).json()
    stream = events((await caller("POST", "/call/stream", json=under)).raw)
    end = {"end_time": "2099-01-01T00:00:00+00:00", "output": "paid"}
    await caller("PATCH", f"/spans/{root['id']}", json=end)

    trace = (await caller("GET", f"/traces/{root['trace_id']}")).json()
    assert trace["id"] == root["trace_id"]
    assert (trace["name"], trace["input"], trace["output"]) == ("checkout", '{"n":1}', "paid")
    assert trace["status"] == "success"
    assert trace["end_time"] == end["end_time"]
    assert trace["duration_ms"] > 0
    by_id = {span["id"]: span for span in trace["spans"]}
    assert list(by_id) == [root["id"], call["span_id"], stream[0]["span_id"]]  # start order
    called = by_id[call["span_id"]]
    assert called["parent_id"] == root["id"]
    assert called["data"]["function"] == "greet"
    assert called["data"]["model"] == "openai/gpt-4o-mini"
    assert called["data"]["output"] == call["message"]
    # Both calls cost the same tokens; the trace sums its spans'.
    assert called["data"]["total_tokens"] == call["usage"]["total_tokens"]
    assert trace["total_tokens"] == 2 * call["usage"]["total_tokens"]
    assert by_id[root["id"]]["data"]["total_tokens"] is None


async def test_a_call_without_a_parent_starts_a_trace_and_traces_are_listed(
    caller: Caller, emulator: Emulator
) -> None:
    first = (await caller("POST", "/call", json=call_body(name="first"))).json()
    second = (await caller("POST", "/call", json=call_body(name="second"))).json()
    spans = emulator.spans
    first_trace, second_trace = (spans[c["span_id"]]["trace_id"] for c in (first, second))
    assert first_trace != second_trace

    listing = (await caller("GET", "/traces")).json()
    assert listing["meta"]["total_count"] == 2
    assert [t["id"] for t in listing["data"]] == [second_trace, first_trace]  # newest first
    assert "spans" not in listing["data"][0]
    assert listing["data"][0]["total_tokens"] == second["usage"]["total_tokens"]

    named = (await caller("GET", "/traces?name=first")).json()
    assert [t["id"] for t in named["data"]] == [first_trace]
    page = (await caller("GET", "/traces?offset=1&limit=1")).json()
    assert page["meta"]["total_count"] == 2
    assert [t["id"] for t in page["data"]] == [first_trace]


async def test_trace_status_follows_its_spans(caller: Caller) -> None:
    root = (await caller("POST", "/spans", json={"name": "job"})).json()
    path = f"/traces/{root['trace_id']}"
    assert (await caller("GET", path)).json()["status"] is None  # still open
    assert (await caller("GET", path)).json()["end_time"] is None
    await caller("PATCH", f"/spans/{root['id']}", json={"error": "boom"})
    assert (await caller("GET", path)).json()["status"] == "error"


async def test_unknown_or_malformed_trace(caller: Caller) -> None:
    reply = await caller("GET", f"/traces/{uuid.uuid4()}")
    assert assert_error(reply, 404, "NotFoundError") == "Trace not found"
    assert_error(await caller("GET", "/traces/not-a-uuid"), 422, "RequestValidationError")
    assert_error(await caller("GET", "/traces?limit=0"), 422, "RequestValidationError")
    assert_error(await caller("GET", "/traces?offset=-1"), 422, "RequestValidationError")


async def test_request_log_has_headers_body_and_no_authorization(
    caller: Caller, emulator: Emulator
) -> None:
    traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    await caller("POST", "/call", json=call_body(), headers={"traceparent": traceparent})
    (logged,) = emulator.requests
    assert (logged.method, logged.path, logged.operation_id) == ("POST", "/v2/call", "call")
    assert logged.headers["traceparent"] == traceparent
    assert "authorization" not in logged.headers
    assert logged.json == call_body()
    assert KEY not in repr(emulator.requests)
    assert KEY not in repr(emulator)


# Errors


def assert_error(reply: Reply, status: int, kind: str) -> Any:
    assert reply.status == status, reply.raw
    body = reply.json()
    assert body["type"] == kind
    assert body["message"]
    return body["detail"]


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer wrong-key", f"Basic {KEY}", "Bearer", f"bearer {KEY}x", f"Token {KEY}"],
)
async def test_bad_or_missing_key_is_401(caller: Caller, authorization: str | None) -> None:
    for method, path, body in [
        ("POST", "/call", call_body()),
        ("POST", "/call/stream", call_body()),
        ("GET", f"/spans/{uuid.uuid4()}", _NO_BODY),
    ]:
        reply = await caller(method, path, json=body, headers={"Authorization": authorization})
        assert_error(reply, 401, "HTTPException")
        # As the live API answers (recorded), whatever is wrong with the key.
        assert reply.json() == {
            "type": "HTTPException",
            "message": "Invalid API key",
            "detail": "Invalid API key",
        }
        assert reply.headers["www-authenticate"] == "Bearer"
        assert KEY.encode() not in reply.raw


def test_the_spec_documents_the_live_401_and_a_request_id_on_every_answer() -> None:
    unauthorized = SPEC["components"]["responses"]["Unauthorized"]
    example = unauthorized["content"]["application/json"]["example"]
    assert example == {
        "type": "HTTPException",
        "message": "Invalid API key",
        "detail": "Invalid API key",
    }
    header = {"$ref": "#/components/headers/XRequestId"}
    assert SPEC["components"]["headers"]["XRequestId"]["schema"] == {"type": "string"}
    for item in SPEC["paths"].values():
        for method, operation in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            for code, response in operation["responses"].items():
                if "$ref" in response:
                    response = SPEC["components"]["responses"][response["$ref"].rsplit("/")[-1]]
                assert response["headers"]["x-request-id"] == header, (operation, code)


async def test_every_answer_carries_a_fresh_request_id(
    caller: Caller, emulator: Emulator, base_url: str
) -> None:
    replies = [
        await caller("POST", "/call", json=call_body()),
        await caller("POST", "/call/stream", json=call_body()),
        await caller("POST", "/call/stream", json=call_body(), headers=fault("error-after=1")),
        await caller("GET", f"/spans/{uuid.uuid4()}"),
        await caller("POST", "/call", json={"input": 1}),
        await caller("POST", "/call", json=call_body(), headers={"Authorization": None}),
        await caller("POST", "/call", json=call_body(), headers=fault("status=503")),
        await caller("GET", "/no-such-path"),
    ]
    assert [reply.status for reply in replies] == [200, 200, 200, 404, 422, 401, 503, 404]
    ids = [reply.headers["x-request-id"] for reply in replies]
    assert len(set(ids)) == len(ids)
    assert all(str(uuid.UUID(request_id)) == request_id for request_id in ids)
    assert [request.request_id for request in emulator.requests] == ids
    body = b'{"name": "t"}'
    raw = raw_http(
        base_url,
        b"POST /v2/call HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
        + f"{len(body):x}\r\n".encode()
        + body
        + b"\r\n0\r\n\r\n",
    )
    head = raw.partition(b"\r\n\r\n")[0].decode().lower()
    assert f"x-request-id: {emulator.requests[-1].request_id}" in head


async def test_scheme_is_case_insensitive(caller: Caller) -> None:
    reply = await caller(
        "POST", "/call", json=call_body(), headers={"Authorization": f"bearer {KEY}"}
    )
    assert reply.status == 200


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        (call_body(tags={"user": 5}), ["body", "tags", "user"]),
        ({"input": "x"}, ["body"]),
        (call_body(name=""), ["body", "name"]),
        (call_body(name=7), ["body", "name"]),
        (call_body(parent_span_id="not-a-uuid"), ["body", "parent_span_id"]),
        (call_body(model=3), ["body", "model"]),
        (call_body(examples=[{"input": 1}]), ["body", "examples", 0]),
        (call_body(configuration={"invocation.cache.ttl": "1m"}), ["body", "configuration"]),
        ([1, 2], ["body"]),
        (
            call_body(
                input={"x": "one"},
                input_schema={"properties": {"x": {"type": "integer"}}},
                configuration=VALIDATE,
            ),
            ["body", "input", "x"],
        ),
        (
            call_body(input_schema={"type": 12}, configuration=VALIDATE),
            ["body", "input_schema", "type"],
        ),
        (call_body(output_schema={"type": "nope"}), ["body", "output_schema", "type"]),
        (
            call_body(output_schema={"$ref": "https://example.com/schema.json"}),
            ["body", "output_schema"],
        ),
        (
            call_body(
                input=1,
                input_schema={"$ref": "https://example.com/schema.json"},
                configuration=VALIDATE,
            ),
            ["body", "input"],
        ),
    ],
)
async def test_invalid_call_body_is_422_naming_the_field(
    caller: Caller, body: Any, loc: list[Any]
) -> None:
    for path in ("/call", "/call/stream"):
        detail = assert_error(await caller("POST", path, json=body), 422, "RequestValidationError")
        assert detail[0]["loc"] == loc, detail
        assert detail[0]["msg"]


async def test_input_is_checked_against_input_schema_only_when_asked(caller: Caller) -> None:
    schema = {"properties": {"x": {"type": "integer"}}}
    body = call_body(input={"x": "one"}, input_schema=schema)
    off = {"beta.invocation.input_validation.enabled": False}
    for configuration in (None, {}, off):
        reply = await caller("POST", "/call", json={**body, "configuration": configuration})
        assert reply.status == 200
    reply = await caller("POST", "/call", json={**body, "configuration": VALIDATE})
    assert_error(reply, 422, "RequestValidationError")


async def test_empty_body_is_422(caller: Caller) -> None:
    detail = assert_error(await caller("POST", "/call", content=b""), 422, "RequestValidationError")
    assert detail == [{"loc": ["body"], "msg": "Field required", "type": "missing"}]


async def test_invalid_span_requests_are_422(caller: Caller) -> None:
    detail = assert_error(await caller("GET", "/spans/abc"), 422, "RequestValidationError")
    assert detail[0]["loc"] == ["path", "span_id"]
    for method in ("PATCH", "DELETE"):
        reply = await caller(method, "/spans/123", json={} if method == "PATCH" else _NO_BODY)
        assert_error(reply, 422, "RequestValidationError")
    span = (await caller("POST", "/spans", json={"name": "s"})).json()
    reply = await caller("PATCH", f"/spans/{span['id']}", json={"output": {"not": "a string"}})
    assert assert_error(reply, 422, "RequestValidationError")[0]["loc"] == ["body", "output"]
    reply = await caller("POST", "/spans", json={"name": "s", "start_time": "yesterday"})
    assert assert_error(reply, 422, "RequestValidationError")[0]["loc"] == ["body", "start_time"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"name": "x",', "not JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        ('{"name": "caf\u00e9"}'.encode("latin-1"), "not UTF-8"),
        (b'{"name": "x", "input": NaN}', "not JSON"),
        (b"[" * 100_000, "nested deeper"),
        (b"[" * (MAX_JSON_DEPTH + 1) + b"]" * (MAX_JSON_DEPTH + 1), "nested deeper"),
    ],
)
async def test_unreadable_body_is_400(caller: Caller, content: bytes, reason: str) -> None:
    headers = {"Content-Type": "application/json"}
    reply = await caller("POST", "/call", content=content, headers=headers)
    assert reason in assert_error(reply, 400, "BadRequestError")


async def test_nesting_up_to_the_limit_is_accepted(caller: Caller) -> None:
    deep: Any = "leaf"
    for _ in range(MAX_JSON_DEPTH - 2):
        deep = [deep]
    reply = await caller("POST", "/call", json=call_body(input=deep))
    assert reply.status == 200


async def test_huge_body_is_400_and_the_connection_stays_usable(caller: Caller) -> None:
    huge = b'{"name": "x", "input": "' + b"a" * (20 * 1024 * 1024) + b'"}'
    reply = await caller("POST", "/call", content=huge, timeout=60)
    assert "larger than" in assert_error(reply, 400, "BadRequestError")
    assert (await caller("POST", "/call", json=call_body())).status == 200


async def test_unknown_span_is_404(caller: Caller) -> None:
    missing = str(uuid.uuid4())
    for method, body in (("GET", _NO_BODY), ("PATCH", {"name": "n"}), ("DELETE", _NO_BODY)):
        detail = assert_error(
            await caller(method, f"/spans/{missing}", json=body), 404, "NotFoundError"
        )
        assert detail == "Span not found"


async def test_unknown_route_and_method(caller: Caller) -> None:
    assert_error(await caller("GET", "/nowhere"), 404, "NotFoundError")
    reply = await caller("GET", "/call")
    assert_error(reply, 405, "MethodNotAllowedError")
    assert "POST" in reply.headers["allow"]


# Faults


def fault(spec: str, **more: str) -> dict[str, str]:
    return {"X-Emulator-Fault": spec, **more}


async def test_delay_first(caller: Caller) -> None:
    for path in ("/call", "/call/stream"):
        start = time.monotonic()
        reply = await caller("POST", path, json=call_body(), headers=fault("delay-first=0.3"))
        assert reply.status == 200
        assert time.monotonic() - start >= 0.27


async def test_delay_chunk_spaces_the_events(caller: Caller) -> None:
    body = call_body(input="x")
    reply = await caller("POST", "/call/stream", json=body, headers=fault("delay-chunk=0.05"))
    chunks = events(reply.raw)
    assert assemble(chunks) == "Emulated reply to greet: x"
    assert reply.times[-1] - reply.times[0] >= 0.05 * (len(chunks) - 1) * 0.9


async def test_stall_after_sends_first_event_then_nothing(
    caller: Caller, emulator: Emulator
) -> None:
    reply = await caller(
        "POST", "/call/stream", json=call_body(), headers=fault("stall-after=1"), timeout=1.0
    )
    # The span_id event arrives although nothing follows: the emulator does not buffer.
    assert [list(c) for c in events(reply.raw)] == [["span_id"]]
    assert isinstance(reply.error, httpx.ReadTimeout)
    assert (await caller("POST", "/call", json=call_body())).status == 200


async def test_stall_can_keep_pinging(base_url: str) -> None:
    headers = {"Authorization": f"Bearer {KEY}", **fault("stall-after=1; ping=0.1")}
    received = b""
    async with (
        httpx.AsyncClient(timeout=5, verify=TLS) as client,
        client.stream("POST", f"{base_url}/call/stream", json=call_body(), headers=headers) as r,
    ):
        async for piece in r.aiter_raw():
            received += piece
            if received.count(b": ping - ") >= 2:
                break
    # The stalled stream still sends sse-starlette's keep-alive comments when asked to.
    assert len(events(received)) == 1


async def test_stall_on_a_json_operation_sends_no_response(caller: Caller) -> None:
    with pytest.raises(httpx.ReadTimeout):
        await caller("POST", "/call", json=call_body(), headers=fault("stall-after=0"), timeout=0.5)
    assert (await caller("POST", "/call", json=call_body())).status == 200


async def test_drop_after_breaks_the_stream(caller: Caller, emulator: Emulator) -> None:
    reply = await caller("POST", "/call/stream", json=call_body(), headers=fault("drop-after=2"))
    assert reply.status == 200
    assert len(events(reply.raw)) == 2
    assert isinstance(reply.error, httpx.RemoteProtocolError)
    assert "incomplete chunked read" in str(reply.error)
    span_id = events(reply.raw)[0]["span_id"]
    assert "dropped after 2 events" in emulator.spans[span_id]["error"]


async def test_drop_after_zero_on_a_json_operation(caller: Caller) -> None:
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        await caller("POST", "/call", json=call_body(), headers=fault("drop-after=0"))
    assert (await caller("POST", "/call", json=call_body())).status == 200


async def test_error_after_ends_with_an_error_chunk(caller: Caller, emulator: Emulator) -> None:
    headers = fault("error-after=2; error-type=GuardrailError")
    reply = await caller("POST", "/call/stream", json=call_body(), headers=headers)
    assert reply.error is None  # a clean end after the error chunk
    chunks = events(reply.raw)
    assert len(chunks) == 3
    assert chunks[-1] == {
        "chunk_type": "error",
        "error_type": "GuardrailError",
        "error_message": "emulated failure after 2 events",
    }
    assert emulator.spans[chunks[0]["span_id"]]["error"] == "emulated failure after 2 events"


async def test_error_after_beyond_the_end_applies_at_the_end(caller: Caller) -> None:
    reply = await caller("POST", "/call/stream", json=call_body(), headers=fault("error-after=999"))
    chunks = events(reply.raw)
    assert chunks[-1]["chunk_type"] == "error"
    assert chunks[-1]["error_type"] == "EmulatedError"
    assert assemble(chunks[:-1]) == 'Emulated reply to greet: {"who":"Ann"}'


async def test_malformed_after_sends_one_non_json_event(caller: Caller) -> None:
    reply = await caller(
        "POST", "/call/stream", json=call_body(), headers=fault("malformed-after=1")
    )
    blocks = event_blocks(reply.raw)
    with pytest.raises(json.JSONDecodeError):
        json.loads(blocks[1].removeprefix(b"data: "))
    good = [json.loads(b.removeprefix(b"data: ")) for i, b in enumerate(blocks) if i != 1]
    assert assemble(good) == 'Emulated reply to greet: {"who":"Ann"}'
    assert reply.error is None


async def test_status_429_with_retry_after(caller: Caller) -> None:
    for path in ("/call", "/call/stream", "/spans"):
        body = {"name": "s"} if path == "/spans" else call_body()
        reply = await caller("POST", path, json=body, headers=fault("status=429"))
        assert_error(reply, 429, "TooManyRequestsError")
        assert reply.headers["retry-after"] == "1"
    reply = await caller(
        "POST", "/call", json=call_body(), headers=fault("status=429; retry-after=7")
    )
    assert reply.headers["retry-after"] == "7"


@pytest.mark.parametrize(
    ("status", "kind"),
    [(500, "InternalServerError"), (503, "ServiceUnavailableError"), (599, "ServerError")],
)
async def test_status_5xx(caller: Caller, status: int, kind: str) -> None:
    reply = await caller(
        "POST", "/call/stream", json=call_body(), headers=fault(f"status={status}")
    )
    assert_error(reply, status, kind)
    assert "retry-after" not in reply.headers


async def test_fail_times_then_success(caller: Caller) -> None:
    headers = fault("fail-times=2:503; retry-after=0")
    statuses = [
        (await caller("POST", "/call", json=call_body(), headers=headers)).status for _ in range(4)
    ]
    assert statuses == [503, 503, 200, 200]
    # Another operation has its own counter.
    reply = await caller("POST", "/call/stream", json=call_body(), headers=headers)
    assert reply.status == 503
    assert reply.headers["retry-after"] == "0"


async def test_fail_times_counts_per_client_key(caller: Caller, emulator: Emulator) -> None:
    def keyed(name: str, value: str) -> dict[str, str]:
        return fault("fail-times=1:500", **{name: value})

    async def status(headers: dict[str, str]) -> int:
        return (await caller("POST", "/call", json=call_body(), headers=headers)).status

    assert [await status(keyed("X-Emulator-Key", "a")) for _ in range(2)] == [500, 200]
    assert await status(keyed("X-Emulator-Key", "b")) == 500
    assert [await status(keyed("Idempotency-Key", "i1")) for _ in range(2)] == [500, 200]
    emulator.reset()
    assert await status(keyed("X-Emulator-Key", "a")) == 500


async def test_chunk_bytes_is_transparent_to_a_client(caller: Caller) -> None:
    body = call_body(output_schema=PERSON)
    reply = await caller("POST", "/call/stream", json=body, headers=fault("chunk-bytes=3"))
    normal = await caller("POST", "/call/stream", json=body)
    assert assemble(events(reply.raw)) == assemble(events(normal.raw))


def test_chunk_bytes_writes_each_piece_separately(base_url: str) -> None:
    body = json.dumps(call_body(input="x")).encode()
    headers = {
        "Authorization": f"Bearer {KEY}",
        "Content-Type": "application/json",
        "Connection": "close",
        "X-Emulator-Fault": "chunk-bytes=1",
    }
    raw = raw_http(base_url, http_request("POST", "/v2/call/stream", body, headers))
    head, sizes, payload = dechunk(raw)
    assert head.startswith(b"HTTP/1.1 200")
    assert sizes[-1] == 0
    assert set(sizes[:-1]) == {1}
    assert assemble(events(payload)) == "Emulated reply to greet: x"


async def test_only_limits_the_operations(caller: Caller) -> None:
    headers = fault("status=503; only=call_stream")
    assert (await caller("POST", "/call", json=call_body(), headers=headers)).status == 200
    assert (await caller("POST", "/call/stream", json=call_body(), headers=headers)).status == 503


async def test_default_faults_and_header_override(caller: Caller, emulator: Emulator) -> None:
    emulator.set_faults("status=503")
    assert (await caller("POST", "/call", json=call_body())).status == 503
    assert (await caller("POST", "/call", json=call_body(), headers=fault("none"))).status == 200
    emulator.set_faults(None)
    assert (await caller("POST", "/call", json=call_body())).status == 200


@pytest.mark.parametrize(
    "spec",
    ["bogus=1", "drop-after=-1", "status=200", "fail-times=2", "delay-first=nan", "only=nope", "x"],
)
async def test_bad_fault_header_is_400(caller: Caller, spec: str) -> None:
    reply = await caller("POST", "/call", json=call_body(), headers=fault(spec))
    detail = assert_error(reply, 400, "BadRequestError")
    assert detail[0]["loc"] == ["header", "x-emulator-fault"]


@pytest.mark.parametrize("structured", [False, True])
async def test_span_id_travels_where_the_stream_shape_says(
    caller: Caller, structured: bool
) -> None:
    body = call_body(output_schema=PERSON) if structured else call_body()
    alone = events((await caller("POST", "/call/stream", json=body)).raw)
    assert list(alone[0]) == ["span_id"]
    deltas = alone[1:]
    first = events(
        (await caller("POST", "/call/stream", json=body, headers=fault("span-id=first-delta"))).raw
    )
    assert len(first) == len(deltas)
    assert {k: v for k, v in first[0].items() if k != "span_id"} == deltas[0]
    assert first[0]["span_id"] != alone[0]["span_id"]  # each call its own span
    assert all("span_id" not in chunk for chunk in first[1:])
    last = events(
        (await caller("POST", "/call/stream", json=body, headers=fault("span-id=last"))).raw
    )
    assert [c for c in last if "span_id" in c] == [last[-1]]
    assert {k: v for k, v in last[-1].items() if k != "span_id"} == deltas[-1]
    assert assemble(first) == assemble(last) == assemble(alone)


async def test_event_fields_number_the_events(caller: Caller) -> None:
    reply = await caller("POST", "/call/stream", json=call_body(), headers=fault("event-fields=on"))
    blocks = event_blocks(reply.raw)
    assert blocks[0].startswith(b"id: 1\r\nevent: message\r\nretry: 3000\r\ndata: ")
    assert blocks[1].startswith(b"id: 2\r\nevent: message\r\ndata: ")
    assert all(block.count(b"data: ") == 1 for block in blocks)


async def test_a_repeat_within_the_cache_ttl_is_cached(caller: Caller, emulator: Emulator) -> None:
    cached = call_body(configuration={"invocation.cache.ttl": 60})
    first = (await caller("POST", "/call", json=cached)).json()
    again = (await caller("POST", "/call", json={**cached, "tags": {"t": "x"}})).json()
    assert (first["cached"], again["cached"]) == (False, True)
    assert again["message"] == first["message"]
    assert again["span_id"] != first["span_id"]
    assert emulator.spans[again["span_id"]]["meta"]["tags"] == {"t": "x"}
    other = (await caller("POST", "/call", json={**cached, "input": "other"})).json()
    assert other["cached"] is False
    uncached = (await caller("POST", "/call", json=call_body())).json()  # ttl 0: no cache
    assert uncached["cached"] is False


def test_cached_answers_expire() -> None:
    state = EmulatorState(api_key="k")
    state.cache("key", {"answer": 1}, expires=10.0)
    assert state.cached("key", now=9.9) == {"answer": 1}
    assert state.cached("key", now=10.0) is None
    assert state.cached("key", now=5.0) is None  # gone once expired


async def test_an_unknown_parent_span_is_404(caller: Caller) -> None:
    body = call_body(parent_span_id=str(uuid.uuid4()))
    for path in ("/call", "/call/stream"):
        detail = assert_error(await caller("POST", path, json=body), 404, "NotFoundError")
        assert detail == "Parent span not found"


@pytest.mark.parametrize(
    "spelling",
    [str.upper, lambda u: u.replace("-", ""), lambda u: "{" + u + "}", lambda u: "urn:uuid:" + u],
)
async def test_uuids_in_the_forms_the_server_reads(caller: Caller, spelling: Any) -> None:
    parent = (await caller("POST", "/spans", json={"name": "p"})).json()
    child = await caller("POST", "/spans", json={"name": "c", "parent_id": spelling(parent["id"])})
    assert child.json()["parent_id"] == parent["id"]  # stored in canonical form
    call = await caller("POST", "/call", json=call_body(parent_span_id=spelling(parent["id"])))
    assert call.status == 200
    assert (await caller("GET", f"/spans/{spelling(parent['id'])}")).json()["id"] == parent["id"]
    for broken in (parent["id"][:-1], parent["id"].replace("-", "", 1), "{" + parent["id"]):
        reply = await caller("GET", f"/spans/{broken}")
        assert_error(reply, 422, "RequestValidationError")


@pytest.mark.parametrize(
    ("kind", "status", "message"),
    [
        ("StructuredGenerationError", 400, "The structured generation failed"),
        ("ContentPolicyViolationError", 400, "Content policy violation error"),
        ("ContextWindowExceededError", 400, "Context window exceeded error"),
        ("UnauthorizedError", 401, "The request is unauthorized"),
        ("HTTPException", 403, "Account suspended"),
        ("NotFoundError", 404, "The resource was not found"),
        ("ConflictError", 409, "The resource already exists"),
        ("RequestValidationError", 422, "The request is invalid"),
    ],
)
async def test_documented_errors_on_request(
    caller: Caller, kind: str, status: int, message: str
) -> None:
    # POST /functions documents every one of these statuses.
    function = {"name": "f", "instructions": "i"}
    reply = await caller("POST", "/functions", json=function, headers=fault(f"error={kind}"))
    assert reply.status == status
    assert reply.json()["type"] == kind
    assert reply.json()["message"] == message
    assert reply.json()["detail"]
    headers = fault(f"error={kind}; detail=Trace not found")
    reply = await caller("POST", "/functions", json=function, headers=headers)
    assert (reply.status, reply.json()["detail"]) == (status, "Trace not found")


async def test_documented_errors_with_fail_times_and_mid_stream(caller: Caller) -> None:
    headers = fault(
        "fail-times=1:500; error=ContextWindowExceededError", **{"X-Emulator-Key": "cw"}
    )
    first = await caller("POST", "/call", json=call_body(), headers=headers)
    assert (first.status, first.json()["type"]) == (400, "ContextWindowExceededError")
    assert (await caller("POST", "/call", json=call_body(), headers=headers)).status == 200
    headers = fault("error-after=1; error-type=StructuredGenerationError")
    chunks = events((await caller("POST", "/call/stream", json=call_body(), headers=headers)).raw)
    assert chunks[-1]["error_message"].startswith("The structured generation failed")
    bad = await caller("POST", "/call", json=call_body(), headers=fault("error=NoSuchError"))
    assert "is not one of" in assert_error(bad, 400, "BadRequestError")[0]["msg"]


async def test_calls_create_their_function_and_functions_conflict(
    caller: Caller, emulator: Emulator
) -> None:
    await caller("POST", "/call", json=call_body(name="summarise", instructions="Be brief."))
    function = (await caller("GET", "/functions/by-name/summarise")).json()
    assert (function["instructions"], function["observer_enabled"]) == ("Be brief.", True)
    assert function["configuration"] == {
        "invocation.structured_generation.max_attempts": 5,
        "invocation.cache.ttl": 0,
        "invocation.few_shot.count": 3,
        "beta.invocation.input_validation.enabled": False,
        "beta.invocation.xml_mode.enabled": False,
    }
    clash = await caller("POST", "/functions", json={"name": "summarise", "instructions": "x"})
    assert assert_error(clash, 409, "ConflictError") == "Function name conflict"
    other = (await caller("POST", "/functions", json={"name": "other", "instructions": "x"})).json()
    rename = await caller("PATCH", f"/functions/{other['id']}", json={"name": "summarise"})
    assert assert_error(rename, 409, "ConflictError") == "Function name exists during update"
    keep = await caller("PATCH", f"/functions/{other['id']}", json={"name": None, "model": "m"})
    assert (keep.json()["name"], keep.json()["model"]) == ("other", "m")
    missing = str(uuid.uuid4())
    for method, path in (
        ("GET", f"/functions/{missing}"),
        ("GET", f"/functions/{missing}/revisions"),
        ("POST", f"/functions/{missing}/call"),
        ("GET", "/functions/by-name/nobody"),
    ):
        reply = await caller(method, path, json={} if method == "POST" else _NO_BODY)
        assert assert_error(reply, 404, "NotFoundError") == "Function not found"
    reply = await caller("GET", f"/functions/{other['id']}/revisions/{missing}")
    assert assert_error(reply, 404, "NotFoundError") == "Function revision not found"
    page = (await caller("GET", "/functions?sort=-name&limit=1")).json()
    assert (page["meta"]["total_count"], [f["name"] for f in page["data"]]) == (2, ["summarise"])


async def test_feedback_and_examples_on_a_call(caller: Caller) -> None:
    call = (await caller("POST", "/call", json=call_body(name="rate"))).json()
    span_id = call["span_id"]
    saved = await caller(
        "POST", f"/spans/{span_id}/feedback", json={"score": 0, "save_to_dataset": True}
    )
    assert saved.json()["example_saved"] is True
    example = (await caller("POST", f"/spans/{span_id}/save_examples")).json()
    function = (await caller("GET", "/functions/by-name/rate")).json()
    assert example["dataset_id"] == function["dataset_id"]
    assert (example["input"], example["output"]) == ('{"who":"Ann"}', call["message"])
    too_high = await caller("POST", f"/spans/{span_id}/feedback", json={"score": 1.5})
    assert_error(too_high, 422, "RequestValidationError")
    missing = str(uuid.uuid4())
    for path, body in (
        (f"/spans/{missing}/feedback", {"score": 1}),
        (f"/spans/{missing}/metrics", {"dimension": "d", "value": 1}),
    ):
        assert (
            assert_error(await caller("POST", path, json=body), 404, "NotFoundError")
            == "Span not found"
        )
    reply = await caller("GET", f"/spans/{span_id}/metrics/{missing}")
    assert assert_error(reply, 404, "NotFoundError") == "Metric not found"


def test_parse_faults_grammar() -> None:
    faults = parse_faults(
        " Delay-First=0.5; delay-chunk=0.1 ;stall-after=3; drop-after=2; error-after=2; "
        "malformed-after=1; status=429; retry-after=Wed, 21 Oct 2015 07:28:00 GMT; "
        "fail-times=2:503; chunk-bytes=1; ping=0; only=call,call_stream; error-type=X"
    )
    assert (faults.delay_first, faults.delay_chunk) == (0.5, 0.1)
    assert (faults.stall_after, faults.drop_after, faults.error_after) == (3, 2, 2)
    assert (faults.malformed_after, faults.status, faults.fail_times) == (1, 429, (2, 503))
    assert faults.retry_after == "Wed, 21 Oct 2015 07:28:00 GMT"
    assert (faults.chunk_bytes, faults.ping, faults.error_type) == (1, 0.0, "X")
    assert faults.only == {"call", "call_stream"}
    assert faults.active
    assert not parse_faults("none").active
    assert not parse_faults(None).active
    with pytest.raises(FaultSpecError):
        parse_faults("chunk-bytes=0")
    with pytest.raises(FaultSpecError):
        Emulator(faults="nonsense=1")


# Start, stop and reliability


def test_stop_does_not_wait_for_a_stalled_stream() -> None:
    emulator = Emulator(api_key=KEY)
    base_url = emulator.start()
    arrived = threading.Event()
    outcome: list[BaseException | None] = []

    def client() -> None:
        try:
            headers = {"Authorization": f"Bearer {KEY}", **fault("stall-after=1")}
            with httpx.stream(
                "POST", f"{base_url}/call/stream", json=call_body(), headers=headers, timeout=30
            ) as response:
                for _ in response.iter_raw():
                    arrived.set()
            outcome.append(None)
        except httpx.TransportError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=client)
    thread.start()
    try:
        assert arrived.wait(10)
    finally:
        started = time.monotonic()
        emulator.stop()
        stop_seconds = time.monotonic() - started
        thread.join(10)
    assert stop_seconds < 10  # does not hang (the graceful-shutdown bound is 2 s)
    assert isinstance(outcome[0], httpx.RemoteProtocolError)  # a broken stream, not a clean end
    with pytest.raises(RuntimeError):
        _ = emulator.base_url


async def test_async_with_and_restart() -> None:
    emulator = Emulator(api_key=KEY)
    async with emulator as base_url:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/v2", base_url)
        assert emulator.base_url == base_url
        async with httpx.AsyncClient(verify=TLS) as client:
            reply = await async_send(client, base_url, "POST", "/call", json=call_body())
        assert reply.status == 200
    assert "not running" in repr(emulator)
    with emulator as again:  # the state survives a restart
        assert again.startswith("http://127.0.0.1:")
        assert len(emulator.requests) == 1
        with pytest.raises(RuntimeError, match="already running"):
            emulator.start()


def test_api_key_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPPER_API_KEY", raising=False)
    assert Emulator().api_key == DEFAULT_API_KEY == "opper-emulator-key"
    monkeypatch.setenv("OPPER_API_KEY", "from-env")
    assert Emulator().api_key == "from-env"
    assert Emulator(api_key="given").api_key == "given"


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.2", "example.com", "::"])
def test_only_loopback_hosts(host: str) -> None:
    with pytest.raises(ValueError, match=r"loopback|IP address"):
        Emulator(host=host)


def test_ipv6_loopback() -> None:
    if not socket.has_ipv6:
        pytest.skip("no IPv6")
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback")
    with Emulator(api_key=KEY, host="::1") as base_url, httpx.Client(verify=TLS) as client:
        assert base_url.startswith("http://[::1]:")
        assert sync_send(client, base_url, "POST", "/call", json=call_body()).status == 200


async def test_bad_requests_never_break_the_server(base_url: str) -> None:
    parts = urlsplit(base_url)
    garbage = [
        b"NOT HTTP AT ALL\r\n\r\n",
        b"POST /v2/call HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n\xff\xfe\x00\x01\x02",
        b"POST /v2/call HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n",
        b"GET /v2/spans/" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"POST /v2/call HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ]
    for request in garbage:
        with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
            sock.sendall(request)
            sock.shutdown(socket.SHUT_WR)
            while sock.recv(65536):
                pass
    async with httpx.AsyncClient(verify=TLS) as client:
        send = partial(async_send, client, base_url)
        bodies: list[Any] = [
            b"[" * 100_000,
            b"{" * 50_000,
            b'{"name": ' + b'"x' * 100 + b"}",
            json.dumps(call_body(input="\ud800")).encode(),
            json.dumps(
                call_body(output_schema={"type": "object", "properties": {"a": {"$ref": "#"}}})
            ).encode(),
            json.dumps(
                call_body(
                    output_schema={"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}
                )
            ).encode(),
            json.dumps({"name": {"deep": [[[[[[[[[[]]]]]]]]]]}}).encode(),
            b"\x00" * 1000,
        ]
        for content in bodies:
            reply = await send("POST", "/call/stream", content=content)
            assert reply.status in (200, 400, 422), reply.raw
        final = await send("POST", "/call", json=call_body())
        assert final.status == 200


async def test_100_concurrent_streams(base_url: str, emulator: Emulator) -> None:
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    async with httpx.AsyncClient(limits=limits, timeout=60, verify=TLS) as client:

        async def one(index: int) -> None:
            body = call_body(input={"n": index})
            if index % 2:
                body["output_schema"] = PERSON
            reply = await async_send(client, base_url, "POST", "/call/stream", json=body)
            chunks = events(reply.raw)
            expected = PERSON if index % 2 else None
            if expected is None:
                assert assemble(chunks) == f'Emulated reply to greet: {{"n":{index}}}'
            else:
                assert Draft202012Validator(PERSON).is_valid(assemble(chunks))
            results[index] = chunks[0]["span_id"]

        results: dict[int, str] = {}
        async with anyio.create_task_group() as group:
            for index in range(100):
                group.start_soon(one, index)
    assert len(set(results.values())) == 100
    assert set(results.values()) <= set(emulator.spans)


# The spec and the answers


def test_spec_is_found_and_every_operation_is_routed() -> None:
    assert find_spec_path().name == "openapi.yaml"
    assert load_spec() == SPEC
    v3 = yaml.safe_load((ROOT / "openapi-v3.yaml").read_text())
    assert find_spec_path(3) == ROOT / "openapi-v3.yaml"
    assert load_spec(version=3) == v3
    routes = sorted(getattr(route, "path", "") for route in create_app(api_key=KEY).routes)
    # v2 under /v2; v3's paths already start with /v3 (and /health), served at the root.
    assert routes == sorted(["/v2" + path for path in SPEC["paths"]] + list(v3["paths"]))


@pytest.mark.parametrize(
    "schema",
    [
        PERSON,
        {
            "type": "object",
            "properties": {"tags": {"type": "object", "additionalProperties": {"type": "string"}}},
        },
        {"anyOf": [{"type": "null"}, {"type": "integer", "minimum": 100, "multipleOf": 7}]},
        {"oneOf": [{"const": "fixed"}, {"type": "integer"}]},
        {
            "allOf": [
                {"$ref": "#/$defs/a"},
                {"properties": {"b": {"type": "number", "exclusiveMaximum": 3}}},
            ],
            "$defs": {
                "a": {"properties": {"a": {"type": "string", "minLength": 30}}, "required": ["a"]}
            },
        },
        {
            "type": "array",
            "minItems": 3,
            "maxItems": 5,
            "items": {"type": "string", "format": "date-time"},
        },
        {"type": "array", "prefixItems": [{"type": "boolean"}, {"type": "null"}], "items": False},
        {
            "type": "object",
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "mail": {"type": "string", "format": "email", "maxLength": 40},
            },
        },
        {
            "$id": "https://example.com/root",
            "$defs": {
                "n": {
                    "$id": "node",
                    "type": "object",
                    "properties": {"next": {"$ref": "node"}, "v": {"type": "integer"}},
                }
            },
            "$ref": "node",
        },
        {"type": ["string", "null"], "maxLength": 3},
        {},
        True,
    ],
)
def test_synthesized_output_validates(schema: Any) -> None:
    value = synthesize(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert not list(validator.iter_errors(value))
    assert synthesize(schema) == value  # deterministic


@pytest.mark.parametrize(
    "stamp", ["2024-01-01T00:00:00Z", "2024-01-01t00:00:00z", "2024-01-01T00:00:00+02:00"]
)
def test_rfc3339_date_times_are_accepted_in_either_case(emulator: Any, stamp: str) -> None:
    response = httpx.post(
        f"{emulator.base_url}/spans",
        json={"name": "s", "start_time": stamp},
        headers={"Authorization": f"Bearer {KEY}"},
    )
    assert response.status_code == 200, response.text


def test_a_date_time_that_is_not_one_is_refused(emulator: Any) -> None:
    response = httpx.post(
        f"{emulator.base_url}/spans",
        json={"name": "s", "start_time": "yesterday"},
        headers={"Authorization": f"Bearer {KEY}"},
    )
    assert response.status_code == 422
    assert response.json()["type"] == "RequestValidationError"


# Operations the emulator has no model of, from a spec with more than openapi.yaml

WIDGET = {
    "type": "object",
    "required": ["id", "name", "kind", "created_at"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "name": {"type": "string", "minLength": 1},
        "kind": {"type": "string", "enum": ["gear", "sprocket"]},
        "created_at": {"type": "string", "format": "date-time"},
        "count": {"type": "integer", "minimum": 0},
    },
}
ERRORS = {
    "400": {"$ref": "#/components/responses/BadRequest"},
    "401": {"$ref": "#/components/responses/Unauthorized"},
    "422": {"$ref": "#/components/responses/ValidationFailed"},
    "5XX": {"$ref": "#/components/responses/ServerError"},
}


def _json_content(ref: str) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": {"$ref": ref}}}}


def extended_spec() -> dict[str, Any]:
    """openapi.yaml plus widget operations, a public health check and a required ``foo``."""
    spec: dict[str, Any] = json.loads(json.dumps(SPEC))
    schemas = spec["components"]["schemas"]
    schemas["Widget"] = WIDGET
    schemas["NewWidget"] = {
        "type": "object",
        "required": ["name"],
        "properties": {"name": WIDGET["properties"]["name"], "kind": WIDGET["properties"]["kind"]},
    }
    schemas["CallResponse"]["required"].append("foo")
    schemas["CallResponse"]["properties"]["foo"] = {"type": "string", "format": "date-time"}
    widget = {"description": "A widget.", **_json_content("#/components/schemas/Widget")}
    spec["paths"]["/widgets"] = {
        "post": {
            "operationId": "create_widget",
            "requestBody": {"required": True, **_json_content("#/components/schemas/NewWidget")},
            "responses": {"201": widget, "202": {"description": "later"}, **ERRORS},
        }
    }
    spec["paths"]["/widgets/{widget_id}"] = {
        "parameters": [
            {
                "name": "widget_id",
                "in": "path",
                "required": True,
                "schema": WIDGET["properties"]["id"],
            }
        ],
        "get": {
            "operationId": "get_widget",
            "parameters": [
                {
                    "name": "limit",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1, "maximum": 100},
                },
                {
                    "name": "tag",
                    "in": "query",
                    "schema": {"type": "array", "items": {"enum": ["a", "b"]}},
                },
            ],
            "responses": {"200": widget, **ERRORS},
        },
        "delete": {"operationId": "delete_widget", "responses": {"204": {"description": "gone"}}},
    }
    spec["paths"]["/health"] = {
        "get": {
            "operationId": "health",
            "security": [],
            "responses": {
                "200": {"description": "up", "content": {"text/plain": {"schema": {"const": "ok"}}}}
            },
        }
    }
    return spec


@pytest.fixture(scope="module")
def widgets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    path = tmp_path_factory.mktemp("spec") / "openapi.yaml"
    path.write_text(yaml.safe_dump(extended_spec()))
    emulator = Emulator(api_key=KEY, spec=path)
    with emulator:
        yield emulator


def widget_request(emulator: Emulator, method: str, path: str, **kwargs: Any) -> httpx.Response:
    headers = {"Authorization": f"Bearer {KEY}", **kwargs.pop("headers", {})}
    headers = {k: v for k, v in headers.items() if v is not None}
    return httpx.request(method, emulator.base_url + path, headers=headers, timeout=10, **kwargs)


def assert_valid(schema: dict[str, Any], value: Any) -> None:
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert not list(validator.iter_errors(value)), value


def test_an_operation_without_a_model_answers_from_its_response_schema(widgets: Emulator) -> None:
    widget_id = str(uuid.uuid4())
    reply = widget_request(widgets, "GET", f"/widgets/{widget_id}?limit=5&tag=a&tag=b")
    assert reply.status_code == 200, reply.text
    assert_valid(WIDGET, reply.json())
    assert reply.json() == widget_request(widgets, "GET", f"/widgets/{widget_id}?limit=5").json()

    reply = widget_request(widgets, "POST", "/widgets", json={"name": "gizmo", "kind": "sprocket"})
    assert reply.status_code == 201  # the lowest 2xx documented
    assert_valid(WIDGET, reply.json())
    assert reply.json()["name"] == "gizmo"  # request values of the same name are echoed
    assert reply.json()["kind"] == "sprocket"

    reply = widget_request(widgets, "DELETE", f"/widgets/{widget_id}")
    assert reply.status_code == 204
    assert reply.content == b""

    reply = widget_request(widgets, "GET", "/health", headers={"Authorization": None})
    assert reply.status_code == 200  # security: [] needs no key
    assert reply.headers["content-type"].startswith("text/plain")
    assert reply.text == "ok"
    assert [r.operation_id for r in widgets.requests][-4:] == [
        "get_widget",
        "create_widget",
        "delete_widget",
        "health",
    ]


@pytest.mark.parametrize(
    ("method", "path", "body", "loc"),
    [
        ("GET", "/widgets/not-a-uuid?limit=5", None, ["path", "widget_id"]),
        ("GET", "/widgets/{id}?limit=0", None, ["query", "limit"]),
        ("GET", "/widgets/{id}?limit=many", None, ["query", "limit"]),
        ("GET", "/widgets/{id}", None, ["query", "limit"]),
        ("GET", "/widgets/{id}?limit=1&tag=c", None, ["query", "tag", 0]),
        ("POST", "/widgets", {"kind": "gear"}, ["body"]),
        ("POST", "/widgets", {"name": "x", "kind": "cog"}, ["body", "kind"]),
    ],
)
def test_an_operation_without_a_model_validates_its_request(
    widgets: Emulator, method: str, path: str, body: Any, loc: list[Any]
) -> None:
    path = path.replace("{id}", str(uuid.uuid4()))
    reply = widget_request(widgets, method, path, json=body)
    assert reply.status_code == 422, reply.text
    error = reply.json()
    assert error["type"] == "RequestValidationError"
    assert error["detail"][0]["loc"] == loc


def test_an_operation_without_a_model_wants_the_key_and_takes_faults(widgets: Emulator) -> None:
    path = f"/widgets/{uuid.uuid4()}?limit=5"
    reply = widget_request(widgets, "GET", path, headers={"Authorization": None})
    assert reply.status_code == 401
    assert reply.json()["type"] == "HTTPException"
    once = fault("fail-times=1:503; only=get_widget", **{"X-Emulator-Key": str(uuid.uuid4())})
    assert widget_request(widgets, "GET", path, headers=once).status_code == 503
    assert widget_request(widgets, "GET", path, headers=once).status_code == 200
    reply = widget_request(widgets, "POST", "/widgets", json={"name": "x"}, headers=once)
    assert reply.status_code == 201  # only= names get_widget


def test_a_required_property_added_to_the_spec_is_answered(widgets: Emulator) -> None:
    reply = widget_request(widgets, "POST", "/call", json=call_body())
    assert reply.status_code == 200
    answer = reply.json()
    assert answer["message"] == 'Emulated reply to greet: {"who":"Ann"}'
    schema = extended_spec()["components"]["schemas"]["CallResponse"]
    assert_valid(schema, answer)
    assert "foo" in answer


def test_any_spec_starts() -> None:
    """What the emulator cannot use is left unchecked, never a reason to refuse to start."""
    spec: dict[str, Any] = {
        "openapi": "3.1.0",
        "paths": {
            "/odd": {
                "post": {
                    "requestBody": {"content": {"multipart/form-data": {"schema": {}}}},
                    "responses": {"2XX": {"$ref": "#/components/responses/Nowhere"}},
                },
                "put": {"parameters": [{"$ref": "#/components/parameters/Missing"}]},
                "get": {"responses": {"default": {"description": "x"}}},
            },
            "/not-an-item": "nonsense",
            "/{bad:template}": {"get": {"operationId": "bad"}},
        },
        "servers": ["not a server object"],
    }
    app = create_app(api_key=KEY, spec=spec)
    paths = [getattr(route, "path", "") for route in app.routes]
    assert [path for path in paths if not path.startswith(("/v3/", "/health"))] == ["/odd"]


# Hardening as a load target


def test_accepted_connections_have_tcp_nodelay() -> None:
    emulator = Emulator(api_key=KEY)
    with emulator as base_url, httpx.Client() as client:
        assert sync_send(client, base_url, "POST", "/call", json=call_body()).status == 200
        server = emulator._server  # white box: the server side of the kept-alive connection
        assert server is not None
        sockets = [p.transport.get_extra_info("socket") for p in server.server_state.connections]
        assert sockets
        for sock in sockets:
            assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


def test_requests_and_spans_are_kept_in_a_ring() -> None:
    emulator = Emulator(api_key=KEY, max_records=3)
    with emulator as base_url, httpx.Client() as client:
        span_ids = [
            sync_send(client, base_url, "POST", "/call", json=call_body(input=n)).json()["span_id"]
            for n in range(5)
        ]
    assert list(emulator.spans) == span_ids[2:]
    assert [r.json["input"] for r in emulator.requests] == [2, 3, 4]
    with pytest.raises(ValueError, match="max_records"):
        Emulator(max_records=0)


def read_response(sock: socket.socket) -> bytes:
    """One whole response with a Content-Length, read from a connection that stays open."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(re.search(rb"(?i)content-length: (\d+)", head)[1])  # type: ignore[index]
    while len(body) < length:
        body += sock.recv(65536)
    return head + b"\r\n\r\n" + body


@pytest.mark.parametrize("sent", [b"", b"POST /v2/call HTTP/1.1\r\nHost: x\r\nContent-Le"])
def test_a_stalled_request_head_is_closed(sent: bytes) -> None:
    with Emulator(api_key=KEY, header_timeout=0.3) as base_url:
        parts = urlsplit(base_url)
        with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
            sock.sendall(sent)
            assert sock.recv(65536) == b""  # closed by the emulator, not the 10 s timeout


def test_a_stalled_second_request_and_an_idle_connection_are_closed() -> None:
    body = json.dumps(call_body()).encode()
    request = http_request("POST", "/v2/call", body, {"Authorization": f"Bearer {KEY}"})
    with Emulator(api_key=KEY, header_timeout=0.3, keep_alive_timeout=1) as base_url:
        parts = urlsplit(base_url)
        with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
            sock.sendall(request)
            assert read_response(sock).startswith(b"HTTP/1.1 200 ")
            time.sleep(0.5)  # longer than header_timeout: idle is judged by keep_alive_timeout
            sock.sendall(request)
            assert read_response(sock).startswith(b"HTTP/1.1 200 ")
            sock.sendall(request[:20])
            assert sock.recv(65536) == b""
        with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
            sock.sendall(request)
            assert read_response(sock).startswith(b"HTTP/1.1 200 ")
            assert sock.recv(65536) == b""  # idle past keep_alive_timeout


@pytest.mark.parametrize(
    ("content_type", "status"),
    [
        ("text/plain", 415),
        ("application/x-www-form-urlencoded", 415),
        ("application/json; charset=utf-8", 200),
        ("application/vnd.opper+json", 200),
        (None, 200),
    ],
)
def test_a_body_must_be_sent_as_json(
    emulator: Emulator, content_type: str | None, status: int
) -> None:
    body = json.dumps(call_body()).encode()
    headers = {"Authorization": f"Bearer {KEY}"}
    if content_type is not None:
        headers["Content-Type"] = content_type
    reply = httpx.post(f"{emulator.base_url}/call", content=body, headers=headers)
    assert reply.status_code == status, reply.text
    if status == 415:
        assert reply.json()["type"] == "UnsupportedMediaTypeError"
        assert set(reply.json()) == {"type", "message", "detail"}
        assert emulator.spans == {}


def test_content_length_with_transfer_encoding_is_400_and_closes(emulator: Emulator) -> None:
    body = b'{"name": "t"}'
    request = (
        b"POST /v2/call HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + KEY.encode() + b"\r\n"
        b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
        + f"{len(body):x}\r\n".encode()
        + body
        + b"\r\n0\r\n\r\n"
        + b"GET /v2/spans HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    raw = raw_http(emulator.base_url, request)  # reads until the emulator closes
    head, _, payload = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 ")
    assert b"connection: close" in head.lower()
    error = json.loads(payload)
    assert error["type"] == "BadRequestError"
    assert set(error) == {"type", "message", "detail"}
    assert raw.count(b"HTTP/1.1") == 1  # the request behind it is never answered
    assert emulator.spans == {}
