"""A v2 stream's usage and cost from its trace (``stream_usage=True``), without I/O.

v2 streams carry no token counts and no cost. With ``Opper(stream_usage=True)`` a drained stream
asks for them the way Opper's agent SDK does (``_async/_client``): ``GET /spans/{span_id}`` gives
its trace id (retried briefly: a span may answer 404 for a moment right after its stream),
``GET /traces/{trace_id}`` the trace, and the trace's span for the call holds
``data.total_tokens``: the official SDK's schema promises only that. The span's free-form
``meta`` may also hold ``usage`` and ``cost`` objects shaped like ``/call``'s: that is the
emulator's own convention (no Opper source says the server does it), used when present for the
input/output split and the cost. A span without a count of its own gets the sum of its
descendants' counts. Nothing here can fail a stream: a failure only leaves the usage ``None``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, Final

__all__ = ["USAGE_TIMEOUT", "usage_from_trace"]

USAGE_TIMEOUT: Final = 2.0
"""Seconds each of the requests may take."""


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _numbers(value: Any) -> dict[str, Any] | None:
    """``value`` when it is a mapping holding at least one number, else ``None``."""
    if not isinstance(value, Mapping):
        return None
    if not any(isinstance(v, int | float) and not isinstance(v, bool) for v in value.values()):
        return None
    return dict(value)


def _canonical(span_id: Any) -> str | None:
    try:
        return str(uuid.UUID(str(span_id)))
    except ValueError:
        return None


def _own_tokens(span: Mapping[str, Any]) -> int | None:
    data = span.get("data")
    return _count(data.get("total_tokens")) if isinstance(data, Mapping) else None


def _descendant_tokens(spans: Sequence[Mapping[str, Any]], root: str) -> int | None:
    children: dict[str, list[Mapping[str, Any]]] = {}
    for span in spans:
        parent = _canonical(span.get("parent_id"))
        if parent is not None:
            children.setdefault(parent, []).append(span)
    total, found, todo, seen = 0, False, [root], {root}
    while todo:
        for child in children.get(todo.pop(), ()):
            child_id = _canonical(child.get("id"))
            if child_id is None or child_id in seen:
                continue
            seen.add(child_id)
            tokens = _own_tokens(child)
            if tokens is not None:
                total, found = total + tokens, True
            else:
                todo.append(child_id)
    return total if found else None


def usage_from_trace(
    trace: Mapping[str, Any], span_id: str
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The usage and cost of the call ``span_id`` in a ``GET /traces/{trace_id}`` document.

    >>> call = "4f6c2a52-8d0e-4c0b-9a51-0d7f43f0b111"
    >>> usage_from_trace({"spans": [{"id": call, "data": {"total_tokens": 42}}]}, call)
    ({'total_tokens': 42}, None)
    """
    spans = [s for s in trace.get("spans") or () if isinstance(s, Mapping)]
    wanted = str(uuid.UUID(span_id))
    span = next((s for s in spans if _canonical(s.get("id")) == wanted), None)
    if span is None:
        return None, None
    meta = span.get("meta")
    meta = meta if isinstance(meta, Mapping) else {}
    usage = _numbers(meta.get("usage"))
    cost = _numbers(meta.get("cost"))
    total = _own_tokens(span)
    if total is None:
        total = _descendant_tokens(spans, wanted)
    if total is not None:
        usage = {**(usage or {}), "total_tokens": total}
    return usage, cost
