"""Traces as ``GET /traces`` and ``GET /traces/{trace_id}`` show them, built from stored spans.

A trace is every span with the same ``trace_id``: a span created without a parent, or a call made
without ``parent_span_id``, starts one. Its root is the span whose parent is not in the trace
(the earliest, if several); the trace takes its name, input and output from the root. A call's
span carries the call's usage in ``meta`` (the emulator's own convention: the server's v2 spans
carry no usage or cost), so a trace's ``total_tokens`` is the sum of its calls'
``usage.total_tokens`` (a v3 call's input and output tokens). A trace is ``success`` once every
span has ended without an error, ``error`` once any span recorded one, and has no status while a
span is still open.

>>> span = {"id": "a", "name": "root", "trace_id": "t", "parent_id": None,
...         "start_time": "2025-01-01T00:00:00+00:00", "end_time": "2025-01-01T00:00:01+00:00",
...         "input": {"q": 1}, "output": "ok", "error": None, "meta": None, "score": None}
>>> summary = trace_summary("t", [span])
>>> summary["name"], summary["input"], summary["duration_ms"], summary["status"]
('root', '{"q":1}', 1000, 'success')
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

__all__ = ["call_tokens", "trace_page", "trace_summary", "trace_view"]


def _text(value: Any) -> str | None:
    """A span's input or output as the text a trace shows: strings as they are, else JSON."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _moment(stamp: Any) -> datetime | None:
    """``stamp`` as an aware datetime (a time without an offset is UTC), or ``None``."""
    if not isinstance(stamp, str):
        return None
    try:
        moment = datetime.fromisoformat(stamp.upper())
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _when(span: Mapping[str, Any]) -> float:
    """A sort key: the span's start as a timestamp, spans without one last."""
    moment = _moment(span.get("start_time"))
    return moment.timestamp() if moment is not None else math.inf


def _stamps(spans: Sequence[Mapping[str, Any]], key: str) -> list[tuple[datetime, str]]:
    """Each span's ``key`` time that reads as one, with the text it was given as."""
    found = ((_moment(span.get(key)), span.get(key)) for span in spans)
    return [(moment, str(text)) for moment, text in found if moment is not None]


def _duration_ms(start: Any, end: Any) -> int | None:
    began, ended = _moment(start), _moment(end)
    if began is None or ended is None:
        return None
    return max(0, round((ended - began).total_seconds() * 1000))


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def call_tokens(span: Mapping[str, Any]) -> int | None:
    """The ``usage.total_tokens`` a call's span recorded in its ``meta`` (a v3 call's usage has
    none: its input and output tokens added up), if any."""
    meta = span.get("meta")
    usage = meta.get("usage") if isinstance(meta, Mapping) else None
    if not isinstance(usage, Mapping):
        return None
    total = _count(usage.get("total_tokens"))
    if total is None:
        parts = [_count(usage.get(key)) for key in ("input_tokens", "output_tokens")]
        total = sum(part for part in parts if part is not None) if any(parts) else None
    return total


def _model_name(model: Any) -> str | None:
    """The first model a call named: a string, a ``Model``'s name, or a fallback list's first."""
    if isinstance(model, list):
        model = model[0] if model else None
    if isinstance(model, Mapping):
        model = model.get("name")
    return model if isinstance(model, str) else None


def _root(spans: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
    ids = {span.get("id") for span in spans}
    roots = [span for span in spans if span.get("parent_id") not in ids] or list(spans)
    return min(roots, key=_when)


def _status(spans: Sequence[Mapping[str, Any]]) -> str | None:
    if any(span.get("error") for span in spans):
        return "error"
    if all(span.get("end_time") for span in spans):
        return "success"
    return None


def trace_summary(trace_id: str, spans: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The ``TraceSummary`` of the trace made of ``spans`` (at least one)."""
    root = _root(spans)
    starts = _stamps(spans, "start_time")
    ends = _stamps(spans, "end_time")
    start = min(starts)[1] if starts else None
    # The trace ends when its last span does; while one is open it has no end.
    end = max(ends)[1] if ends and len(ends) == len(spans) else None
    tokens = [t for t in map(call_tokens, spans) if t is not None]
    return {
        "id": trace_id,
        "start_time": start,
        "end_time": end,
        "duration_ms": _duration_ms(start, end),
        "status": _status(spans),
        "name": root.get("name"),
        "input": _text(root.get("input")),
        "output": _text(root.get("output")),
        "total_tokens": sum(tokens),
    }


def _span_view(span: Mapping[str, Any], metrics: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    meta = span.get("meta")
    meta = meta if isinstance(meta, Mapping) else {}
    is_call = span.get("type") == "call"
    return {
        "id": span.get("id"),
        "name": span.get("name"),
        "start_time": span.get("start_time"),
        "type": span.get("type"),
        "parent_id": span.get("parent_id"),
        "end_time": span.get("end_time"),
        "duration_ms": _duration_ms(span.get("start_time"), span.get("end_time")),
        "error": span.get("error"),
        "meta": span.get("meta"),
        "data": {
            "input": _text(span.get("input")),
            "output": _text(span.get("output")),
            "total_tokens": call_tokens(span),
            "model": _model_name(meta.get("model")) if is_call else None,
            "instructions": meta.get("instructions") if is_call else None,
            "function": span.get("name") if is_call else None,
            "tags": None,
            "score": span.get("score"),
            "generation_id": None,
            "observations": None,
            "scorer_context": None,
        },
        "metrics": [
            {key: metric.get(key) for key in ("id", "dimension", "value", "created_at", "comment")}
            for metric in metrics
        ],
        "score": span.get("score"),
    }


def trace_view(
    trace_id: str,
    spans: Sequence[Mapping[str, Any]],
    metrics: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> dict[str, Any]:
    """The ``Trace`` made of ``spans`` (at least one), in start order, with each span's metrics."""
    ordered = sorted(spans, key=_when)
    metrics = metrics or {}
    return {
        **trace_summary(trace_id, spans),
        "spans": [_span_view(span, metrics.get(str(span.get("id")), ())) for span in ordered],
    }


def trace_page(
    traces: Mapping[str, Sequence[Mapping[str, Any]]],
    name: str | None = None,
    offset: int = 0,
    limit: int = 100,
) -> dict[str, Any]:
    """A ``TraceList`` page: the traces named ``name`` (all if ``None``), latest start first."""
    summaries = [trace_summary(trace_id, spans) for trace_id, spans in traces.items() if spans]
    found = [summary for summary in summaries if name is None or summary["name"] == name]
    found.sort(key=lambda summary: -_when(summary))
    return {"meta": {"total_count": len(found)}, "data": found[offset : offset + limit]}
