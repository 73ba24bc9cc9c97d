"""End to end in a real backend: spans exported over OTLP/HTTP to Arize Phoenix, read back through
its REST and GraphQL APIs as a user would see them.

Phoenix runs from its own virtualenv (``make phoenix`` builds ``.venv-phoenix``; ``make test``
depends on it), started once per session on free ports on 127.0.0.1 and stopped afterwards.
``OPPER_SKIP_PHOENIX=1`` skips these tests, whether or not ``.venv-phoenix`` exists; without it a
missing ``.venv-phoenix`` fails them with a hint. ``OPPER_PHOENIX_URL=http://127.0.0.1:6006``
uses a Phoenix already running there instead of starting one.

The trace sent comes from real calls to the loopback emulator, through ``otel.configure()`` with
its defaults (metrics on: Phoenix takes none, and that must log no error): a SERVER span for the
service's request, under it a ``trace()`` span (with a session and a user) holding a call and a
structured stream (content captured, the stream's usage fetched), and a call the emulator fails
with a 500. Phoenix must show: LLM spans with the model, prompt and completion tokens and a cost
above zero for the call and the stream, their input and output messages (the stream's assembled
JSON), the tags in metadata, a name per function, and the session and user.
"""

from __future__ import annotations

import json
import logging
import os
import pathlib
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from opentelemetry.trace import SpanKind

from demo.phoenix import Phoenix, PhoenixError
from opper_emulator import Emulator
from opper_tracing import InternalServerError, Opper, otel

ROOT = pathlib.Path(__file__).resolve().parent.parent
PHOENIX = ROOT / ".venv-phoenix" / "bin" / "phoenix"
PROJECT = "opper-tracing-test"
API_KEY = "sk-phoenix-test-KEY-0b5e"
START_TIMEOUT = 120.0  # seconds; measured 11-45 s here, depending on load


@pytest.fixture(scope="session")
def phoenix() -> Iterator[str]:
    """The base URL of a Phoenix server for this session."""
    if os.environ.get("OPPER_SKIP_PHOENIX") == "1":
        pytest.skip("OPPER_SKIP_PHOENIX=1")
    running = os.environ.get("OPPER_PHOENIX_URL")
    if running:
        yield running.rstrip("/")
        return
    if not PHOENIX.exists():
        pytest.fail(
            f"{PHOENIX} is missing: run `make phoenix` (or `make test`, which builds it), "
            "or set OPPER_SKIP_PHOENIX=1 to skip the Phoenix tests"
        )
    server = Phoenix(PHOENIX, start_timeout=START_TIMEOUT)
    try:
        base_url = server.start()
    except PhoenixError as exc:
        pytest.fail(str(exc))
    try:
        yield base_url
    finally:
        server.stop()


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def read_spans(base_url: str, trace_id: str, expected: int) -> list[dict[str, Any]]:
    """The trace's spans from Phoenix's REST API, once all ``expected`` have been ingested."""
    url = f"{base_url}/v1/projects/{PROJECT}/spans?trace_id={trace_id}&limit=100"
    deadline = time.monotonic() + 30
    while True:
        try:
            spans: list[dict[str, Any]] = get_json(url)["data"]
        except urllib.error.HTTPError as exc:  # the project appears with its first span
            if exc.code != 404 or time.monotonic() > deadline:
                raise
            spans = []
        if len(spans) >= expected or time.monotonic() > deadline:
            return spans
        time.sleep(0.25)


def phoenix_cost(base_url: str, span: dict[str, Any]) -> dict[str, Any]:
    """The cost Phoenix shows for a span (its own price list times the span's token counts)."""
    query = (
        "query($id: ID!) { node(id: $id) { ... on Span { costSummary {"
        " prompt { cost tokens } completion { cost tokens } total { cost tokens } } } } }"
    )
    request = urllib.request.Request(
        f"{base_url}/graphql",
        data=json.dumps({"query": query, "variables": {"id": span["id"]}}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        answer = json.loads(response.read())
    summary: dict[str, Any] = answer["data"]["node"]["costSummary"]
    return summary


def messages(attributes: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """``llm.input_messages``/``llm.output_messages`` as a list, from Phoenix's flat keys."""
    found: dict[int, dict[str, Any]] = {}
    prefix = f"{key}."
    for name, value in attributes.items():
        if name.startswith(prefix):
            index, _, field = name.removeprefix(prefix).partition(".message.")
            found.setdefault(int(index), {})[field] = value
    return [found[i] for i in sorted(found)]


SUM_SCHEMA = {"type": "object", "properties": {"sum": {"type": "integer"}}, "required": ["sum"]}


def test_phoenix_shows_what_happened(phoenix: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    provider = otel.configure(
        service_name="checkout-service",
        endpoint=phoenix,
        resource_attributes={"openinference.project.name": PROJECT},
        set_global=False,
    )
    tracer = provider.get_tracer("checkout-service")
    emulator = Emulator(api_key=API_KEY)
    with emulator as base_url:
        options: dict[str, Any] = {
            "api_key": API_KEY,
            "base_url": base_url,
            "tracer_provider": provider,
            "meter_provider": otel.meter_provider(),
            "max_retries": 0,
            "capture_content": True,
            "stream_usage": True,
        }
        opper = Opper(**options)
        failing = Opper(**options, default_headers={"X-Emulator-Fault": "status=500"})
        with opper, failing, tracer.start_as_current_span("POST /orders", kind=SpanKind.SERVER):
            with opper.trace(
                "checkout-flow",
                input={"order": 7},
                tags={"team": "payments"},
                session_id="session-7",
                user_id="user-3",
            ) as t:
                result = opper.call(
                    "classify_order",
                    instructions="Classify the order",
                    input={"order": 7},
                    model="openai/gpt-4o-mini",
                    tags={"customer": "acme", "tier": "gold"},
                )
                with opper.stream(
                    "add_numbers",
                    input={"x": 2, "y": 40},
                    output_schema=SUM_SCHEMA,
                    model="openai/gpt-4o-mini",
                ) as s:
                    for _ in s:
                        pass
                t.set_output({"ok": True})
            with pytest.raises(InternalServerError):
                failing.call("classify_order", input=1, model="anthropic/claude-sonnet")
        stored = emulator.spans
        calls = [r for r in emulator.requests if r.operation_id in ("call", "call_stream")]
    otel.shutdown()
    assert t.span_id is not None
    assert s.output == {"sum": 42}
    assert s.usage is not None
    trace_id = str(stored[t.span_id]["meta"]["otel.trace_id"])

    spans = read_spans(phoenix, trace_id, expected=5)
    by_name: dict[str, list[dict[str, Any]]] = {}
    for span in spans:
        by_name.setdefault(span["name"], []).append(span)
    # A name per function; the workflow span for trace().
    assert sorted(by_name) == [
        "POST /orders",
        "chat add_numbers",
        "chat classify_order",
        "invoke_workflow checkout-flow",
    ]
    (root,) = by_name["POST /orders"]
    (flow,) = by_name["invoke_workflow checkout-flow"]
    (stream,) = by_name["chat add_numbers"]
    call, failed = sorted(
        by_name["chat classify_order"], key=lambda span: span["status_code"] == "ERROR"
    )
    root_id, flow_id = root["context"]["span_id"], flow["context"]["span_id"]
    assert root["parent_id"] is None
    assert (flow["parent_id"], call["parent_id"], stream["parent_id"]) == (
        root_id,
        flow_id,
        flow_id,
    )
    assert failed["parent_id"] == root_id

    # Each system can find the other: Opper's span meta holds the OTel ids and vice versa, the
    # calls nest under the trace in Opper too, and each request carried its span's traceparent.
    assert stored[t.span_id]["meta"]["otel.span_id"] == flow_id
    assert stored[t.span_id]["meta"]["tags"] == {"team": "payments"}
    assert flow["attributes"]["opper.span_id"] == t.span_id
    assert flow["attributes"]["opper.trace_id"] == t.trace_id == stored[t.span_id]["trace_id"]
    assert stored[str(result.span_id)]["parent_id"] == t.span_id
    sent = [r.headers["traceparent"].split("-")[2] for r in calls]
    assert sent == [span["context"]["span_id"] for span in (call, stream, failed)]

    # The workflow: a chain with its session, user, input, output and tags as metadata.
    workflow = flow["attributes"]
    assert flow["span_kind"] == "CHAIN"
    assert (workflow["session.id"], workflow["user.id"]) == ("session-7", "user-3")
    assert workflow["gen_ai.operation.name"] == "invoke_workflow"
    assert json.loads(workflow["input.value"]) == {"order": 7}
    assert json.loads(workflow["output.value"]) == {"ok": True}
    assert workflow["metadata.team"] == "payments"

    # The call and the stream: LLM spans with model, tokens, a cost, messages and metadata.
    for span, usage in ((call, result.usage), (stream, s.usage)):
        attributes = span["attributes"]
        assert span["span_kind"] == "LLM", span["name"]
        assert span["status_code"] == "UNSET"
        assert attributes["llm.model_name"] == "openai/gpt-4o-mini"
        assert attributes["llm.token_count.prompt"] == usage["input_tokens"] > 0
        assert attributes["llm.token_count.completion"] == usage["output_tokens"] > 0
        assert attributes["llm.token_count.total"] == usage["total_tokens"]
        assert attributes["session.id"] == "session-7"
        cost = phoenix_cost(phoenix, span)
        assert cost["total"]["cost"] > 0, span["name"]
        assert cost["total"]["tokens"] == usage["total_tokens"]
        assert attributes["opper.cost.total"] > 0  # Opper's own figure, beside Phoenix's
    assert attributes is not None

    call_attributes = call["attributes"]
    assert messages(call_attributes, "llm.input_messages") == [
        {"role": "system", "content": "Classify the order"},
        {"role": "user", "content": '{"order": 7}'},
    ]
    (call_output,) = messages(call_attributes, "llm.output_messages")
    assert call_output["role"] == "assistant"
    assert call_output["content"] == result.message
    assert json.loads(call_attributes["input.value"]) == {"order": 7}
    assert call_attributes["output.value"] == result.message
    assert (call_attributes["metadata.customer"], call_attributes["metadata.tier"]) == (
        "acme",
        "gold",
    )
    assert sorted(call_attributes["tag.tags"]) == ["customer:acme", "tier:gold"]

    stream_attributes = stream["attributes"]
    assert stream_attributes["gen_ai.request.stream"] is True
    assert stream_attributes["opper.stream.completed"] is True
    assert stream_attributes["gen_ai.response.time_to_first_chunk"] >= 0
    assert stream_attributes["opper.span_id"] == s.span_id
    (stream_output,) = messages(stream_attributes, "llm.output_messages")
    assert json.loads(stream_output["content"]) == {"sum": 42}  # the assembled JSON, not ""
    assert json.loads(stream_attributes["output.value"]) == {"sum": 42}
    assert messages(stream_attributes, "llm.input_messages")[-1] == {
        "role": "user",
        "content": '{"x": 2, "y": 40}',
    }

    assert failed["status_code"] == "ERROR"
    assert "500" in failed["status_message"]
    assert failed["attributes"]["error.type"] == "500"
    assert [event["name"] for event in failed["events"]] == ["exception"]
    assert failed["events"][0]["attributes"]["exception.type"].endswith("InternalServerError")

    assert API_KEY not in json.dumps(spans)
    # otel.configure() with metrics on, pointed at Phoenix (no /v1/metrics): no export error.
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert problems == [], [r.getMessage() for r in problems]
    assert any("takes no OTLP metrics" in r.getMessage() for r in caplog.records)
