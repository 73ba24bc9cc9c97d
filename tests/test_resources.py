"""``opper.spans``, ``opper.traces``, ``opper.functions``, ``opper.models``: the resource classes
``make generate`` writes from the spec, run against the emulator with ``Opper`` and
``AsyncOpper``."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from _fakes import Driver, live_client
from opper_api.api.functions import AsyncFunctionsResource, FunctionsResource
from opper_api.api.models import ModelsResource
from opper_api.api.spans import AsyncSpansResource, SpansResource
from opper_api.api.traces import TracesResource
from opper_tracing import ConflictError, InvalidRequestError, NotFoundError, PermissionDeniedError

SUM = {"type": "object", "properties": {"sum": {"type": "integer"}}}


def methods(cls: type) -> list[str]:
    return sorted(name for name in vars(cls) if not name.startswith("_"))


def test_methods_follow_the_generated_operations() -> None:
    assert methods(SpansResource) == methods(AsyncSpansResource) == [
        "create", "create_metric", "delete", "delete_metric", "get", "get_metric",
        "list_metrics", "save_examples", "submit_feedback", "update", "update_metric",
    ]  # fmt: skip
    assert methods(TracesResource) == ["get", "list"]
    assert methods(ModelsResource) == ["list"]
    # The event-stream operations are the client's own (functions.stream), not generated.
    assert methods(FunctionsResource) == methods(AsyncFunctionsResource) == [
        "call", "call_revision", "create", "delete", "get", "get_by_name", "get_revision",
        "list", "list_revisions", "update",
    ]  # fmt: skip


def test_namespaces_list_their_methods(driver: Driver, emulator: Any) -> None:
    opper = live_client(driver, emulator)
    assert "create_metric" in dir(opper.spans)
    assert repr(opper.traces) == "<opper.traces: get, list>"
    with pytest.raises(AttributeError, match="'fetch'"):
        opper.traces.fetch  # noqa: B018
    assert opper.with_options(timeout=5).models._client is not opper  # bound to the copy


def test_spans_metrics_feedback_and_traces(driver: Driver, emulator: Any) -> None:
    opper = live_client(driver, emulator)
    run = driver.run
    span = run(opper.spans.create(name="checkout", meta={"tenant": "acme"}))
    assert span.name == "checkout"
    # Ids may be UUIDs or text in any spelling the API reads; the canonical form is sent.
    hyphenless = str(span.id).replace("-", "").upper()
    assert run(opper.spans.get(hyphenless)).id == span.id
    assert emulator.requests[-1].path == f"/v2/spans/{span.id}"
    assert run(opper.spans.update(span_id=f"{{{span.id}}}", output="paid")).output == "paid"

    metric = run(opper.spans.create_metric(span.id, dimension="accuracy", value=0.9))
    assert run(opper.spans.list_metrics(span.id, limit=5)).data[0].id == metric.id
    changed = run(opper.spans.update_metric(span.id, metric.id, comment="checked"))
    assert (changed.value, changed.comment) == (0.9, "checked")
    assert run(opper.spans.get_metric(span.id, metric.id)).comment == "checked"
    feedback = run(opper.spans.submit_feedback(span.id, score=1.0))
    assert feedback.example_saved is False
    assert run(opper.spans.get(span.id)).feedback.score == 1.0

    call = driver.call(opper, "greet", input="Ann", parent_span_id=span.id)
    trace = run(opper.traces.get(span.trace_id))
    assert {s.id for s in trace.spans} == {span.id, call.span_id}
    assert trace.total_tokens == call.usage["total_tokens"]
    listed = run(opper.traces.list(name="checkout"))
    assert [t.id for t in listed.data] == [span.trace_id]

    assert run(opper.spans.delete_metric(span.id, metric.id)) is None
    assert run(opper.spans.delete(span.id)) is None
    with pytest.raises(NotFoundError) as raised:
        run(opper.spans.get(span.id))
    assert (raised.value.error_type, raised.value.detail) == ("NotFoundError", "Span not found")


def test_functions_calls_streams_and_revisions(driver: Driver, emulator: Any) -> None:
    opper = live_client(driver, emulator)
    run = driver.run
    name = f"adder-{uuid.uuid4().hex[:8]}"
    function = run(opper.functions.create(name=name, instructions="Add.", output_schema=SUM))
    assert run(opper.functions.get_by_name(name)).id == function.id
    assert [f.id for f in run(opper.functions.list(name=name)).data] == [function.id]
    updated = run(opper.functions.update(function.id, description="Adds two numbers."))
    revisions = run(opper.functions.list_revisions(function.id)).data
    assert [r.id for r in revisions] == [updated.revision_id, function.revision_id]
    first = run(opper.functions.get_revision(function.id, function.revision_id))
    assert (first.revision_id, updated.description) == (function.revision_id, "Adds two numbers.")

    result = run(opper.functions.call(function.id, input={"x": 2, "y": 3}))
    assert result.json_payload == {"sum": 5}
    old = run(opper.functions.call_revision(function.id, function.revision_id, input={"x": 1}))
    assert old.json_payload == {"sum": 1}
    for method, extra in (("stream", ()), ("stream_revision", (function.revision_id,))):
        opened = getattr(opper.functions, method)(function.id, *extra, input={"x": 4, "y": 4})
        stream = run(_drain(driver, opened))
        assert stream.span_id in emulator.spans
        assert json.loads(stream.text) == {"sum": 8}  # a function's stream is text only

    with pytest.raises(ConflictError) as raised:
        run(opper.functions.create(name=name, instructions="Again."))
    assert raised.value.error_type == "ConflictError"
    run(opper.functions.delete(function.id))
    with pytest.raises(NotFoundError):
        run(opper.functions.call(function.id, input={}))


async def _drain_async(opened: Any) -> Any:
    async with await opened as stream:
        async for _ in stream:
            pass
    return stream


def _drain(driver: Driver, opened: Any) -> Any:
    if driver.mode == "async":
        return _drain_async(opened)
    with opened as stream:
        for _ in stream:
            pass
    return stream


def test_models_list(driver: Driver, emulator: Any) -> None:
    opper = live_client(driver, emulator)
    page = driver.run(opper.models.list(offset=1, limit=2))
    assert len(page.data) == 2
    assert page.meta.total_count > 2
    assert all(model.input_cost_per_token > 0 for model in page.data)


def test_arguments_are_checked_before_sending(driver: Driver, emulator: Any) -> None:
    opper = live_client(driver, emulator)
    sent = len(emulator.requests)
    with pytest.raises(InvalidRequestError, match="span_id must be a UUID"):
        driver.run(opper.spans.get("not-a-uuid"))
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'trace_id'"):
        driver.run(opper.traces.get())
    with pytest.raises(TypeError, match="unexpected keyword"):
        driver.run(opper.traces.get(str(uuid.uuid4()), colour="red"))
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'value'"):
        driver.run(opper.spans.create_metric(str(uuid.uuid4()), dimension="d"))
    assert len(emulator.requests) == sent


def test_documented_errors_carry_their_type(driver: Driver, emulator: Any) -> None:
    opper = live_client(driver, emulator, fault="error=HTTPException")
    with pytest.raises(PermissionDeniedError) as raised:
        driver.run(opper.models.list())
    error = raised.value
    assert (error.status_code, error.error_type, error.error_message) == (
        403,
        "HTTPException",
        "Account suspended",
    )
