"""The emulator's v3 API (Opper's "Task API", ``openapi-v3.yaml``), driven over loopback HTTP
with httpx directly, on the same port as v2.

Every JSON answer is checked against the response schema the v3 spec documents for its
operation and status (an error answer against ``ErrorResponse``, whatever its status); streams
are read from the raw bytes, not through any client's parser.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from opper_emulator import Emulator

__all__: list[str] = []

KEY = "v3-test-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
ROOT = Path(__file__).resolve().parent.parent
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi-v3.yaml").read_text())
_REGISTRY: Registry[Any] = Registry().with_resource(
    "urn:v3", Resource.from_contents(SPEC, default_specification=DRAFT202012)
)
_TEMPLATES = [
    (re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"), template)
    for template in SPEC["paths"]
]
SUM = {"type": "object", "properties": {"sum": {"type": "integer"}}, "required": ["sum"]}
SEARCH: dict[str, Any] = {
    "name": "search",
    "description": "Search the web",
    "parameters": {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]},
}


def _validate(pointer: str, value: Any) -> None:
    """Validate ``value`` against the schema at ``pointer`` (``#/...``) in the v3 spec."""
    validator = Draft202012Validator(
        {"$ref": "urn:v3" + pointer},
        registry=_REGISTRY,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    errors = list(validator.iter_errors(value))
    assert not errors, (errors, value)


def _escape(segment: str) -> str:
    return quote(segment.replace("~", "~0").replace("/", "~1"), safe="~")


def check_contract(method: str, url: str, response: httpx.Response) -> None:
    """Assert that a JSON answer is one the v3 spec documents (errors: ``ErrorResponse``)."""
    assert response.headers["x-request-id"]
    if not response.headers.get("content-type", "").startswith("application/json"):
        return
    body = response.json()
    if response.status_code >= 400:
        _validate("#/components/schemas/ErrorResponse", body)
        return
    path = urlsplit(url).path
    template = next((t for pattern, t in _TEMPLATES if pattern.match(path)), None)
    assert template is not None, path
    status = str(response.status_code)
    entry = SPEC["paths"][template][method.lower()]["responses"].get(status)
    if (entry or {}).get("content", {}).get("application/json", {}).get("schema") is not None:
        where = ["paths", template, method.lower(), "responses", status, "content"]
        pointer = "#/" + "/".join(map(_escape, where)) + "/application~1json/schema"
        _validate(pointer, body)


class V3:
    """Sends v3 requests to one emulator, with the key, and checks every answer's contract."""

    def __init__(self, emulator: Emulator, client: httpx.Client) -> None:
        self.emulator = emulator
        self.client = client

    def __call__(
        self, method: str, path: str, *, auth: bool = True, **kwargs: Any
    ) -> httpx.Response:
        headers = {**(AUTH if auth else {}), **kwargs.pop("headers", {})}
        url = self.emulator.root_url + path
        response = self.client.request(method, url, headers=headers, **kwargs)
        check_contract(method, url, response)
        return response


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    server = Emulator(api_key=KEY)
    with server:
        yield server


@pytest.fixture
def v3(emulator: Emulator) -> Iterator[V3]:
    emulator.reset()
    with httpx.Client(timeout=10) as client:
        yield V3(emulator, client)


def fault(spec: str, **more: str) -> dict[str, str]:
    return {"X-Emulator-Fault": spec, **more}


def blocks(raw: bytes) -> list[dict[str, str]]:
    """The SSE blocks of a v3 stream as ``{field: value}``, ``:`` comments left out; asserts
    v3's framing: ``\\n`` line breaks only, every block ended by an empty line."""
    assert b"\r" not in raw
    assert raw.endswith(b"\n\n"), raw[-40:]
    found = []
    for block in raw.decode().split("\n\n")[:-1]:
        if block.startswith(":"):
            continue
        fields = {}
        for line in block.split("\n"):
            name, sep, value = line.partition(": ")
            assert sep, block
            assert name not in fields, block
            fields[name] = value
        found.append(fields)
    return found


def chunks(raw: bytes) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """A whole stream's ``data:`` chunks before ``complete``, and ``complete``'s ``{data, meta}``;
    asserts the order: chunks, then ``event: complete``, then ``data: [DONE]`` last."""
    found = blocks(raw)
    assert found[-1] == {"data": "[DONE]"}
    assert found[-2]["event"] == "complete"
    complete = json.loads(found[-2]["data"])
    assert set(complete) == {"data", "meta"}
    _validate("#/components/schemas/RunResponse", complete)
    before = [json.loads(block["data"]) for block in found[:-2]]
    assert all("event" not in block for block in found[:-2])
    return before, complete


def call(
    v3: V3, name: str = "greet", headers: dict[str, str] | None = None, **body: Any
) -> httpx.Response:
    return v3(
        "POST", "/v3/call", json={"name": name, "input": "Ann", **body}, headers=headers or {}
    )


# Calls


def test_a_call_answers_data_and_meta_and_is_a_span(v3: V3, emulator: Emulator) -> None:
    reply = call(v3)
    assert reply.status_code == 200
    answer = reply.json()
    assert answer["data"] == "Emulated reply to greet: Ann"
    meta = answer["meta"]
    assert meta["function_name"] == "greet"
    assert meta["script_cached"] is False
    assert (meta["llm_calls"], meta["tts_calls"], meta["image_gen_calls"]) == (1, 0, 0)
    assert meta["usage"]["input_tokens"] > 0
    assert meta["usage"]["output_tokens"] > 0
    assert isinstance(meta["cost"], float)
    assert meta["cost"] > 0
    assert meta["models_used"] == ["azure/gpt-4o-eu"]
    (span,) = emulator.spans.values()
    assert meta["trace_uuid"] == span["trace_id"]
    assert (span["name"], span["type"], span["input"]) == ("greet", "call", "Ann")
    assert span["output"] == answer["data"]
    assert span["meta"]["usage"] == meta["usage"]
    assert span["meta"]["cost"] == meta["cost"]
    assert span["end_time"] >= span["start_time"]
    assert call(v3).json()["meta"]["script_cached"] is True  # the same schemas again


def test_a_function_call_by_name_with_an_output_schema(v3: V3) -> None:
    body: dict[str, Any] = {
        "input": {"x": 2, "y": 40},
        "output_schema": SUM,
        "model": {"name": "openai/gpt-4o"},
    }
    answer = v3("POST", "/v3/functions/add/call", json=body).json()
    assert answer["data"] == {"sum": 42}
    assert answer["meta"]["function_name"] == "add"
    assert answer["meta"]["models_used"] == ["openai/gpt-4o"]
    # The same through /v3/call, naming the function in the body.
    assert call(v3, "add", **body).json()["data"] == {"sum": 42}


def test_a_call_checks_its_input_schema_and_parent(v3: V3) -> None:
    schema = {"type": "object", "properties": {"x": {"type": "integer"}}}
    reply = call(v3, input={"x": "one"}, input_schema=schema)
    assert reply.status_code == 400
    error = reply.json()["error"]
    assert error["code"] == "invalid_input"
    assert error["details"][0]["loc"] == ["body", "input", "x"]
    reply = call(v3, parent_span_id=str(uuid.uuid4()))
    assert reply.status_code == 404
    assert reply.json()["error"] == {
        "code": "not_found",
        "message": "The resource was not found",
        "details": "Parent span not found",
    }
    assert call(v3, name="").status_code == 400


def test_canned_answers_and_examples_answer_calls(v3: V3, emulator: Emulator) -> None:
    emulator.respond("summarise", output="Short.")
    assert call(v3, "summarise").json()["data"] == "Short."
    path = "/v3/functions/add/examples"
    example = v3("POST", path, json={"input": {"x": 1}, "output": {"sum": 7}, "tag": "golden"})
    assert example.status_code == 200
    assert example.json()["output"] == {"sum": 7}
    answer = v3("POST", "/v3/functions/add/call", json={"input": {"x": 1}, "output_schema": SUM})
    assert answer.json()["data"] == {"sum": 7}


# Streams


def test_the_stream_wire(v3: V3, emulator: Emulator) -> None:
    reply = v3("POST", "/v3/call/stream", json={"name": "greet", "input": "Bo"})
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/event-stream")
    raw = reply.content
    # Byte for byte: compact JSON on one data line each, the complete event named.
    assert raw.startswith(b'data: {"type":"content","delta":"Emul"}\n\n')
    assert b'\n\nevent: complete\ndata: {"data":"Emulated reply to greet: Bo","meta":{' in raw
    assert raw.endswith(b"}}\n\ndata: [DONE]\n\n")
    before, complete = chunks(raw)
    types = [chunk["type"] for chunk in before]
    assert types == ["content"] * (len(types) - 1) + ["done"]
    assert "".join(chunk["delta"] for chunk in before[:-1]) == complete["data"]
    meta = complete["meta"]
    assert before[-1] == {"type": "done", "usage": meta["usage"]}
    assert isinstance(meta["cost"], float)
    (span,) = emulator.spans.values()
    assert (span["output"], span["error"]) == (complete["data"], None)
    assert span["meta"]["usage"] == meta["usage"]
    assert span["meta"]["cost"] == meta["cost"]
    assert meta["trace_uuid"] == span["trace_id"]


def test_a_structured_stream_sends_its_json_text_and_the_whole_result(v3: V3) -> None:
    body = {"input": {"x": 2, "y": 3}, "output_schema": SUM}
    before, complete = chunks(v3("POST", "/v3/functions/add/stream", json=body).content)
    assert complete["data"] == {"sum": 5}
    text = "".join(chunk["delta"] for chunk in before if chunk["type"] == "content")
    assert json.loads(text) == {"sum": 5}


def test_tools_stream_a_tool_call_and_list_it_in_meta(v3: V3) -> None:
    body = {"name": "agent", "input": "find opper", "tools": [SEARCH, {"name": "other"}]}
    before, complete = chunks(v3("POST", "/v3/call/stream", json=body).content)
    starts = [chunk for chunk in before if chunk["type"] == "tool_call_start"]
    assert len(starts) == 1
    start = starts[0]
    assert (start["tool_call_index"], start["tool_call_name"]) == (0, "search")
    assert start["tool_call_id"].startswith("call_")
    deltas = [chunk for chunk in before if chunk["type"] == "tool_call_delta"]
    assert {chunk["tool_call_index"] for chunk in deltas} == {0}
    arguments = "".join(chunk["tool_call_args"] for chunk in deltas)
    assert Draft202012Validator(SEARCH["parameters"]).is_valid(json.loads(arguments))
    assert [c["type"] for c in before].index("tool_call_start") < len(before) - len(deltas)
    assert complete["meta"]["tool_calls"] == [
        {"id": start["tool_call_id"], "name": "search", "arguments": arguments}
    ]
    answer = v3("POST", "/v3/call", json=body).json()
    (tool_call,) = answer["meta"]["tool_calls"]
    assert tool_call["name"] == "search"
    assert json.loads(tool_call["arguments"]) == json.loads(arguments)
    assert answer["data"] == "Emulated reply to agent: find opper"


def test_a_stream_without_tools_has_no_tool_chunks(v3: V3) -> None:
    before, complete = chunks(call_stream(v3))
    assert {chunk["type"] for chunk in before} == {"content", "done"}
    assert "tool_calls" not in complete["meta"]


def call_stream(v3: V3, headers: dict[str, str] | None = None, **body: Any) -> bytes:
    reply = v3(
        "POST",
        "/v3/call/stream",
        json={"name": "greet", "input": "Ann", **body},
        headers=headers or {},
    )
    assert reply.status_code == 200, reply.text
    return reply.content


# Errors and auth


def test_errors_have_v3s_body_and_v2_keeps_its_own(v3: V3, emulator: Emulator) -> None:
    reply = v3("GET", f"/v3/spans/{uuid.uuid4()}")
    assert reply.status_code == 404
    assert reply.json() == {
        "error": {
            "code": "not_found",
            "message": "The resource was not found",
            "details": "Span not found",
        }
    }
    reply = v3("POST", "/v3/call", json={"name": "t"})  # no input: 400, where v2 says 422
    assert (reply.status_code, reply.json()["error"]["code"]) == (400, "invalid_input")
    assert reply.json()["error"]["details"][0]["loc"] == ["body"]
    reply = v3(
        "POST", "/v3/call", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert (reply.status_code, reply.json()["error"]["code"]) == (400, "bad_request")
    reply = v3("POST", "/v3/call", content=b"{}", headers={"Content-Type": "text/plain"})
    assert (reply.status_code, reply.json()["error"]["code"]) == (415, "unsupported_media_type")
    reply = v3("GET", "/v3/no-such-thing")
    assert (reply.status_code, reply.json()["error"]["code"]) == (404, "not_found")
    reply = v3("DELETE", "/v3/call")
    assert (reply.status_code, reply.json()["error"]["code"]) == (405, "method_not_allowed")
    reply = v3("GET", "/v3/functions/f/revisions/one")  # revisionID is an integer
    assert (reply.status_code, reply.json()["error"]["code"]) == (400, "invalid_input")
    v2 = httpx.post(f"{emulator.base_url}/call", json={"input": "x"}, headers=AUTH)  # no name
    assert v2.status_code == 422
    assert set(v2.json()) == {"type", "message", "detail"}


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", f"Basic {KEY}"])
def test_a_missing_or_wrong_key_is_401_in_v3s_body(v3: V3, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    for method, path in [
        ("POST", "/v3/call"),
        ("POST", "/v3/functions/greet/stream"),
        ("GET", "/v3/traces"),
        ("GET", "/v3/generations"),
    ]:
        reply = v3(method, path, auth=False, headers=headers, json={"name": "t", "input": "x"})
        assert reply.status_code == 401, path
        assert reply.json() == {
            "error": {
                "code": "unauthorized",
                "message": "Invalid API key",
                "details": "Invalid API key",
            }
        }


def test_operations_without_security_need_no_key(v3: V3) -> None:
    models = v3("GET", "/v3/models", auth=False)
    assert models.status_code == 200
    listed = models.json()
    assert listed["total"] == len(listed["models"]) > 0
    assert {model["provider"] for model in listed["models"]} >= {"openai", "anthropic"}
    assert (
        v3("GET", "/v3/models?provider=openai&limit=1", auth=False).json()["models"][0]["provider"]
        == "openai"
    )
    assert v3("GET", "/health", auth=False).json() == {"status": "ok"}
    assert v3("GET", "/v3/openapi.json", auth=False).json() == SPEC
    text = v3("GET", "/v3/openapi.yaml", auth=False).text
    assert text == (ROOT / "openapi-v3.yaml").read_text()


# Faults


def test_status_faults_answer_in_v3s_body(v3: V3) -> None:
    reply = call(v3, headers=fault("status=503; retry-after=2"))
    assert (reply.status_code, reply.headers["retry-after"]) == (503, "2")
    assert reply.json()["error"]["code"] == "service_unavailable"
    reply = call(v3, headers=fault("error=StructuredGenerationError; detail=bad output"))
    assert reply.status_code == 400
    assert reply.json()["error"] == {
        "code": "structured_generation",
        "message": "The structured generation failed",
        "details": "bad output",
    }
    reply = call(v3, headers=fault("error=RequestValidationError"))
    assert (reply.status_code, reply.json()["error"]["code"]) == (400, "invalid_input")
    once = fault("fail-times=1:429; only=callStream", **{"X-Emulator-Key": str(uuid.uuid4())})
    stream = v3("POST", "/v3/call/stream", json={"name": "t", "input": "x"}, headers=once)
    assert (stream.status_code, stream.json()["error"]["code"]) == (429, "rate_limit")
    assert call_stream(v3, once).endswith(b"data: [DONE]\n\n")
    assert call(v3, headers=once).status_code == 200  # only= names the stream
    bad = call(v3, headers=fault("only=nope"))
    assert (bad.status_code, bad.json()["error"]["code"]) == (400, "bad_request")


def test_error_after_sends_an_error_event_then_done(v3: V3, emulator: Emulator) -> None:
    raw = call_stream(v3, fault("error-after=2; error-type=ContextWindowExceededError"))
    found = blocks(raw)
    assert [json.loads(b["data"])["type"] for b in found[:2]] == ["content", "content"]
    error = json.loads(found[2]["data"])
    assert error == {
        "type": "error",
        "error": "context_window_exceeded: Context window exceeded error (emulated, after 2 "
        "events)",
    }
    assert found[3:] == [{"data": "[DONE]"}]
    (span,) = emulator.spans.values()
    assert span["error"].startswith("Context window exceeded error")
    assert span["output"] is None


def test_drop_after_breaks_the_stream_and_the_span_records_it(v3: V3, emulator: Emulator) -> None:
    url = emulator.root_url + "/v3/call/stream"
    body = {"name": "greet", "input": "Ann"}
    received: list[bytes] = []

    def read() -> None:
        headers = {**AUTH, **fault("drop-after=3")}
        with httpx.stream("POST", url, json=body, headers=headers) as reply:
            received.extend(reply.iter_raw())

    with pytest.raises(httpx.RemoteProtocolError):
        read()
    assert len(blocks(b"".join(received))) == 3
    (span,) = emulator.spans.values()
    assert span["error"] == "connection dropped after 3 events (fault)"
    # A JSON operation closes at once, with no answer; only= narrows the fault.
    assert call(v3, headers=fault("drop-after=0; only=callStream")).status_code == 200
    with pytest.raises(httpx.RemoteProtocolError):
        call(v3, headers=fault("drop-after=0; only=call"))


def test_stream_shape_faults(v3: V3) -> None:
    start = time.monotonic()
    raw = call_stream(v3, fault("delay-chunk=0.05"))
    assert time.monotonic() - start >= 0.05 * (len(blocks(raw)) - 1) * 0.9
    raw = call_stream(v3, fault("malformed-after=1"))
    found = blocks(raw)
    assert found[1] == {"data": '{"type": "content", "delta": "not json'}
    chunks(raw.replace(b'data: {"type": "content", "delta": "not json\n\n', b""))
    numbered = blocks(call_stream(v3, fault("event-fields=on")))
    assert [int(block["id"]) for block in numbered] == list(range(1, len(numbered) + 1))
    assert numbered[0]["retry"] == "3000"
    assert numbered[-2]["event"] == "complete"
    parts = call_stream(v3, fault("chunk-bytes=7"))
    chunks(parts)


def test_chunk_bytes_writes_small_pieces(emulator: Emulator) -> None:
    host, port = urlsplit(emulator.root_url).hostname, urlsplit(emulator.root_url).port
    assert host is not None
    assert port is not None
    body = json.dumps({"name": "greet", "input": "Ann"}).encode()
    head = (
        f"POST /v3/call/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {KEY}\r\n"
        f"X-Emulator-Fault: chunk-bytes=5\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(head + body)
        raw = b""
        while piece := sock.recv(65536):
            raw += piece
    _, _, rest = raw.partition(b"\r\n\r\n")
    sizes = []
    while rest:
        line, _, rest = rest.partition(b"\r\n")
        sizes.append(int(line, 16))
        rest = rest[sizes[-1] + 2 :]
    assert max(sizes) == 5
    assert sizes[-1] == 0


# Spans, events and traces


def test_spans_and_events(v3: V3, emulator: Emulator) -> None:
    created = v3("POST", "/v3/spans", json={"name": "checkout", "input": "cart", "tags": {"a": 1}})
    assert created.status_code == 200
    span = created.json()["data"]
    assert span["name"] == "checkout"
    assert str(uuid.UUID(span["id"])) == span["id"]
    child = v3(
        "POST",
        "/v3/spans",
        json={"name": "pay", "trace_id": span["trace_id"], "parent_id": span["id"]},
    ).json()["data"]
    assert (child["trace_id"], child["parent_id"]) == (span["trace_id"], span["id"])

    got = v3("GET", f"/v3/spans/{span['id']}").json()["data"]
    assert got == {**span, "input": "cart", "tags": {"a": 1}, "start_time": got["start_time"]}
    assert "status" not in got  # open

    patch = {"output": "paid", "end_time": "2030-01-01T00:00:00+00:00", "metadata": {"k": "v"}}
    changed = v3("PATCH", f"/v3/spans/{span['id']}", json=patch).json()["data"]
    assert changed["output"] == "paid"
    assert changed["metadata"] == {"k": "v"}
    assert changed["status"] == "success"
    failed = v3("PATCH", f"/v3/spans/{child['id']}", json={"error": "card declined"}).json()
    assert failed["data"]["status"] == "error"

    events = f"/v3/spans/{span['id']}/events"
    feedback = v3("POST", events, json={"kind": "feedback", "data": {"score": 1}}).json()["data"]
    assert (feedback["span_id"], feedback["kind"], feedback["data"]) == (
        span["id"],
        "feedback",
        {"score": 1},
    )
    assert feedback["source"] == "api"
    v3("POST", events, json={"kind": "guardrail", "source": "pii", "data": {"flagged": False}})
    assert [e["kind"] for e in v3("GET", events).json()["data"]] == ["feedback", "guardrail"]
    assert v3("GET", events + "?kind=guardrail").json()["data"][0]["source"] == "pii"
    bad = v3("POST", events, json={"kind": "metric"})
    assert (bad.status_code, bad.json()["error"]["code"]) == (400, "invalid_input")

    assert v3("DELETE", f"/v3/spans/{child['id']}").status_code == 204
    assert v3("GET", f"/v3/spans/{child['id']}").status_code == 404
    assert v3("PATCH", f"/v3/spans/{child['id']}", json={}).status_code == 404
    assert v3("DELETE", f"/v3/spans/{child['id']}").status_code == 404
    assert list(emulator.spans) == [span["id"]]


def test_traces(v3: V3) -> None:
    root = v3("POST", "/v3/spans", json={"name": "Checkout Flow"}).json()["data"]
    answer = call(v3, parent_span_id=root["id"]).json()
    assert answer["meta"]["trace_uuid"] == root["trace_id"]
    v3("POST", f"/v3/spans/{root['id']}/events", json={"kind": "evaluation", "data": {"ok": 1}})
    call(v3, "elsewhere")  # a trace of its own

    trace = v3("GET", f"/v3/traces/{root['trace_id']}").json()["data"]
    assert (trace["id"], trace["name"], trace["span_count"]) == (
        root["trace_id"],
        "Checkout Flow",
        2,
    )
    assert [s["name"] for s in trace["spans"]] == ["Checkout Flow", "greet"]
    assert trace["spans"][1]["parent_id"] == root["id"]
    assert trace["spans"][1]["meta"]["usage"] == answer["meta"]["usage"]
    assert [e["kind"] for e in trace["events"]] == ["evaluation"]
    listed = v3("GET", f"/v3/traces/{root['trace_id']}/events?kind=evaluation").json()["data"]
    assert listed == trace["events"]

    page = v3("GET", "/v3/traces").json()
    assert page["meta"] == {"total": 2, "limit": 100, "offset": 0}
    assert {t["id"] for t in page["data"]} == {root["trace_id"], answer_trace(v3, "elsewhere")}
    found = v3("GET", "/v3/traces?name=checkout").json()["data"]  # part of the name, any case
    assert [t["id"] for t in found] == [root["trace_id"]]
    assert found[0]["span_count"] == 2
    assert len(v3("GET", "/v3/traces?limit=1").json()["data"]) == 1

    assert v3("DELETE", f"/v3/traces/{root['trace_id']}").status_code == 204
    assert v3("GET", f"/v3/traces/{root['trace_id']}").status_code == 404
    assert v3("GET", f"/v3/spans/{root['id']}").status_code == 404
    assert v3("GET", f"/v3/traces/{root['trace_id']}/events").status_code == 404


def answer_trace(v3: V3, name: str) -> str:
    (generation,) = [
        g for g in v3("GET", "/v3/generations").json()["data"] if g["function_name"] == name
    ]
    return str(generation["trace_id"])


def test_v2_and_v3_share_spans(v3: V3, emulator: Emulator) -> None:
    root = v3("POST", "/v3/spans", json={"name": "mixed"}).json()["data"]
    v2 = httpx.post(
        f"{emulator.base_url}/call",
        json={"name": "old", "input": "x", "parent_span_id": root["id"]},
        headers=AUTH,
    ).json()
    trace = v3("GET", f"/v3/traces/{root['trace_id']}").json()["data"]
    assert [s["id"] for s in trace["spans"]] == [root["id"], v2["span_id"]]
    v2_trace = httpx.get(f"{emulator.base_url}/traces/{root['trace_id']}", headers=AUTH).json()
    assert v2_trace["total_tokens"] == v2["usage"]["total_tokens"]


# Functions, revisions, examples and generations


def test_functions_by_name_with_revisions(v3: V3, emulator: Emulator) -> None:
    assert v3("GET", "/v3/functions/summarise").status_code == 404
    call(v3, "summarise")
    call(v3, "summarise")
    details = v3("GET", "/v3/functions/summarise").json()
    assert (details["name"], details["hit_count"]) == ("summarise", 1)
    assert details["source"]
    assert (details["input_schema"], details["output_schema"]) == ({}, {})
    assert v3("GET", "/v3/functions").json()["functions"] == [
        {
            "name": "summarise",
            "schema_hash": details["schema_hash"],
            "generated_at": details["generated_at"],
            "hit_count": 1,
            "has_script": True,
        }
    ]
    # Other schemas: the server generates a new script, a new revision.
    again = call(v3, "summarise", output_schema=SUM).json()
    assert again["meta"]["script_cached"] is False
    revisions = v3("GET", "/v3/functions/summarise/revisions").json()["revisions"]
    assert [(r["revision_id"], r["is_current"]) for r in revisions] == [(2, True), (1, False)]
    second = v3("GET", "/v3/functions/summarise/revisions/2").json()
    assert second["output_schema"] == SUM
    assert second["schema_hash"] != details["schema_hash"]

    reverted = v3("POST", "/v3/functions/summarise/revisions/1/revert").json()
    assert (reverted["schema_hash"], reverted["output_schema"]) == (details["schema_hash"], {})
    revisions = v3("GET", "/v3/functions/summarise/revisions").json()["revisions"]
    assert [r["is_current"] for r in revisions] == [False, True]
    assert v3("GET", "/v3/functions/summarise/revisions/9").status_code == 404

    updated = v3("PUT", "/v3/functions/summarise", json={"source": "def main(x): return x"})
    assert updated.json()["source"] == "def main(x): return x"
    assert v3("GET", "/v3/functions/summarise/revisions").json()["revisions"][0]["revision_id"] == 3
    assert emulator.v3_functions["summarise"]["current"] == 3
    assert v3("PUT", "/v3/functions/nope", json={"source": "x"}).status_code == 404

    assert v3("DELETE", "/v3/functions/summarise").status_code == 204
    assert v3("GET", "/v3/functions/summarise").status_code == 404
    assert v3("DELETE", "/v3/functions/summarise").status_code == 404


def test_examples(v3: V3) -> None:
    path = "/v3/functions/classify/examples"
    one = v3("POST", path, json={"input": {"t": "a"}, "output": {"c": 1}, "tag": "train"}).json()
    assert str(uuid.UUID(one["uuid"])) == one["uuid"]
    batch = v3(
        "POST",
        path + "/batch",
        json=[{"input": {"t": "b"}, "output": {"c": 2}}, {"input": {"t": "c"}, "output": {"c": 3}}],
    ).json()["examples"]
    assert [e["output"] for e in batch] == [{"c": 2}, {"c": 3}]
    listed = v3("GET", path).json()["examples"]
    assert [e["uuid"] for e in listed] == [one["uuid"], *(e["uuid"] for e in batch)]
    assert v3("GET", path + "?tag=train").json()["examples"] == [one]
    assert len(v3("GET", path + "?offset=1&limit=1").json()["examples"]) == 1
    missing = v3("POST", path, json={"input": 1})
    assert (missing.status_code, missing.json()["error"]["code"]) == (400, "invalid_input")
    assert v3("DELETE", f"{path}/{one['uuid']}").status_code == 204
    assert v3("DELETE", f"{path}/{one['uuid']}").status_code == 404
    assert len(v3("GET", path).json()["examples"]) == 2


def test_generations(v3: V3) -> None:
    first = call(v3, "alpha").json()
    call(v3, "beta", input="other")
    page = v3("GET", "/v3/generations?page_size=1").json()
    assert page["meta"] == {"page": 1, "page_size": 1, "total": 2, "total_pages": 2}
    assert page["data"][0]["function_name"] == "beta"  # newest first
    (alpha,) = v3("GET", "/v3/generations?query=alpha").json()["data"]
    assert alpha["response"] == first
    assert alpha["request"] == {"name": "alpha", "input": "Ann"}
    assert v3("GET", f"/v3/generations/{alpha['id']}").json() == alpha
    assert v3("DELETE", f"/v3/generations/{alpha['id']}").json() == {"deleted": True}
    assert v3("GET", f"/v3/generations/{alpha['id']}").status_code == 404


def test_operations_without_a_model_are_synthesized(v3: V3) -> None:
    reply = v3("POST", "/v3/tools/web/search", json={"query": "opper"})
    assert reply.status_code == 200
    assert isinstance(reply.json()["results"], list)
    reply = v3("GET", "/v3/artifacts/abc/status")
    assert reply.json()["id"] == "abc"  # taken from the request where the schema allows


# Request ids and URLs


def test_every_answer_has_a_fresh_request_id_that_the_log_records(
    v3: V3, emulator: Emulator
) -> None:
    replies = [
        call(v3),
        v3("POST", "/v3/call/stream", json={"name": "t", "input": "x"}),
        v3("GET", f"/v3/spans/{uuid.uuid4()}"),
        v3("GET", "/v3/models", auth=False),
        v3("POST", "/v3/call", auth=False, json={}),
        v3("GET", "/v3/nothing"),
        httpx.post(f"{emulator.base_url}/call", json={"name": "t", "input": "x"}, headers=AUTH),
        httpx.get(f"{emulator.base_url}/spans/{uuid.uuid4()}", headers=AUTH),
    ]
    ids = [reply.headers["x-request-id"] for reply in replies]
    assert len(set(ids)) == len(ids)
    assert all(str(uuid.UUID(request_id)) == request_id for request_id in ids)
    assert [request.request_id for request in emulator.requests] == ids


def test_the_emulator_gives_v2s_and_v3s_base_urls() -> None:
    emulator = Emulator(api_key=KEY)
    with pytest.raises(RuntimeError):
        _ = emulator.root_url
    with emulator as base_url:
        assert base_url == emulator.base_url == emulator.root_url + "/v2"
        assert emulator.v3_base_url == emulator.root_url
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", emulator.root_url)


def test_stall_after_sends_nothing_more(emulator: Emulator) -> None:
    received: list[bytes] = []
    url = emulator.root_url + "/v3/functions/greet/stream"
    headers = {**AUTH, **fault("stall-after=2")}

    def read() -> None:
        timeout = httpx.Timeout(10, read=0.5)
        with httpx.stream("POST", url, json={"input": "x"}, headers=headers, timeout=timeout) as r:
            received.extend(r.iter_raw())

    with pytest.raises(httpx.ReadTimeout):
        read()
    assert len(blocks(b"".join(received))) == 2


async def test_many_concurrent_streams_each_get_their_own_answer(emulator: Emulator) -> None:
    emulator.reset()

    async def one(client: httpx.AsyncClient, index: int) -> tuple[int, Any, str]:
        body = {"name": f"task{index % 5}", "input": {"n": index}}
        reply = await client.post("/v3/call/stream", json=body, headers=AUTH)
        before, complete = chunks(reply.content)
        text = "".join(chunk["delta"] for chunk in before if chunk["type"] == "content")
        assert text == complete["data"]
        return index, complete["data"], complete["meta"]["trace_uuid"]

    async with httpx.AsyncClient(base_url=emulator.root_url, timeout=30) as client:
        results = await asyncio.gather(*(one(client, index) for index in range(50)))
    for index, data, _ in results:
        assert data == f'Emulated reply to task{index % 5}: {{"n":{index}}}'
    assert len({trace for _, _, trace in results}) == 50
    assert len(emulator.spans) == 50
    assert all(span["output"] for span in emulator.spans.values())
