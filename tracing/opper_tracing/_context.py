"""What ``trace()`` opens for the calls made inside it: the Opper span they nest under, and the
session and user they belong to.

``ContextVar``s hold both, so each thread and asyncio task sees its own: a task started inside
``async with opper.trace(...)`` inherits the trace, sibling tasks never see each other's, and
``trace()`` restores the outer values with its tokens on exit::

    with opper.trace("checkout"):            # current_opper_span_id() == checkout's id
        with opper.trace("payment"):         # == payment's id
            opper.call(...)                  # sent with parent_span_id = payment's id
        opper.call(...)                      # parent_span_id = checkout's id
"""

from __future__ import annotations

from contextvars import ContextVar, Token
from typing import NamedTuple, TypeVar

__all__ = [
    "Conversation",
    "OpperSpanRef",
    "current_conversation",
    "current_opper_span",
    "current_opper_span_id",
    "current_opper_trace_id",
    "reset",
    "set_conversation",
    "set_opper_span",
]

_T = TypeVar("_T")


class OpperSpanRef(NamedTuple):
    """An open Opper span: its id and the id of the trace it belongs to."""

    span_id: str
    trace_id: str | None


class Conversation(NamedTuple):
    """The session and user that ``trace(session_id=..., user_id=...)`` opened."""

    session_id: str | None
    user_id: str | None


_span: ContextVar[OpperSpanRef | None] = ContextVar("opper_tracing_span", default=None)
_conversation: ContextVar[Conversation | None] = ContextVar(
    "opper_tracing_conversation", default=None
)


def current_opper_span() -> OpperSpanRef | None:
    """The innermost open ``trace()`` span in this context, if any."""
    return _span.get()


def current_opper_span_id() -> str | None:
    """The id of the innermost open ``trace()`` span in this context, if any."""
    ref = _span.get()
    return None if ref is None else ref.span_id


def current_opper_trace_id() -> str | None:
    """The Opper trace id of the innermost open ``trace()`` span in this context, if any."""
    ref = _span.get()
    return None if ref is None else ref.trace_id


def current_conversation() -> Conversation | None:
    """The session and user of the innermost ``trace()`` that named one, if any."""
    return _conversation.get()


def set_opper_span(ref: OpperSpanRef | None) -> Token[OpperSpanRef | None]:
    """Make ``ref`` the current Opper span; ``reset`` the token to undo."""
    return _span.set(ref)


def set_conversation(
    session_id: str | None, user_id: str | None
) -> Token[Conversation | None] | None:
    """Open a session/user for what runs next here (what is not given is inherited from the
    enclosing trace); ``None`` when neither is given, else a token to ``reset``."""
    if session_id is None and user_id is None:
        return None
    outer = _conversation.get()
    if outer is not None:
        session_id = session_id if session_id is not None else outer.session_id
        user_id = user_id if user_id is not None else outer.user_id
    return _conversation.set(Conversation(session_id, user_id))


def reset(token: Token[_T] | None) -> None:
    """Undo a ``set_*``; safe with ``None``, and from another context (a generator finished
    elsewhere), where the value the token replaced is set instead: still the right one for what
    runs next here."""
    if token is None:
        return
    variable = token.var
    try:
        variable.reset(token)
    except ValueError:
        old = token.old_value
        variable.set(None if old is Token.MISSING else old)  # type: ignore[arg-type]
