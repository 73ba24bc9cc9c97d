"""End to end in a real backend: spans exported over OTLP/HTTP to Arize Phoenix, read back through
its REST API.

Phoenix runs from its own virtualenv (``make phoenix`` builds ``.venv-phoenix``; ``make test``
depends on it), started once per session on free ports on 127.0.0.1 and stopped afterwards. A
missing ``.venv-phoenix`` fails these tests with a hint, unless ``OPPER_SKIP_PHOENIX=1`` is set.

The trace sent: a SERVER span for the service's request, under it a ``trace()`` span holding a
call and a stream (with Opper ids and tags), and a call that fails with a 500.
"""

from __future__ import annotations

import json
import os
import pathlib
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from opentelemetry.trace import SpanKind

from opper_tracing import InternalServerError, Opper, otel

ROOT = pathlib.Path(__file__).resolve().parent.parent
PHOENIX = ROOT / ".venv-phoenix" / "bin" / "phoenix"
PROJECT = "opper-tracing-test"
API_KEY = "sk-phoenix-test-KEY-0b5e"
CALL_SPAN_ID = "5b1d9c7e-3f0a-4a8e-9c55-2b7b1c0d9e01"
START_TIMEOUT = 120.0  # seconds; measured 11-45 s here, depending on load


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate Phoenix's process group (it was started as its own session), then kill it."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


@pytest.fixture(scope="session")
def phoenix() -> Iterator[str]:
    """The base URL of a Phoenix server for this session."""
    if not PHOENIX.exists():
        if os.environ.get("OPPER_SKIP_PHOENIX") == "1":
            pytest.skip("OPPER_SKIP_PHOENIX=1")
        pytest.fail(
            f"{PHOENIX} is missing: run `make phoenix` (or `make test`, which builds it), "
            "or set OPPER_SKIP_PHOENIX=1 to skip the Phoenix tests"
        )
    port, grpc_port = free_port(), free_port()
    with tempfile.TemporaryDirectory(prefix="phoenix-") as workdir:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OTEL_", "PHOENIX_"))}
        env.update(
            PHOENIX_HOST="127.0.0.1",
            PHOENIX_PORT=str(port),
            PHOENIX_GRPC_PORT=str(grpc_port),
            PHOENIX_WORKING_DIR=workdir,
            PHOENIX_TELEMETRY_ENABLED="false",
        )
        log_path = pathlib.Path(workdir) / "phoenix.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [str(PHOENIX), "serve"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        base_url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while True:
                if process.poll() is not None:
                    pytest.fail(
                        f"phoenix exited with {process.returncode}:\n{log_path.read_text()}"
                    )
                try:
                    urllib.request.urlopen(f"{base_url}/healthz", timeout=2).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        pytest.fail(f"phoenix not healthy after {START_TIMEOUT:.0f} s")
                    time.sleep(0.25)
            yield base_url
        finally:
            stop(process)


def fake_opper(request: httpx.Request) -> httpx.Response:
    """The Opper API in process: calls, a stream, spans; the task named "fail" answers 500."""
    path = request.url.path.removeprefix("/v2")
    body = json.loads(request.content) if request.content else {}
    if path == "/spans":
        return httpx.Response(200, json=body)
    if path.startswith("/spans/"):
        return httpx.Response(200, json={"id": path.removeprefix("/spans/"), "name": "x"})
    if body.get("name") == "fail":
        return httpx.Response(500, json={"type": "ServerError", "message": "model down"})
    if path == "/call":
        usage = {"input_tokens": 21, "output_tokens": 4}
        return httpx.Response(200, json={"span_id": CALL_SPAN_ID, "message": "A", "usage": usage})
    events = [{"span_id": CALL_SPAN_ID}, {"delta": "po", "chunk_type": "text"}]
    events.append({"delta": "sitive", "chunk_type": "text"})
    text = "".join(f"data: {json.dumps(event)}\n\n" for event in events)
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, text=text)


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
    opper = Opper(
        api_key=API_KEY,
        base_url="https://api.opper.test/v2",
        transport=httpx.MockTransport(fake_opper),
        tracer_provider=provider,
        meter_provider=otel.meter_provider(),
        max_retries=0,
    )
    with opper, tracer.start_as_current_span("POST /orders", kind=SpanKind.SERVER) as server:
        with opper.trace("checkout-flow", input={"order": 7}, tags={"team": "payments"}) as t:
            opper.call(
                "classify_order",
                input={"order": 7},
                model="openai/gpt-4o-mini",
                tags={"customer": "acme", "tier": "gold"},
            )
            with opper.stream("sentiment", input="great", model="openai/gpt-4o-mini") as s:
                assert "".join(chunk.delta or "" for chunk in s) == "positive"
        with pytest.raises(InternalServerError):
            opper.call("fail", input=1, model="anthropic/claude-sonnet")
    otel.shutdown()
    trace_id = f"{server.get_span_context().trace_id:032x}"

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

    assert flow["attributes"]["opper.span_id"] == t.span_id
    assert flow["attributes"]["opper.trace_id"] == t.trace_id
    assert flow["attributes"]["opper.tags.team"] == "payments"

    attributes = call["attributes"]
    assert call["span_kind"] == "LLM"  # Phoenix maps gen_ai.* to OpenInference on ingest
    assert call["status_code"] == "UNSET"
    assert {k: attributes[k] for k in attributes if k.startswith(("gen_ai.", "opper."))} == {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "opper",
        "gen_ai.request.model": "openai/gpt-4o-mini",
        "gen_ai.output.type": "text",
        "gen_ai.response.id": CALL_SPAN_ID,
        "gen_ai.usage.input_tokens": 21,
        "gen_ai.usage.output_tokens": 4,
        "opper.function.name": "classify_order",
        "opper.span_id": CALL_SPAN_ID,
        "opper.parent_span_id": t.span_id,
        "opper.tags.customer": "acme",
        "opper.tags.tier": "gold",
    }
    assert (attributes["server.address"], attributes["server.port"]) == ("api.opper.test", 443)
    assert attributes["llm.token_count.total"] == 25

    assert stream["attributes"]["gen_ai.request.stream"] is True
    assert stream["attributes"]["opper.stream.completed"] is True
    assert stream["attributes"]["gen_ai.response.time_to_first_chunk"] >= 0
    assert stream["attributes"]["opper.span_id"] == CALL_SPAN_ID

    assert failed["status_code"] == "ERROR"
    assert "model down" in failed["status_message"]
    assert failed["attributes"]["error.type"] == "500"
    assert [event["name"] for event in failed["events"]] == ["exception"]
    assert failed["events"][0]["attributes"]["exception.type"].endswith("InternalServerError")

    assert API_KEY not in json.dumps(spans)
