"""What ``trace()`` opens for the calls made inside it: the Opper span they nest under, and the
session and user they belong to. ``ContextVar``s hold both, so each thread and asyncio task sees
its own: a task started inside ``async with opper.trace(...)`` inherits the trace, sibling tasks
never see each other's, and ``trace()`` restores the outer values with its tokens on exit::

    with opper.trace("checkout"):            # current_opper_span_id() == checkout's id
        with opper.trace("payment"):         # == payment's id
            opper.call(...)                  # sent with parent_span_id = payment's id
        opper.call(...)                      # parent_span_id = checkout's id
"""

from __future__ import annotations

from contextvars import ContextVar, Token
from typing import Any, NamedTuple

__all__ = [
    "Conversation", "OpperSpanRef", "current_conversation", "current_opper_span",
    "current_opper_span_id", "current_opper_trace_id", "reset", "set_conversation",
    "set_opper_span",
]  # fmt: skip


class OpperSpanRef(NamedTuple):
    """An open Opper span: its id and the id of the trace it belongs to."""

    span_id: str
    trace_id: str | None


class Conversation(NamedTuple):
    """The session and user that ``trace(session_id=..., user_id=...)`` opened."""

    session_id: str | None
    user_id: str | None


_span = ContextVar[OpperSpanRef | None]("opper_tracing_span", default=None)
_conversation = ContextVar[Conversation | None]("opper_tracing_conversation", default=None)


def current_opper_span() -> OpperSpanRef | None:
    """The innermost open ``trace()`` span in this context, if any."""
    return _span.get()


def current_opper_span_id() -> str | None:
    """The id of the innermost open ``trace()`` span in this context, if any."""
    return ref.span_id if (ref := _span.get()) else None


def current_opper_trace_id() -> str | None:
    """The Opper trace id of the innermost open ``trace()`` span in this context, if any."""
    return ref.trace_id if (ref := _span.get()) else None


def current_conversation() -> Conversation | None:
    """The session and user of the innermost ``trace()`` that named one, if any."""
    return _conversation.get()


def set_opper_span(ref: OpperSpanRef | None) -> Token[OpperSpanRef | None]:
    """Make ``ref`` the current Opper span; ``reset`` the token to undo."""
    return _span.set(ref)


def set_conversation(session: str | None, user: str | None) -> Token[Conversation | None] | None:
    """Open a session/user for what runs next here (what is not given is inherited from the
    enclosing trace); ``None`` when neither is given, else a token to ``reset``."""
    if session is None and user is None:
        return None
    outer = _conversation.get() or Conversation(None, None)
    session = outer.session_id if session is None else session
    return _conversation.set(Conversation(session, outer.user_id if user is None else user))


def reset(*tokens: Token[Any] | None) -> None:
    """Undo ``set_*``s, in order; safe with ``None``, and from another context (a generator
    finished elsewhere), where the replaced value is set instead: right for what runs next here."""
    for token in filter(None, tokens):
        try:
            token.var.reset(token)
        except ValueError:
            old = token.old_value
            token.var.set(None if old is Token.MISSING else old)
