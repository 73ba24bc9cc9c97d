"""A v2 stream's usage and cost from its trace (``stream_usage=True``), without I/O (the requests
are ``_async/_client``'s). The API's schema promises only each span's ``data.total_tokens`` (a
span without one gets its descendants' sum); ``usage`` and ``cost`` objects shaped like
``/call``'s in the span's free-form ``meta`` are the emulator's own convention (no Opper source
says the server does it)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, Final

__all__ = ["USAGE_TIMEOUT", "usage_from_trace"]

_Span = Mapping[str, Any]
USAGE_TIMEOUT: Final = 2.0
"""Seconds each of the requests may take."""


def _numbers(value: Any) -> dict[str, Any] | None:
    """``value`` when it is a mapping holding at least one number, else ``None``."""
    numeric = isinstance(value, Mapping) and any(
        isinstance(v, int | float) and not isinstance(v, bool) for v in value.values()
    )
    return dict(value) if numeric else None


def _canonical(span_id: Any) -> str | None:
    try:
        return str(uuid.UUID(str(span_id)))
    except ValueError:
        return None


def _total_tokens(spans: Sequence[_Span], root: _Span, root_id: str) -> int | None:
    """``root``'s ``data.total_tokens``, else the sum of its nearest descendants' counts."""
    children: dict[str | None, list[_Span]] = {}
    for span in spans:
        children.setdefault(_canonical(span.get("parent_id")), []).append(span)
    total, found, todo, seen = 0, False, [(root, root_id)], {root_id}
    while todo:
        span, span_id = todo.pop()
        data = span.get("data")
        tokens = data.get("total_tokens") if isinstance(data, Mapping) else None
        if isinstance(tokens, int) and not isinstance(tokens, bool):
            total, found = total + tokens, True
            continue
        for child in children.get(span_id, ()):
            child_id = _canonical(child.get("id"))
            if child_id is not None and child_id not in seen:
                seen.add(child_id)
                todo.append((child, child_id))
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
    usage, total = _numbers(meta.get("usage")), _total_tokens(spans, span, wanted)
    if total is not None:
        usage = {**(usage or {}), "total_tokens": total}
    return usage, _numbers(meta.get("cost"))
