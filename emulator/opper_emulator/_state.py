"""What the emulator remembers: spans (traces are their groups) with their metrics and feedback,
functions with their revisions, cached call answers, received requests, ``fail-times`` counters;
and, in ``v3`` (``_v3_state``), what only v3 has. Spans are shared by v2 and v3.

The server thread writes and a test's thread reads, so every access takes one lock and readers
get copies. Each keeps at most ``max_records`` entries and forgets the oldest first,
so a long load run holds a bounded amount of memory.
"""

from __future__ import annotations

import copy
import os
import threading
import uuid
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from ._faults import Faults, parse_faults
from ._v3_state import V3Store

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_MAX_RECORDS",
    "EmulatorState",
    "RecordedRequest",
    "now_iso",
    "resolve_api_key",
]

#: The key the emulator accepts when none is given and ``OPPER_API_KEY`` is unset.
DEFAULT_API_KEY = "opper-emulator-key"
#: How many requests, spans and ``fail-times`` counters the emulator keeps, each.
DEFAULT_MAX_RECORDS = 10_000


def resolve_api_key(explicit: str | None = None) -> str:
    """``explicit``, else ``OPPER_API_KEY`` from the environment, else ``DEFAULT_API_KEY``."""
    return explicit or os.environ.get("OPPER_API_KEY") or DEFAULT_API_KEY


def now_iso() -> str:
    """The current UTC time as ISO 8601 with an offset, as spans carry it."""
    return datetime.now(UTC).isoformat()


@dataclass(frozen=True)
class RecordedRequest:
    """One request the emulator received.

    ``headers`` has lower-case names and never the ``authorization`` header; ``json`` is the
    parsed body, or ``None`` when there was none or it was not JSON; ``request_id`` is the
    ``x-request-id`` header of the emulator's answer to it.

    >>> request = emulator.requests[-1]                     # doctest: +SKIP
    >>> request.headers.get("traceparent")                  # doctest: +SKIP
    '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
    >>> request.request_id == response.headers["x-request-id"]   # doctest: +SKIP
    True
    """

    method: str
    path: str
    headers: Mapping[str, str]
    json: Any = None
    operation_id: str | None = None
    request_id: str | None = None


@dataclass
class EmulatorState:
    """The shared, lock-protected memory of one emulator app."""

    api_key: str
    faults: Faults = field(default_factory=Faults)
    max_records: int = DEFAULT_MAX_RECORDS
    closing: bool = False
    #: Set by the server running the app: closes the connection of a request's ASGI scope.
    close_connection: Callable[[Mapping[str, Any]], bool] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # dicts keep insertion order, so their first key is the oldest entry.
    _spans: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    _requests: deque[RecordedRequest] = field(init=False, repr=False)
    _failures: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)
    _responses: dict[str, Any] = field(default_factory=dict, repr=False)
    _metrics: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict, repr=False)
    _feedback: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    _functions: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    # Function id by name, so a call's lookup does not scan; checked on use (it may be stale).
    _function_ids: dict[str, str] = field(default_factory=dict, repr=False)
    # Every version of each function, oldest first; the last is the current one.
    _revisions: dict[str, list[dict[str, Any]]] = field(default_factory=dict, repr=False)
    _cache: dict[str, tuple[float, Any]] = field(default_factory=dict, repr=False)
    v3: V3Store = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.max_records < 1:
            raise ValueError(f"max_records must be at least 1, not {self.max_records}")
        self._requests = deque(maxlen=self.max_records)
        self.v3 = V3Store(self.max_records)

    def __repr__(self) -> str:  # the API key must never show up in a log or a traceback
        return f"EmulatorState(spans={len(self._spans)}, requests={len(self._requests)})"

    # Requests
    def record(
        self,
        method: str,
        path: str,
        headers: Mapping[str, str],
        body: Any,
        operation_id: str | None,
        request_id: str | None = None,
    ) -> None:
        kept = {k: v for k, v in headers.items() if k != "authorization"}
        entry = RecordedRequest(
            method, path, MappingProxyType(kept), body, operation_id, request_id
        )
        with self._lock:
            self._requests.append(entry)

    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    # Faults
    def set_faults(self, faults: str | Faults | None) -> None:
        parsed = faults if isinstance(faults, Faults) else parse_faults(faults)
        with self._lock:
            self.faults = parsed

    def should_fail(self, key: tuple[str, str], times: int) -> bool:
        """Count one request under ``key``; true while fewer than ``times`` have failed."""
        with self._lock:
            seen = self._failures.get(key, 0)
            self._failures[key] = seen + 1
            _trim(self._failures, self.max_records)
            return seen < times

    # Spans
    def spans(self) -> dict[str, dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(self._spans)

    def has_span(self, span_id: str) -> bool:
        with self._lock:
            return span_id in self._spans

    def get_span(self, span_id: str) -> dict[str, Any] | None:
        with self._lock:
            span = self._spans.get(span_id)
            return copy.deepcopy(span) if span is not None else None

    def create_span(self, fields: Mapping[str, Any]) -> dict[str, Any] | None:
        """Store a span; ``None`` when its id is taken. Fills id, trace_id and start_time."""
        span: dict[str, Any] = {
            "id": None,
            "name": None,
            "trace_id": None,
            "parent_id": None,
            "type": None,
            "start_time": None,
            "end_time": None,
            "input": None,
            "output": None,
            "error": None,
            "meta": None,
            "score": None,
        }
        span.update(copy.deepcopy(dict(fields)))
        span["id"] = span["id"] or str(uuid.uuid4())
        span["start_time"] = span["start_time"] or now_iso()
        with self._lock:
            if span["id"] in self._spans:
                return None
            if not span["trace_id"]:
                parent = self._spans.get(span["parent_id"] or "")
                span["trace_id"] = (parent or {}).get("trace_id") or str(uuid.uuid4())
            self._spans[span["id"]] = span
            _trim(self._spans, self.max_records)
            return copy.deepcopy(span)

    def update_span(self, span_id: str, changes: Mapping[str, Any]) -> dict[str, Any] | None:
        with self._lock:
            span = self._spans.get(span_id)
            if span is None:
                return None
            span.update(copy.deepcopy(dict(changes)))
            return copy.deepcopy(span)

    def delete_span(self, span_id: str) -> bool:
        with self._lock:
            self._metrics.pop(span_id, None)
            self._feedback.pop(span_id, None)
            found = self._spans.pop(span_id, None) is not None
        self.v3.forget_spans([span_id])
        return found

    def delete_trace(self, trace_id: str) -> bool:
        """Delete every span of a trace; false when it has none."""
        with self._lock:
            doomed = [i for i, span in self._spans.items() if span["trace_id"] == trace_id]
            for span_id in doomed:
                self._metrics.pop(span_id, None)
                self._feedback.pop(span_id, None)
                del self._spans[span_id]
        self.v3.forget_spans(doomed)
        return bool(doomed)

    # Traces: the spans that share a trace_id
    def traces(self) -> dict[str, list[dict[str, Any]]]:
        """Every trace's spans, by trace id."""
        with self._lock:
            grouped: dict[str, list[dict[str, Any]]] = {}
            for span in self._spans.values():
                grouped.setdefault(str(span["trace_id"]), []).append(span)
            return copy.deepcopy(grouped)

    def trace(self, trace_id: str) -> list[dict[str, Any]]:
        """The spans of one trace (none: no such trace)."""
        with self._lock:
            found = [span for span in self._spans.values() if span["trace_id"] == trace_id]
            return copy.deepcopy(found)

    # Metrics, by span
    def metrics(self, span_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(list(self._metrics.get(span_id, {}).values()))

    def metrics_of(self, span_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        with self._lock:
            found = {i: list(self._metrics[i].values()) for i in span_ids if i in self._metrics}
            return copy.deepcopy(found)

    def add_metric(self, span_id: str, fields: Mapping[str, Any]) -> dict[str, Any] | None:
        """Store a metric on a span with a fresh id; ``None`` when the span does not exist."""
        metric = {
            **copy.deepcopy(dict(fields)),
            "id": str(uuid.uuid4()),
            "span_id": span_id,
            "created_at": now_iso(),
        }
        with self._lock:
            if span_id not in self._spans:
                return None
            self._metrics.setdefault(span_id, {})[metric["id"]] = metric
            _trim(self._metrics, self.max_records)
            return copy.deepcopy(metric)

    def get_metric(self, span_id: str, metric_id: str) -> dict[str, Any] | None:
        with self._lock:
            metric = self._metrics.get(span_id, {}).get(metric_id)
            return copy.deepcopy(metric) if metric is not None else None

    def update_metric(
        self, span_id: str, metric_id: str, changes: Mapping[str, Any]
    ) -> dict[str, Any] | None:
        with self._lock:
            metric = self._metrics.get(span_id, {}).get(metric_id)
            if metric is None:
                return None
            metric.update(copy.deepcopy(dict(changes)))
            return copy.deepcopy(metric)

    def delete_metric(self, span_id: str, metric_id: str) -> bool:
        with self._lock:
            return self._metrics.get(span_id, {}).pop(metric_id, None) is not None

    # Canned answers, by task name
    def respond(self, name: str, output: Any) -> None:
        """Answer every later call of task ``name`` with ``output`` (as sent, not validated)."""
        with self._lock:
            self._responses[name] = copy.deepcopy(output)

    def canned(self, name: str) -> tuple[bool, Any]:
        """``(True, output)`` if ``respond()`` set one for ``name``, else ``(False, None)``."""
        with self._lock:
            if name not in self._responses:
                return False, None
            return True, copy.deepcopy(self._responses[name])

    # Feedback, by span
    def set_feedback(self, span_id: str, feedback: Mapping[str, Any]) -> bool:
        """Keep ``feedback`` for a span (replacing any earlier); false when the span is unknown."""
        with self._lock:
            if span_id not in self._spans:
                return False
            self._feedback[span_id] = copy.deepcopy(dict(feedback))
            _trim(self._feedback, self.max_records)
            return True

    def feedback(self, span_id: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._feedback.get(span_id)
            return copy.deepcopy(found) if found is not None else None

    # Functions and their revisions. A record is a ``Function`` answer plus ``created_at``.
    def functions(self) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(list(self._functions.values()))

    def function(self, function_id: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._functions.get(function_id)
            return copy.deepcopy(found) if found is not None else None

    def function_named(self, name: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._functions.get(self._function_ids.get(name, ""))
            if found is None or found["name"] != name:
                found = next((f for f in self._functions.values() if f["name"] == name), None)
            return copy.deepcopy(found) if found is not None else None

    def save_function(self, record: Mapping[str, Any], *, create: bool) -> str:
        """Store a new function, or a new version of one (a new revision either way).

        Returns ``"ok"``, ``"conflict"`` (another function has the name) or ``"missing"``
        (``create=False`` and no function has the record's id).
        """
        saved = copy.deepcopy(dict(record))
        with self._lock:
            function_id = saved["id"]
            if not create and function_id not in self._functions:
                return "missing"
            taken = any(
                other["name"] == saved["name"] and other_id != function_id
                for other_id, other in self._functions.items()
            )
            if taken or (create and function_id in self._functions):
                return "conflict"
            self._functions[function_id] = saved
            self._function_ids[saved["name"]] = function_id
            _trim(self._function_ids, self.max_records)
            self._revisions.setdefault(function_id, []).append(copy.deepcopy(saved))
            _trim(self._functions, self.max_records)
            _trim(self._revisions, self.max_records)
            return "ok"

    def delete_function(self, function_id: str) -> bool:
        with self._lock:
            self._revisions.pop(function_id, None)
            return self._functions.pop(function_id, None) is not None

    def revisions(self, function_id: str) -> list[dict[str, Any]] | None:
        """Every version of a function, oldest first; ``None`` when there is no such function."""
        with self._lock:
            if function_id not in self._functions:
                return None
            return copy.deepcopy(self._revisions.get(function_id, []))

    # Cached call answers
    def cached(self, key: str, now: float) -> Any:
        """The answer kept under ``key`` if it has not expired at ``now``, else ``None``."""
        with self._lock:
            entry = self._cache.get(key)
            if entry is None or entry[0] <= now:
                self._cache.pop(key, None)
                return None
            return copy.deepcopy(entry[1])

    def cache(self, key: str, answer: Any, expires: float) -> None:
        with self._lock:
            self._cache.pop(key, None)
            self._cache[key] = (expires, copy.deepcopy(answer))
            _trim(self._cache, self.max_records)

    def reset(self) -> None:
        """Forget everything (spans, functions, the cache, requests, canned answers, ``fail-times``
        counts) and clear the default faults."""
        with self._lock:
            self._responses.clear()
            self._spans.clear()
            self._metrics.clear()
            self._feedback.clear()
            self._functions.clear()
            self._function_ids.clear()
            self._revisions.clear()
            self._cache.clear()
            self._requests.clear()
            self._failures.clear()
            self.faults = Faults()
        self.v3.reset()


def _trim(entries: dict[Any, Any], size: int) -> None:
    while len(entries) > size:
        del entries[next(iter(entries))]
