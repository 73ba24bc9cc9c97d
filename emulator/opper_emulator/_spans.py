"""v2 spans and traces: ``/spans``, ``/spans/{span_id}``, ``/traces``, ``/traces/{trace_id}``.

A span keeps the fields of the spec's ``Span`` it was given (ids in canonical form); creating one
without ``trace_id`` puts it in its parent's trace, or starts one. ``PATCH`` changes only what it
names; a null name keeps the name (every span has one), other nulls clear the field. Traces are
built from the stored spans (``_traces``).

>>> spans = Spans(state, load_spec())                                  # doctest: +SKIP
>>> spans.create_span(context)["trace_id"]                             # doctest: +SKIP
'4bf92f35-77b3-4da6-a3ce-929d0e0e4736'
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from ._checks import Context
from ._errors import bad_request, not_found
from ._state import EmulatorState
from ._traces import trace_page, trace_view

__all__ = ["Spans"]


def _uuid(value: Any) -> Any:
    return str(uuid.UUID(value)) if isinstance(value, str) else value


class Spans:
    """The v2 span and trace handlers."""

    def __init__(self, state: EmulatorState, spec: Mapping[str, Any]) -> None:
        self.state = state
        span_schema = spec.get("components", {}).get("schemas", {}).get("Span", {})
        self.span_fields = frozenset(span_schema.get("properties", ()))
        self.span_required = frozenset(span_schema.get("required", ()))

    def handlers(self) -> dict[str, Any]:
        """The handlers by operationId."""
        return {
            "create_span": self.create_span,
            "get_span": self.get_span,
            "update_span": self.update_span,
            "delete_span": self.delete_span,
            "list_traces": self.list_traces,
            "get_trace": self.get_trace,
        }

    def _fields(self, body: Mapping[str, Any]) -> dict[str, Any]:
        fields = {k: v for k, v in body.items() if k in self.span_fields}
        for key in ("id", "trace_id", "parent_id"):
            if key in fields:
                fields[key] = _uuid(fields[key])
        return fields

    def _view(self, span: Mapping[str, Any]) -> dict[str, Any]:
        # A span made through v3 also has v3's fields (tags, metadata), which v2 does not show.
        if not self.span_fields:
            return dict(span)
        return {key: value for key, value in span.items() if key in self.span_fields}

    def create_span(self, context: Context) -> Any:
        span = self.state.create_span(self._fields(context.body))
        if span is None:
            detail = [{"loc": ["body", "id"], "msg": "a span with this id exists", "type": "id"}]
            raise bad_request(detail)
        return self._view(span)

    def get_span(self, context: Context) -> Any:
        span_id = _uuid(context.params["span_id"])
        span = self.state.get_span(span_id)
        if span is None:
            raise not_found("Span not found")
        return {**self._view(span), "feedback": self.state.feedback(span_id)}

    def update_span(self, context: Context) -> Any:
        span_id = _uuid(context.params["span_id"])
        fields = self._fields(context.body)
        fields.pop("id", None)
        # A null for a field every span must have (its name) keeps the old value, so the
        # answer stays a valid Span; other nulls clear the field.
        for name in self.span_required:
            if fields.get(name, "") is None:
                del fields[name]
        span = self.state.update_span(span_id, fields)
        if span is None:
            raise not_found("Span not found")
        return self._view(span)

    def delete_span(self, context: Context) -> Any:
        if not self.state.delete_span(_uuid(context.params["span_id"])):
            raise not_found("Span not found")
        return None

    def list_traces(self, context: Context) -> Any:
        query = context.query
        return trace_page(
            self.state.traces(), query.get("name"), query.get("offset", 0), query.get("limit", 100)
        )

    def get_trace(self, context: Context) -> Any:
        trace_id = _uuid(context.params["trace_id"])
        spans = self.state.trace(trace_id)
        if not spans:
            raise not_found("Trace not found")
        metrics = self.state.metrics_of([span["id"] for span in spans])
        return trace_view(trace_id, spans, metrics)
