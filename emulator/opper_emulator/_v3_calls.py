"""v3 calls: ``/v3/call``, ``/v3/call/stream``, ``/v3/functions/{name}/call`` and ``.../stream``.

The function is named by the body's ``name`` (``/v3/call``) or the path (``/v3/functions/...``).
A call checks ``input`` against ``input_schema`` (v3 is schema-driven; 400 when it does not
match), answers 404 for an unknown ``parent_span_id``, creates or updates the function
(``_v3_functions``), takes its output by ``_synth``'s rules (a canned answer, then an example
of the function, then the schema), records a span (``type`` "call", in the parent's trace or a
new one; ``meta.usage`` and ``meta.cost`` as the answer reports them) and a generation.

The answer is ``{"data": output, "meta": ResponseMeta}``; ``meta`` has ``function_name``,
``script_cached``, ``execution_ms``, ``generation_ms``, ``llm_calls`` (1), ``tts_calls`` and
``image_gen_calls`` (0), ``usage`` (``input_tokens``, ``output_tokens``), ``cost`` (USD, a
number), ``models_used`` (the call's model, else ``azure/gpt-4o-eu``) and ``trace_uuid``.

With ``tools`` the model calls the first tool once, with arguments made up from its
``parameters`` (``{}`` without), besides answering as usual; ``meta.tool_calls`` lists
``{"id", "name", "arguments"}`` with ``arguments`` the JSON text the stream sends (the
emulator's shape: the spec's ``ResponseMeta`` has no ``tool_calls``; Opper's SDK reads one).

A stream sends, each as ``data: <json>`` with ``\\n`` line breaks::

    data: {"type": "content", "delta": "Emul"}              (the output's text in 4-character
                                                             pieces; structured output as JSON)
    data: {"type": "tool_call_start", "tool_call_index": 0, "tool_call_id": "call_...",
           "tool_call_name": "search"}                      (with tools)
    data: {"type": "tool_call_delta", "tool_call_index": 0, "tool_call_args": "{\\"q\\":"}
    data: {"type": "done", "usage": {"input_tokens": 9, "output_tokens": 7}}
    event: complete
    data: {"data": <output>, "meta": {...}}
    data: [DONE]

Every one counts as an event for the faults; ``error-after=N`` sends
``data: {"type": "error", "error": "<code>: <message>"}`` (``code`` is the ``error-type``'s v3
code, ``_errors.v3_code``) then ``data: [DONE]``;
``event-fields=on`` adds ``id:`` lines (and ``retry:`` to the first).
"""

from __future__ import annotations

import functools
import json
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response

from ._calls import check_input, check_output_schema, check_parent, task_output
from ._checks import Context
from ._errors import invalid, v3_code
from ._injection import Injector
from ._sse import EventStream, encode_event, ping_interval, play
from ._state import EmulatorState, now_iso
from ._synth import SynthesisError, canonical_json, pieces, synthesize, usage_and_cost
from ._v3_functions import V3Functions

__all__ = ["DEFAULT_MODEL", "V3Calls"]

#: The model ``meta.models_used`` names when a call names none.
DEFAULT_MODEL = "azure/gpt-4o-eu"
_LF = "\n"
# Compact, as the wire sample in Opper's SDK tests is.
_json = functools.partial(json.dumps, separators=(",", ":"), ensure_ascii=False)


def _model_name(model: Any) -> str:
    if isinstance(model, list):
        model = model[0] if model else None
    if isinstance(model, Mapping):
        model = model.get("name")
    return model if isinstance(model, str) and model else DEFAULT_MODEL


def _tool_calls(tools: Any, input_value: Any) -> list[dict[str, Any]]:
    """The one call of the first tool, with arguments made up from its ``parameters``."""
    if not isinstance(tools, list) or not tools or not isinstance(tools[0], Mapping):
        return []
    tool = tools[0]
    parameters = tool.get("parameters")
    arguments: Any = {}
    if isinstance(parameters, Mapping):
        try:
            arguments = synthesize(parameters, input_value)
        except SynthesisError:
            arguments = {}
    call_id = "call_" + uuid.uuid4().hex[:24]
    return [{"id": call_id, "name": str(tool["name"]), "arguments": canonical_json(arguments)}]


@dataclass
class _Run:
    """Everything a v3 call's answer needs, worked out before answering."""

    span_id: str
    output: Any
    text: str
    tool_calls: list[dict[str, Any]]
    usage: dict[str, int]
    meta: dict[str, Any]


class V3Calls:
    """The v3 call handlers."""

    def __init__(
        self,
        state: EmulatorState,
        functions: V3Functions,
        injector: Injector,
        ping_interval: float,
    ) -> None:
        self.state = state
        self.functions = functions
        self.injector = injector
        self.ping_interval = ping_interval

    def handlers(self) -> dict[str, Any]:
        """The handlers by operationId."""
        return {
            "call": lambda context: self._answer(context.body["name"], context.body),
            "callFunction": lambda context: self._answer(context.params["name"], context.body),
            "callStream": lambda context: self._stream(context, context.body["name"]),
            "streamFunction": lambda context: self._stream(context, context.params["name"]),
        }

    def _run(self, name: str, body: Mapping[str, Any], *, ended: bool) -> _Run:
        started, start_time = time.monotonic(), now_iso()
        if not name:
            raise invalid([{"loc": ["body", "name"], "msg": "must not be empty", "type": "min"}])
        check_input(body)
        parent_id = check_parent(self.state, body.get("parent_span_id"))
        check_output_schema(body)
        cached = self.functions.register_run(name, body)
        input_value = body.get("input")
        output, text = task_output(
            self.state, name, input_value, body.get("output_schema"),
            self.functions.example_pairs(name),
        )  # fmt: skip
        tool_calls = _tool_calls(body.get("tools"), input_value)
        prompt = canonical_json([body.get("instructions"), input_value, body.get("tools")])
        counts, prices = usage_and_cost(prompt, text + "".join(c["arguments"] for c in tool_calls))
        usage = {"input_tokens": counts["input_tokens"], "output_tokens": counts["output_tokens"]}
        model = _model_name(body.get("model"))
        span = {
            "name": name,
            "type": "call",
            "parent_id": parent_id,
            "input": input_value,
            "start_time": start_time,
            "meta": {"usage": usage, "cost": prices["total"], "model": model},
        }
        if ended:
            span.update(output=output, end_time=now_iso())
        stored = self.state.create_span(span)
        assert stored is not None  # the emulator chose the id
        elapsed = round((time.monotonic() - started) * 1000)
        meta: dict[str, Any] = {
            "function_name": name,
            "script_cached": cached,
            "execution_ms": elapsed,
            "generation_ms": elapsed,
            "llm_calls": 1,
            "tts_calls": 0,
            "image_gen_calls": 0,
            "usage": usage,
            "cost": prices["total"],
            "models_used": [model],
            "trace_uuid": stored["trace_id"],
        }
        if tool_calls:
            meta["tool_calls"] = tool_calls
        self.functions.record_generation(
            {
                "id": str(uuid.uuid4()),
                "created_at": now_iso(),
                "function_name": name,
                "span_id": stored["id"],
                "trace_id": stored["trace_id"],
                "model": model,
                "request": dict(body),
                "response": {"data": output, "meta": meta},
                "usage": usage,
                "cost": prices["total"],
            }
        )
        return _Run(stored["id"], output, text, tool_calls, usage, meta)

    def _answer(self, name: str, body: Mapping[str, Any]) -> Any:
        run = self._run(name, body, ended=True)
        return {"data": run.output, "meta": run.meta}

    def _stream(self, context: Context, name: str) -> Response:
        faults = context.faults
        run = self._run(name, context.body, ended=False)
        payloads: list[str] = [
            _json({"type": "content", "delta": piece}) for piece in pieces(run.text)
        ]
        for index, call in enumerate(run.tool_calls):
            start = {
                "type": "tool_call_start",
                "tool_call_index": index,
                "tool_call_id": call["id"],
                "tool_call_name": call["name"],
            }
            payloads.append(_json(start))
            payloads += [
                _json({"type": "tool_call_delta", "tool_call_index": index, "tool_call_args": p})
                for p in pieces(call["arguments"])
            ]  # fmt: skip
        payloads.append(_json({"type": "done", "usage": run.usage}))
        complete = len(payloads)
        payloads.append(_json({"data": run.output, "meta": run.meta}))
        payloads.append("[DONE]")
        fields = faults.event_fields
        events = [
            encode_event(
                payload,
                event="complete" if i == complete else None,
                number=i + 1 if fields else None,
                retry=fields and i == 0,
                sep=_LF,
            )
            for i, payload in enumerate(payloads)
        ]

        def error_events(message: str) -> bytes:
            code = v3_code(faults.error_type, 500)
            error = _json({"type": "error", "error": f"{code}: {message}"})
            return encode_event(error, sep=_LF) + encode_event("[DONE]", sep=_LF)

        def on_end(outcome: dict[str, Any]) -> None:
            self.state.update_span(run.span_id, outcome)

        body = play(
            events,
            faults,
            self.injector,
            context.request.scope,
            output=run.output,
            error_events=error_events,
            malformed=encode_event('{"type": "content", "delta": "not json', sep=_LF),
            on_end=on_end,
        )
        return EventStream(body, ping_interval(faults, self.ping_interval), sep=_LF)
