"""v2 calls: ``/call``, ``/call/stream`` and the calls and streams of stored functions.

What a call answers (``_synth`` has the rules for the output itself): like the server, it checks
``input`` against ``input_schema`` only when ``beta.invocation.input_validation.enabled`` is
true, answers 404 for an unknown ``parent_span_id``, and repeats an answer within
``invocation.cache.ttl``. A call is a span (``type`` "call", ``name`` the task) whose ``meta``
holds ``usage`` and ``cost``: that is the emulator's own convention, so a test can read them
back; the server's v2 spans carry neither (Opper's SDKs read tokens from the trace instead).

A stream sends ``span_id`` (an event of its own first, by default), then the output as text
deltas (``chunk_type`` "text") or as ``(json_path, delta)`` pairs (``chunk_type`` "json"). A
stored function's stream (``FunctionStreamChunk`` has only ``delta`` and ``span_id``) sends a
structured result as its JSON text.

>>> calls = Calls(state, resources, injector, ping_interval=15.0)      # doctest: +SKIP
>>> calls.call(context)["message"]                                     # doctest: +SKIP
'Emulated reply to greet: {"who":"Ann"}'
"""

from __future__ import annotations

import dataclasses
import json
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response

from ._checks import Context, user_validator, violations
from ._errors import invalid, not_found
from ._injection import Injector
from ._resources import Resources, canonical_id
from ._sse import EventStream, encode_event, ping_interval, play
from ._state import EmulatorState, now_iso
from ._synth import (
    SynthesisError,
    canonical_json,
    example_output,
    json_deltas,
    pieces,
    synthesize,
    text_reply,
    usage_and_cost,
)

__all__ = ["Calls", "check_input", "check_output_schema", "check_parent", "task_output"]

_CACHE_KEYS = ("name", "instructions", "input_schema", "output_schema", "input", "model")


def check_input(body: Mapping[str, Any]) -> None:
    """Raise 422 when ``input`` does not match ``input_schema`` (or that is no schema)."""
    input_schema = body.get("input_schema")
    if input_schema is not None:
        validator = user_validator(input_schema, ["body", "input_schema"])
        found = violations(validator, body.get("input"), ["body", "input"])
        if found:
            raise invalid(found)


def check_output_schema(body: Mapping[str, Any]) -> None:
    """Raise 422 when ``output_schema`` is not a JSON Schema."""
    output_schema = body.get("output_schema")
    if output_schema is not None:
        user_validator(output_schema, ["body", "output_schema"])


def check_parent(state: EmulatorState, parent_span_id: Any) -> Any:
    """The canonical ``parent_span_id``; raises 404 for one no span has."""
    parent_id = canonical_id(parent_span_id)
    if parent_id is not None and not state.has_span(parent_id):
        raise not_found("Parent span not found")
    return parent_id


def task_output(
    state: EmulatorState,
    name: str,
    input_value: Any,
    output_schema: Any,
    examples: Any = None,
) -> tuple[Any, str]:
    """``(output, text)``: what task ``name`` answers (a canned answer, then a matching example,
    then ``_synth``'s rules) and that output as text (structured output as canonical JSON)."""
    found, example = state.canned(name)
    if not found:
        found, example = example_output(examples, input_value)
    if output_schema is not None:
        try:
            output = example if found else synthesize(output_schema, input_value)
        except SynthesisError as exc:
            raise invalid(
                [{"loc": ["body", "output_schema"], "msg": str(exc), "type": "schema"}]
            ) from None
        return output, canonical_json(output)
    if found:
        output = example if isinstance(example, str) else canonical_json(example)
    else:
        output = text_reply(name, input_value)
    return output, output


@dataclass
class _Plan:
    """Everything a ``/call`` or ``/call/stream`` answer needs, worked out before answering."""

    span_id: str
    structured: bool
    output: Any
    usage: dict[str, int]
    cost: dict[str, float]
    span: dict[str, Any]
    cached: bool = False


class Calls:
    """The v2 call handlers, over one emulator's state and its v2 resources."""

    def __init__(
        self,
        state: EmulatorState,
        resources: Resources,
        injector: Injector,
        ping_interval: float,
    ) -> None:
        self.state = state
        self.resources = resources
        self.injector = injector
        self.ping_interval = ping_interval

    def handlers(self) -> dict[str, Any]:
        """The handlers by operationId."""
        return {
            "call": self.call,
            "call_stream": self.call_stream,
            "call_function": self.call_function,
            "call_function_revision": self.call_function,
            "stream_function": self.stream_function,
            "stream_function_revision": self.stream_function,
        }

    def _plan(self, body: Mapping[str, Any]) -> _Plan:
        configuration = {**self.resources.defaults, **(body.get("configuration") or {})}
        if configuration.get("beta.invocation.input_validation.enabled"):
            check_input(body)
        parent_id = check_parent(self.state, body.get("parent_span_id"))
        check_output_schema(body)
        ttl = configuration.get("invocation.cache.ttl")
        ttl = float(ttl) if isinstance(ttl, int | float) and not isinstance(ttl, bool) else 0.0
        key = canonical_json([body.get(k) for k in _CACHE_KEYS]) if ttl > 0 else None
        hit = self.state.cached(key, time.monotonic()) if key is not None else None
        plan = hit if isinstance(hit, _Plan) else self._fresh(body)
        if key is not None and hit is None:
            self.state.cache(key, plan, time.monotonic() + ttl)
        span_id = str(uuid.uuid4())
        span = {**plan.span, "id": span_id, "parent_id": parent_id, "start_time": now_iso()}
        span["meta"] = {k: v for k, v in plan.span["meta"].items() if k not in ("model", "tags")}
        span["meta"].update({k: body[k] for k in ("model", "tags") if body.get(k) is not None})
        return dataclasses.replace(plan, span_id=span_id, span=span, cached=hit is not None)

    def _fresh(self, body: Mapping[str, Any]) -> _Plan:
        name: str = body["name"]
        input_value = body.get("input")
        output_schema = body.get("output_schema")
        output, answer = task_output(
            self.state, name, input_value, output_schema, body.get("examples")
        )
        prompt = canonical_json([body.get("instructions"), input_value])
        usage, cost = usage_and_cost(prompt, answer)
        span = {
            "name": name,
            "type": "call",
            "input": input_value,
            "meta": {"usage": usage, "cost": cost},
        }
        return _Plan("", output_schema is not None, output, usage, cost, span)

    # Handlers
    def call(self, context: Context) -> Any:
        self.resources.register_called(context.body)
        return self._answer(context.body)

    def call_function(self, context: Context) -> Any:
        return self._answer(self.resources.call_body(context.params, context.body))

    def _answer(self, body: Mapping[str, Any]) -> Any:
        plan = self._plan(body)
        self.state.create_span({**plan.span, "output": plan.output, "end_time": now_iso()})
        return {
            "span_id": plan.span_id,
            "message": None if plan.structured else plan.output,
            "json_payload": plan.output if plan.structured else None,
            "cached": plan.cached,
            "images": None,
            "usage": plan.usage,
            "cost": plan.cost,
        }

    def call_stream(self, context: Context) -> Response:
        self.resources.register_called(context.body)
        return self._stream(context, context.body)

    def stream_function(self, context: Context) -> Response:
        body = self.resources.call_body(context.params, context.body)
        return self._stream(context, body, text_only=True)

    def _stream(
        self, context: Context, body: Mapping[str, Any], *, text_only: bool = False
    ) -> Response:
        faults = context.faults
        plan = self._plan(body)
        self.state.create_span(plan.span)
        root = "response" if faults.json_path == "response" else ""
        chunks: list[dict[str, Any]]
        if text_only:
            text = plan.output if isinstance(plan.output, str) else canonical_json(plan.output)
            chunks = [{"delta": piece, "chunk_type": "text"} for piece in pieces(text)]
        elif plan.structured:
            chunks = [
                {"delta": delta, "json_path": path, "chunk_type": "json"}
                for path, delta in json_deltas(plan.output, root)
            ]
        else:
            chunks = [{"delta": piece, "chunk_type": "text"} for piece in pieces(plan.output)]
        if faults.span_id == "first-delta" and chunks:
            chunks[0] = {"span_id": plan.span_id, **chunks[0]}
        elif faults.span_id == "last" and chunks:
            chunks[-1] = {**chunks[-1], "span_id": plan.span_id}
        else:
            chunks.insert(0, {"span_id": plan.span_id})
        fields = faults.event_fields
        events = [
            encode_event(
                json.dumps(chunk),
                event="message" if fields else None,
                number=i + 1 if fields else None,
                retry=fields and i == 0,
            )
            for i, chunk in enumerate(chunks)
        ]

        def error_events(message: str) -> bytes:
            error = {
                "chunk_type": "error",
                "error_type": faults.error_type,
                "error_message": message,
            }
            return encode_event(json.dumps(error))

        def on_end(outcome: dict[str, Any]) -> None:
            self.state.update_span(plan.span_id, outcome)

        body_bytes = play(
            events,
            faults,
            self.injector,
            context.request.scope,
            output=plan.output,
            error_events=error_events,
            malformed=encode_event('{"delta": "not json'),
            on_end=on_end,
        )
        return EventStream(body_bytes, ping_interval(faults, self.ping_interval))
