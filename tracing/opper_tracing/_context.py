"""The Opper span that calls made now should nest under (set by ``trace()``)."""

from __future__ import annotations

from contextvars import ContextVar

__all__ = ["current_opper_span_id"]

_current_span_id: ContextVar[str | None] = ContextVar("opper_tracing_span_id", default=None)


def current_opper_span_id() -> str | None:
    """The id of the innermost open ``trace()`` span in this context, if any."""
    return _current_span_id.get()
