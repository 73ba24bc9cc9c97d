"""``opper_tracing.v3``: Opper's Task API over the same layer as v2, sync and async, against the
emulator: calls, streams (usage and cost from the stream itself, one request), traces over v3
spans, the generated resources, v3's error body, and the spans a v2 and a v3 call share."""

from __future__ import annotations

import json
from typing import Any

import pydantic
import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from _fakes import Driver
from opper_tracing import AuthenticationError, BadRequestError, NotFoundError, StreamError
from opper_tracing import _constants as attrs
from opper_tracing.v3 import CompleteChunk, ContentChunk, DoneChunk, RunResult, ToolCallStartChunk

TOOL = {"name": "search", "description": "Search the web", "parameters": {"type": "object"}}


class Sum(pydantic.BaseModel):
    sum: int


def v3(driver: Driver, emulator: Any, **options: Any) -> Any:
    return driver.client(version=3, api_key="test", base_url=emulator.root_url, **options)


async def _atrace(client: Any, name: str, body: Any) -> Any:
    async with client.trace(name, input={"order": 7}) as span:
        await body(client)
    return span


def trace(driver: Driver, client: Any, name: str, body: Any) -> Any:
    if driver.mode == "async":
        return driver.run(_atrace(client, name, body))
    with client.trace(name, input={"order": 7}) as span:
        body(client)
    return span


def test_a_call_is_the_generated_run_response(driver: Driver, emulator: Any) -> None:
    client = v3(driver, emulator)
    result = driver.call(client, "greet", input="Ann")
    assert isinstance(result, RunResult)
    assert result.output == result.data == "Emulated reply to greet: Ann"
    assert result.meta.usage.input_tokens > 0
    assert result.meta.cost > 0
    assert result.request_id == emulator.requests[-1].request_id
    assert emulator.requests[-1].path == "/v3/call"
    assert emulator.requests[-1].json["name"] == "greet"


def test_output_schema_types_and_validates_data(driver: Driver, emulator: Any) -> None:
    client = v3(driver, emulator)
    result = driver.call(client, "add", input={"x": 1, "y": 3}, output_schema=Sum)
    assert isinstance(result.output, Sum)
    sent = emulator.requests[-1].json
    assert sent["output_schema"]["properties"]["sum"]["type"] == "integer"


def test_a_stream_carries_its_usage_and_cost_with_one_request(
    driver: Driver, emulator: Any
) -> None:
    client = v3(driver, emulator)
    before = len(emulator.requests)
    chunks, stream, error = driver.stream(client, "greet", input="Bo", tools=[TOOL])
    assert error is None
    assert len(emulator.requests) == before + 1  # no fetch after the stream
    kinds = [type(chunk) for chunk in chunks]
    assert kinds[0] is ContentChunk
    assert ToolCallStartChunk in kinds
    assert kinds[-2:] == [DoneChunk, CompleteChunk]
    assert stream.completed
    assert stream.text == "".join(c.delta for c in chunks if isinstance(c, ContentChunk))
    assert stream.usage.output_tokens > 0
    assert stream.cost > 0
    assert stream.output == chunks[-1].data
    (call,) = stream.tool_calls
    assert call["name"] == "search"
    assert json.loads(call["arguments"])


def test_a_cut_stream_is_an_error(driver: Driver, emulator: Any) -> None:
    client = v3(driver, emulator, default_headers={"X-Emulator-Fault": "drop-after=2"})
    _, stream, error = driver.stream(client, "greet", input="Cy")
    assert isinstance(error, StreamError)
    assert not stream.completed


def test_an_error_event_is_a_stream_error(driver: Driver, emulator: Any) -> None:
    client = v3(driver, emulator, default_headers={"X-Emulator-Fault": "error-after=1"})
    chunks, _, error = driver.stream(client, "greet", input="Di")
    assert isinstance(error, StreamError)
    assert error.text == "".join(c.delta for c in chunks if isinstance(c, ContentChunk))


def test_v3_error_bodies_map_onto_the_same_exceptions(driver: Driver, emulator: Any) -> None:
    wrong = driver.client(version=3, api_key="wrong", base_url=emulator.root_url, max_retries=0)
    with pytest.raises(AuthenticationError) as raised:
        driver.call(wrong, "greet", input="x")
    assert raised.value.error_type == "unauthorized"
    assert raised.value.error_message == "Invalid API key"
    client = v3(driver, emulator, max_retries=0)
    with pytest.raises(NotFoundError) as missing:
        driver.run(client.functions.get("no-such-function"))
    assert missing.value.error_type == "not_found"
    with pytest.raises(BadRequestError) as bad:
        driver.call(client, "greet", input="x", extra_body={"tools": "not a list"})
    assert bad.value.error_type == "invalid_input"  # v3 answers 400 where v2 answers 422


def test_a_trace_is_a_v3_span_and_calls_nest_under_it(driver: Driver, emulator: Any) -> None:
    client = v3(driver, emulator)

    def body(opper: Any) -> Any:
        return opper.call("inner", input="x")

    span = trace(driver, client, "flow", body)
    assert span.span_id
    assert span.trace_id
    call = [r for r in emulator.requests if r.path == "/v3/call"][-1]
    assert call.json["parent_span_id"] == span.span_id
    created, updated = [r for r in emulator.requests if r.path.startswith("/v3/spans")][-2:]
    assert (created.method, updated.method) == ("POST", "PATCH")
    assert created.json["input"] == json.dumps({"order": 7})
    assert "end_time" in updated.json


def test_resources_for_every_v3_tag(driver: Driver, emulator: Any) -> None:
    client = v3(driver, emulator)
    run = driver.run
    driver.call(client, "summarise", input="A long text")
    function = run(client.functions.get("summarise"))
    assert function.name == "summarise"
    revisions = run(client.functions.list_revisions("summarise"))
    assert revisions is not None
    span = run(client.spans.create(name="manual"))
    assert run(client.spans.get(span.data.id)).data.id == span.data.id
    models = run(client.models.list())
    assert models.models
    assert "opper.spans" in repr(client.spans)


def test_v2_and_v3_calls_make_the_same_spans(emulator: Any) -> None:
    from opper_tracing import Opper
    from opper_tracing.v3 import Opper as OpperV3

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor

    provider.add_span_processor(SimpleSpanProcessor(exporter))
    options = {"api_key": "test", "tracer_provider": provider}
    with Opper(base_url=emulator.base_url, **options) as v2_client:
        v2_client.call("greet", input="Ann", model="openai/gpt-4o-mini", tags={"team": "a"})
    with OpperV3(base_url=emulator.root_url, **options) as v3_client:
        v3_client.call("greet", input="Ann", model="openai/gpt-4o-mini")
        with v3_client.stream(
            "greet", input="Bo", tools=[TOOL], model="openai/gpt-4o-mini"
        ) as stream:
            stream.until_done()
    two, three, streamed = exporter.get_finished_spans()
    for span in (two, three, streamed):
        attributes = span.attributes or {}
        assert span.name == "chat greet"
        assert attributes[attrs.GEN_AI_REQUEST_MODEL] == "openai/gpt-4o-mini"
        assert attributes[attrs.GEN_AI_PROVIDER_NAME] == "opper"
        assert attributes[attrs.GEN_AI_USAGE_INPUT_TOKENS] > 0
        assert attributes[attrs.LLM_TOKEN_COUNT_TOTAL] > 0
        assert attributes[attrs.OPENINFERENCE_SPAN_KIND] == "LLM"
    assert (three.attributes or {})[attrs.LLM_COST_TOTAL] > 0
    streamed_attributes = streamed.attributes or {}
    assert streamed_attributes[attrs.LLM_COST_TOTAL] > 0
    assert streamed_attributes[attrs.OPPER_STREAM_COMPLETED] is True
    assert streamed_attributes[attrs.OPPER_TRACE_ID]
    assert streamed_attributes[attrs.OPPER_REQUEST_ID]


@pytest.mark.parametrize("delta", [None, 7, ["a"]])
def test_a_content_event_without_text_is_a_decode_error(delta: Any) -> None:
    from opper_tracing import StreamDecodeError
    from opper_tracing._v3 import V3StreamState

    state = V3StreamState()
    good = json.dumps({"type": "content", "delta": "Hi"})
    bad = json.dumps({"type": "content", "delta": delta})
    first, failure = state.feed(f"data: {good}\n\ndata: {bad}\n\n".encode())
    assert first == ContentChunk("Hi")
    assert failure.cls is StreamDecodeError
    assert "a content event lacks its fields" in failure.message
