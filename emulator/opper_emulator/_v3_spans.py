"""v3 spans, span events and traces: ``/v3/spans``, ``/v3/spans/{id}``, ``/v3/spans/{id}/events``,
``/v3/traces``, ``/v3/traces/{id}`` and ``/v3/traces/{id}/events``.

The spans are the same as v2's (``_state``): a v2 span shows in a v3 trace and the other way
round. v3 answers wrap a span or a trace in ``{"data": ...}`` and leave out fields without a
value (v3's schemas have no nulls). Where the v3 spec documents no answer (``PATCH`` of a span,
the event and trace lists), the emulator answers:

- ``PATCH /v3/spans/{id}``: ``{"data": span}``, the span as ``GET`` shows it;
- ``POST /v3/spans/{id}/events`` with ``{"kind": "feedback" | "guardrail" | "evaluation",
  "source": ..., "data": {...}}``: ``{"data": event}``, the event as a trace lists it
  (``id``, ``span_id``, ``span_uuid``, ``kind``, ``source`` (default ``"api"``), ``data``,
  ``created_at``); another ``kind`` is a 400;
- ``GET .../events`` (``?kind=`` filters): ``{"data": [event, ...]}``;
- ``GET /v3/traces`` (``?name=`` matches part of the name, any case; ``limit``, ``offset``):
  ``{"data": [ListTracesItem, ...], "meta": {"total", "limit", "offset"}}``, latest first.

A span's ``status`` is ``"error"`` once it recorded an error, ``"success"`` once it ended, and
absent while it is open. A call's span carries ``meta.usage`` and ``meta.cost`` (the emulator's
convention, so a test can read what a stream reported).

>>> V3Spans(state).handlers()["getSpan"](context)["data"]["name"]          # doctest: +SKIP
'checkout'
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from ._checks import Context
from ._errors import invalid, not_found
from ._resources import canonical_id
from ._state import EmulatorState, now_iso
from ._traces import trace_summary

__all__ = ["EVENT_KINDS", "V3Spans", "span_view"]

#: The kinds of span event the v3 spec names.
EVENT_KINDS = ("guardrail", "feedback", "evaluation")
_CREATE_FIELDS = (
    "name",
    "trace_id",
    "parent_id",
    "type",
    "input",
    "output",
    "error",
    "start_time",
    "end_time",
    "meta",
    "metadata",
    "tags",
)
_UPDATE_FIELDS = ("output", "error", "end_time", "meta", "metadata", "tags")
_VIEW_FIELDS = (*_CREATE_FIELDS, "id")


def _present(value: Mapping[str, Any]) -> dict[str, Any]:
    return {key: item for key, item in value.items() if item is not None}


def _status(span: Mapping[str, Any]) -> str | None:
    if span.get("error"):
        return "error"
    return "success" if span.get("end_time") else None


def span_view(span: Mapping[str, Any]) -> dict[str, Any]:
    """A stored span as v3 shows it: its fields with a value, and its ``status``."""
    return _present({**{key: span.get(key) for key in _VIEW_FIELDS}, "status": _status(span)})


class V3Spans:
    """The v3 span, event and trace handlers."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state

    def handlers(self) -> dict[str, Any]:
        """The handlers by operationId."""
        return {
            "createSpan": self.create_span,
            "getSpan": self.get_span,
            "updateSpan": self.update_span,
            "deleteSpan": self.delete_span,
            "createSpanEvent": self.create_event,
            "listSpanEvents": self.list_span_events,
            "listTraces": self.list_traces,
            "getTrace": self.get_trace,
            "deleteTrace": self.delete_trace,
            "listTraceEvents": self.list_trace_events,
        }

    def _span(self, context: Context) -> dict[str, Any]:
        span = self.state.get_span(canonical_id(context.params["id"]))
        if span is None:
            raise not_found("Span not found")
        return span

    # Spans
    def create_span(self, context: Context) -> Any:
        fields = {key: context.body.get(key) for key in _CREATE_FIELDS if key in context.body}
        for key in ("trace_id", "parent_id"):
            fields[key] = canonical_id(fields.get(key))
        span = self.state.create_span(fields)
        assert span is not None  # the emulator chose the id
        created = {key: span.get(key) for key in ("id", "trace_id", "name", "parent_id", "type")}
        return {"data": _present(created)}

    def get_span(self, context: Context) -> Any:
        return {"data": span_view(self._span(context))}

    def update_span(self, context: Context) -> Any:
        span_id = self._span(context)["id"]
        changes = {key: context.body[key] for key in _UPDATE_FIELDS if key in context.body}
        span = self.state.update_span(span_id, changes)
        if span is None:
            raise not_found("Span not found")
        return {"data": span_view(span)}

    def delete_span(self, context: Context) -> Any:
        if not self.state.delete_span(canonical_id(context.params["id"])):
            raise not_found("Span not found")
        return None

    # Events
    def create_event(self, context: Context) -> Any:
        span = self._span(context)
        body = context.body if isinstance(context.body, Mapping) else {}
        kind, data, source = body.get("kind"), body.get("data", {}), body.get("source", "api")
        problems = []
        if kind not in EVENT_KINDS:
            msg = f"kind must be one of {', '.join(EVENT_KINDS)}"
            problems.append({"loc": ["body", "kind"], "msg": msg, "type": "enum"})
        if not isinstance(data, Mapping):
            problems.append({"loc": ["body", "data"], "msg": "must be an object", "type": "type"})
        if not isinstance(source, str):
            problems.append({"loc": ["body", "source"], "msg": "must be a string", "type": "type"})
        if problems:
            raise invalid(problems)
        event = {
            "id": str(uuid.uuid4()),
            "span_id": span["id"],
            "span_uuid": span["id"],
            "kind": kind,
            "source": source,
            "data": data,
            "created_at": now_iso(),
        }
        self.state.v3.add_event(event)
        return {"data": event}

    def _events(self, span_ids: list[str], kind: Any) -> list[dict[str, Any]]:
        found = self.state.v3.events(span_ids)
        return [event for event in found if kind is None or event["kind"] == kind]

    def list_span_events(self, context: Context) -> Any:
        span = self._span(context)
        return {"data": self._events([span["id"]], context.query.get("kind"))}

    # Traces
    def _trace(self, context: Context) -> tuple[str, list[dict[str, Any]]]:
        trace_id = canonical_id(context.params["id"])
        spans = self.state.trace(trace_id)
        if not spans:
            raise not_found("Trace not found")
        return trace_id, spans

    def list_traces(self, context: Context) -> Any:
        query = context.query
        wanted = str(query.get("name") or "").lower()
        offset, limit = query.get("offset", 0), query.get("limit", 100)
        items = [
            self._summary(trace_id, spans)
            for trace_id, spans in self.state.traces().items()
            if spans
        ]
        items = [item for item in items if wanted in str(item.get("name") or "").lower()]
        items.sort(key=lambda item: str(item.get("start_time") or ""), reverse=True)
        meta = {"total": len(items), "limit": limit, "offset": offset}
        return {"data": items[offset : offset + limit], "meta": meta}

    def _summary(self, trace_id: str, spans: list[dict[str, Any]]) -> dict[str, Any]:
        summary = trace_summary(trace_id, spans)
        keys = ("id", "name", "start_time", "end_time", "duration_ms", "status")
        return _present({**{key: summary[key] for key in keys}, "span_count": len(spans)})

    def get_trace(self, context: Context) -> Any:
        trace_id, spans = self._trace(context)
        spans.sort(key=lambda span: str(span.get("start_time") or ""))
        trace = self._summary(trace_id, spans)
        trace["spans"] = [span_view(span) for span in spans]
        trace["events"] = self._events([span["id"] for span in spans], None)
        return {"data": trace}

    def delete_trace(self, context: Context) -> Any:
        trace_id, _ = self._trace(context)
        self.state.delete_trace(trace_id)
        return None

    def list_trace_events(self, context: Context) -> Any:
        _, spans = self._trace(context)
        return {"data": self._events([span["id"] for span in spans], context.query.get("kind"))}
