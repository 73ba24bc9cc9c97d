"""What calls return: ``CallResult`` for ``call()`` and ``StreamChunk`` for each streamed event."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final, NamedTuple

__all__ = ["CHUNK_ERROR", "CHUNK_JSON", "CHUNK_TEXT", "CallResult", "StreamChunk"]

CHUNK_TEXT: Final = "text"
"""``chunk_type`` of a text delta (calls without ``output_schema``)."""
CHUNK_JSON: Final = "json"
"""``chunk_type`` of a structured delta: a piece of the value at ``json_path``."""
CHUNK_ERROR: Final = "error"
"""``chunk_type`` of a failure reported after the stream started."""


@dataclass(frozen=True, slots=True)
class CallResult:
    """The result of ``Opper.call()``.

    ``message`` holds the text result of a call without ``output_schema``; ``json_payload`` the
    structured result of a call with one. ``span_id`` is Opper's span for the call.
    """

    span_id: str
    message: str | None = None
    json_payload: Any = None
    cached: bool | None = None
    usage: Mapping[str, Any] | None = None
    cost: Mapping[str, Any] | None = None
    images: list[str] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Response fields this client does not know yet, kept as sent."""


class StreamChunk(NamedTuple):
    """One event of a streamed call. Fields the server did not send are ``None``.

    The first chunk carries only ``span_id``. Text calls then send ``chunk_type == "text"``
    deltas; structured calls send ``chunk_type == "json"`` deltas, each a piece of the value at
    ``json_path``. Unknown chunk types are passed through untouched.

    A named tuple rather than a dataclass: a stream makes one per event, and a tuple is
    immutable and about three times cheaper to build than a frozen dataclass.
    """

    delta: str | int | float | bool | None = None
    json_path: str | None = None
    span_id: str | None = None
    chunk_type: str | None = None
    error_type: str | None = None
    error_message: str | None = None
    extra: Mapping[str, Any] = MappingProxyType({})
    """Chunk fields this client does not know yet, kept as sent."""
