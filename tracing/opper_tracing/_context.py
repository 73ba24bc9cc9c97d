"""The Opper span that calls made now should nest under (set by ``trace()``).

A ``ContextVar`` holds it, so each thread and each asyncio task sees its own: a task started
inside ``async with client.trace(...)`` inherits the trace, and sibling tasks never see each
other's. ``trace()`` restores the previous value with its token on exit, so nested traces unwind
to their parent rather than to nothing::

    with client.trace("checkout"):           # current_opper_span_id() == checkout's id
        with client.trace("payment"):        # == payment's id
            client.call(...)                 # sent with parent_span_id = payment's id
        client.call(...)                     # parent_span_id = checkout's id
"""

from __future__ import annotations

from contextvars import ContextVar, Token
from typing import NamedTuple

__all__ = [
    "OpperSpanRef",
    "current_opper_span",
    "current_opper_span_id",
    "current_opper_trace_id",
    "reset_opper_span",
    "set_opper_span",
]


class OpperSpanRef(NamedTuple):
    """An open Opper span: its id and the id of the trace it belongs to."""

    span_id: str
    trace_id: str | None


_current: ContextVar[OpperSpanRef | None] = ContextVar("opper_tracing_span", default=None)


def current_opper_span() -> OpperSpanRef | None:
    """The innermost open ``trace()`` span in this context, if any."""
    return _current.get()


def current_opper_span_id() -> str | None:
    """The id of the innermost open ``trace()`` span in this context, if any."""
    ref = _current.get()
    return None if ref is None else ref.span_id


def current_opper_trace_id() -> str | None:
    """The Opper trace id of the innermost open ``trace()`` span in this context, if any."""
    ref = _current.get()
    return None if ref is None else ref.trace_id


def set_opper_span(ref: OpperSpanRef | None) -> Token[OpperSpanRef | None]:
    """Make ``ref`` the current Opper span; pass the token to ``reset_opper_span`` to undo."""
    return _current.set(ref)


def reset_opper_span(token: Token[OpperSpanRef | None]) -> None:
    """Restore the Opper span that was current before the ``set_opper_span`` that gave ``token``.

    When the token belongs to another context (a generator finished elsewhere), the value it
    replaced is set instead, which is still the right parent for what runs next here.
    """
    try:
        _current.reset(token)
    except ValueError:
        old = token.old_value
        _current.set(None if old is Token.MISSING else old)
