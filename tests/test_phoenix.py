"""End to end in a real backend: spans exported over OTLP/HTTP to Arize Phoenix, read back through
its REST API.

Phoenix runs from its own virtualenv (``make phoenix`` builds ``.venv-phoenix``; ``make test``
depends on it), started once per session on free ports on 127.0.0.1 and stopped afterwards.
``OPPER_SKIP_PHOENIX=1`` skips these tests, whether or not ``.venv-phoenix`` exists; without it a
missing ``.venv-phoenix`` fails them with a hint.

The trace sent comes from real calls to the loopback emulator: a SERVER span for the service's
request, under it a ``trace()`` span holding a call and a stream (with Opper ids and tags), and a
call the emulator fails with a 500.
"""

from __future__ import annotations

import json
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


def test_phoenix_receives_the_span_tree(phoenix: str) -> None:
    provider = otel.configure(
        service_name="checkout-service",
        endpoint=phoenix,
        metrics=False,
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
        }
        opper = Opper(**options)
        failing = Opper(**options, default_headers={"X-Emulator-Fault": "status=500"})
        with opper, failing, tracer.start_as_current_span("POST /orders", kind=SpanKind.SERVER):
            with opper.trace("checkout-flow", input={"order": 7}, tags={"team": "payments"}) as t:
                result = opper.call(
                    "classify_order",
                    input={"order": 7},
                    model="openai/gpt-4o-mini",
                    tags={"customer": "acme", "tier": "gold"},
                )
                with opper.stream("sentiment", input="great", model="openai/gpt-4o-mini") as s:
                    assert "".join(chunk.delta or "" for chunk in s).endswith("great")
                    stream_span_id = s.span_id
            with pytest.raises(InternalServerError):
                failing.call("classify_order", input=1, model="anthropic/claude-sonnet")
        stored = emulator.spans
        calls = [r for r in emulator.requests if r.operation_id in ("call", "call_stream")]
    otel.shutdown()
    assert t.span_id is not None
    trace_id = str(stored[t.span_id]["meta"]["otel.trace_id"])

    spans = read_spans(phoenix, trace_id, expected=5)
    by_name: dict[str, list[dict[str, Any]]] = {}
    for span in spans:
        by_name.setdefault(span["name"], []).append(span)
    assert sorted(by_name) == [
        "POST /orders",
        "chat anthropic/claude-sonnet",
        "chat openai/gpt-4o-mini",
        "checkout-flow",
    ]
    (root,) = by_name["POST /orders"]
    (flow,) = by_name["checkout-flow"]
    (failed,) = by_name["chat anthropic/claude-sonnet"]
    call, stream = sorted(
        by_name["chat openai/gpt-4o-mini"],
        key=lambda span: "gen_ai.request.stream" in span["attributes"],
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
    assert flow["attributes"]["opper.tags.team"] == "payments"
    assert stored[str(result.span_id)]["parent_id"] == t.span_id
    sent = [r.headers["traceparent"].split("-")[2] for r in calls]
    assert sent == [span["context"]["span_id"] for span in (call, stream, failed)]

    attributes = call["attributes"]
    assert call["span_kind"] == "LLM"  # Phoenix maps gen_ai.* to OpenInference on ingest
    assert call["status_code"] == "UNSET"
    assert {k: attributes[k] for k in attributes if k.startswith(("gen_ai.", "opper."))} == {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "opper",
        "gen_ai.request.model": "openai/gpt-4o-mini",
        "gen_ai.output.type": "text",
        "gen_ai.response.id": str(result.span_id),
        "gen_ai.usage.input_tokens": result.usage["input_tokens"],
        "gen_ai.usage.output_tokens": result.usage["output_tokens"],
        "opper.function.name": "classify_order",
        "opper.span_id": str(result.span_id),
        "opper.parent_span_id": t.span_id,
        "opper.tags.customer": "acme",
        "opper.tags.tier": "gold",
    }
    assert attributes["server.address"] == "127.0.0.1"
    assert attributes["llm.token_count.total"] == result.usage["total_tokens"]

    assert stream["attributes"]["gen_ai.request.stream"] is True
    assert stream["attributes"]["opper.stream.completed"] is True
    assert stream["attributes"]["gen_ai.response.time_to_first_chunk"] >= 0
    assert stream["attributes"]["opper.span_id"] == stream_span_id

    assert failed["status_code"] == "ERROR"
    assert "500" in failed["status_message"]
    assert failed["attributes"]["error.type"] == "500"
    assert [event["name"] for event in failed["events"]] == ["exception"]
    assert failed["events"][0]["attributes"]["exception.type"].endswith("InternalServerError")

    assert API_KEY not in json.dumps(spans)
