"""A stream's usage and cost, fetched after it ends (``stream_usage=True``): what the trace
document gives, the two requests against the emulator, and that nothing about it can fail a
stream or lengthen its span."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import StatusCode

from _fakes import Driver, live_client
from opper_tracing import _constants as attrs
from opper_tracing._usage import usage_from_trace

SPAN = "4f6c2a52-8d0e-4c0b-9a51-0d7f43f0b111"
CHILD = "5a1d0e3b-9c2f-4e7a-8b6d-1f2e3d4c5b6a"
GRANDCHILD = "6b2e1f4c-0d3a-4f8b-9c7e-2a3f4e5d6c7b"


# -- what a trace document gives ------------------------------------------------------------


def test_the_calls_own_total_is_used() -> None:
    trace = {"id": "t", "spans": [{"id": SPAN, "data": {"total_tokens": 42}, "meta": None}]}
    assert usage_from_trace(trace, SPAN) == ({"total_tokens": 42}, None)


def test_usage_and_cost_in_meta_give_the_split_and_the_price() -> None:
    meta = {
        "usage": {"input_tokens": 30, "output_tokens": 12, "total_tokens": 42},
        "cost": {"generation": 0.0002, "platform": 0.00002, "total": 0.00022},
        "model": "openai/gpt-4o-mini",
    }
    trace = {"spans": [{"id": SPAN, "data": {"total_tokens": 42}, "meta": meta}]}
    usage, cost = usage_from_trace(trace, SPAN)
    assert usage == meta["usage"]
    assert cost == meta["cost"]


def test_the_documented_total_wins_over_one_in_meta() -> None:
    meta = {"usage": {"input_tokens": 1, "output_tokens": 1, "total_tokens": 2}}
    trace = {"spans": [{"id": SPAN, "data": {"total_tokens": 5}, "meta": meta}]}
    assert usage_from_trace(trace, SPAN)[0] == {
        "input_tokens": 1,
        "output_tokens": 1,
        "total_tokens": 5,
    }


def test_a_span_without_a_count_sums_its_descendants() -> None:
    trace = {
        "spans": [
            {"id": SPAN, "data": {"total_tokens": None}},
            {"id": CHILD, "parent_id": SPAN, "data": {}},
            {"id": GRANDCHILD, "parent_id": CHILD, "data": {"total_tokens": 7}},
            {"id": str(uuid.uuid4()), "parent_id": SPAN, "data": {"total_tokens": 3}},
            {"id": str(uuid.uuid4()), "parent_id": None, "data": {"total_tokens": 1000}},
        ]
    }
    assert usage_from_trace(trace, SPAN) == ({"total_tokens": 10}, None)


@pytest.mark.parametrize(
    "trace",
    [
        pytest.param({"spans": []}, id="no-spans"),
        pytest.param({"spans": None}, id="null-spans"),
        pytest.param({"spans": [{"id": CHILD, "data": {"total_tokens": 9}}]}, id="not-there"),
        pytest.param({"spans": [{"id": SPAN, "data": None, "meta": None}]}, id="no-data"),
        pytest.param(
            {"spans": [{"id": SPAN, "data": {"total_tokens": True}}]}, id="a-bool-is-no-count"
        ),
        pytest.param(
            {"spans": [{"id": SPAN, "meta": {"usage": {"model": "x"}, "cost": "cheap"}}]},
            id="meta-without-numbers",
        ),
        pytest.param(
            {
                "spans": [
                    {"id": SPAN},
                    {"id": CHILD, "parent_id": GRANDCHILD},
                    {"id": GRANDCHILD, "parent_id": CHILD},
                ]
            },
            id="a-cycle",
        ),
    ],
)
def test_nothing_to_report_is_none(trace: dict[str, Any]) -> None:
    assert usage_from_trace(trace, SPAN) == (None, None)


def test_span_ids_compare_as_uuids_whatever_their_spelling() -> None:
    upper = {"spans": [{"id": SPAN.upper(), "data": {"total_tokens": 4}}]}
    assert usage_from_trace(upper, SPAN) == ({"total_tokens": 4}, None)
    lower = {"spans": [{"id": SPAN, "data": {"total_tokens": 4}}, {"id": "not-a-uuid"}]}
    assert usage_from_trace(lower, SPAN.upper()) == ({"total_tokens": 4}, None)


# -- against the emulator -------------------------------------------------------------------


def requests_for(emulator: Any, operation_id: str, id_in_path: str) -> list[Any]:
    return [
        r
        for r in emulator.requests
        if r.operation_id == operation_id and r.path.endswith(f"/{id_in_path}")
    ]


def test_a_drained_stream_gets_the_usage_and_cost_of_its_call(
    driver: Driver,
    emulator: Any,
    tracer_provider: TracerProvider,
    span_exporter: InMemorySpanExporter,
) -> None:
    client = live_client(driver, emulator, tracer_provider=tracer_provider, stream_usage=True)
    chunks, stream, error = driver.stream(
        client, "add_numbers", input={"x": 2, "y": 40}, model="openai/gpt-4o-mini"
    )
    assert error is None
    assert chunks
    assert stream.completed
    stored = emulator.spans[stream.span_id]
    # What the emulator charged the call, which /call would have returned.
    assert stream.usage.to_dict() == stored["meta"]["usage"]
    assert stream.cost.to_dict() == stored["meta"]["cost"]
    assert stream.cost["total"] > 0

    (span,) = span_exporter.get_finished_spans()  # the two requests make no spans of their own
    attributes = span.attributes or {}
    assert attributes[attrs.GEN_AI_USAGE_INPUT_TOKENS] == stream.usage["input_tokens"]
    assert attributes[attrs.GEN_AI_USAGE_OUTPUT_TOKENS] == stream.usage["output_tokens"]
    assert attributes[attrs.LLM_TOKEN_COUNT_TOTAL] == stream.usage["total_tokens"]
    assert attributes["opper.cost.total"] == stream.cost["total"]
    assert attributes[attrs.OPPER_TRACE_ID] == stored["trace_id"]
    assert attributes[attrs.OPPER_STREAM_COMPLETED] is True
    assert span.status.status_code is StatusCode.UNSET

    assert span.context is not None
    (get_span,) = requests_for(emulator, "get_span", stream.span_id)
    (get_trace,) = requests_for(emulator, "get_trace", stored["trace_id"])
    for request in (get_span, get_trace):
        assert request.headers["traceparent"].split("-")[2] == f"{span.context.span_id:016x}"


def test_it_is_off_by_default(driver: Driver, emulator: Any) -> None:
    _, stream, error = driver.stream(live_client(driver, emulator), "greet", input="Ann")
    assert error is None
    assert (stream.usage, stream.cost) == (None, None)
    assert not requests_for(emulator, "get_span", stream.span_id)


def test_a_stream_closed_early_or_failed_fetches_nothing(driver: Driver, emulator: Any) -> None:
    client = live_client(driver, emulator, stream_usage=True)
    _, early, _ = driver.stream(client, "greet", input="a long text " * 20, limit=1)
    assert not early.completed
    failing = live_client(driver, emulator, fault="error-after=2", stream_usage=True)
    _, failed, error = driver.stream(failing, "greet", input="Ann")
    assert error is not None
    for stream in (early, failed):
        assert stream.usage is None
        assert not requests_for(emulator, "get_span", stream.span_id)


@pytest.mark.parametrize(
    "fault",
    [
        "status=500;only=get_trace",
        "status=404;only=get_span",
        "status=429;retry-after=30;only=get_span",
        "drop-after=0;only=get_trace",
    ],
)
def test_a_failed_fetch_leaves_usage_none_and_changes_nothing_else(
    driver: Driver,
    emulator: Any,
    tracer_provider: TracerProvider,
    span_exporter: InMemorySpanExporter,
    caplog: pytest.LogCaptureFixture,
    fault: str,
) -> None:
    caplog.set_level(logging.DEBUG, logger="opper_tracing")
    client = live_client(
        driver, emulator, fault=fault, tracer_provider=tracer_provider, stream_usage=True
    )
    chunks, stream, error = driver.stream(client, "greet", input="Ann")
    assert error is None
    assert chunks
    assert stream.completed
    assert (stream.usage, stream.cost) == (None, None)
    (span,) = span_exporter.get_finished_spans()
    assert span.status.status_code is StatusCode.UNSET
    assert attrs.ERROR_TYPE not in (span.attributes or {})
    assert attrs.GEN_AI_USAGE_INPUT_TOKENS not in (span.attributes or {})
    assert f"no usage for stream {stream.span_id}" in caplog.text


def test_no_retries_and_the_key_stays_out_of_the_log(
    driver: Driver, emulator: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="opper_tracing")
    client = live_client(driver, emulator, fault="status=503;only=get_span", stream_usage=True)
    _, stream, error = driver.stream(client, "greet", input="Ann")
    assert error is None
    assert len(requests_for(emulator, "get_span", stream.span_id)) == 1  # not retried
    assert "Bearer" not in caplog.text


def test_a_slow_server_is_given_up_on(driver: Driver, emulator: Any) -> None:
    client = live_client(driver, emulator, fault="delay-first=5;only=get_span", stream_usage=True)
    client._usage_timeout = 0.2
    _, stream, error = driver.stream(client, "greet", input="Ann")
    assert error is None
    assert stream.completed
    assert stream.usage is None


def test_the_fetch_never_reaches_a_span_without_an_sdk(driver: Driver, emulator: Any) -> None:
    # No tracer provider given and none installed: the fetch still fills stream.usage.
    client = live_client(driver, emulator, stream_usage=True)
    _, stream, _ = driver.stream(client, "greet", input="Ann")
    assert (
        stream.usage["total_tokens"]
        == emulator.spans[stream.span_id]["meta"]["usage"]["total_tokens"]
    )
    assert json.dumps(stream.cost.to_dict())
