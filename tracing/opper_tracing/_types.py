"""What calls return: ``CallResult`` for ``call()`` and ``StreamChunk`` for each streamed event."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final, NamedTuple

from opper_api.models import CallResponse
from opper_api.types import Unset

__all__ = ["CHUNK_ERROR", "CHUNK_JSON", "CHUNK_TEXT", "CallResult", "StreamChunk"]

CHUNK_TEXT: Final = "text"
"""``chunk_type`` of a text delta (calls without ``output_schema``)."""
CHUNK_JSON: Final = "json"
"""``chunk_type`` of a structured delta: a piece of the value at ``json_path``."""
CHUNK_ERROR: Final = "error"
"""``chunk_type`` of a failure reported after the stream started."""


class CallResult(CallResponse):
    """The result of ``Opper.call()``: the generated ``CallResponse`` (every property of the
    spec's response, by attribute, as the generator types it; ``UNSET`` when not sent), plus:

    - ``output``: ``json_payload`` for a call with ``output_schema``, else ``message``;
    - ``extra`` (also ``result["key"]``): fields the server sent that the spec does not know.

    ::

        result = opper.call("add_numbers", input={"x": 1, "y": 3})
        result.span_id, result.usage, result.cost, result.output
    """

    @property
    def output(self) -> Any:
        """The task's result: the structured ``json_payload``, else the text ``message``."""
        if not isinstance(self.json_payload, Unset):
            return self.json_payload
        return None if isinstance(self.message, Unset) else self.message

    @property
    def extra(self) -> dict[str, Any]:
        """Response fields this client does not know yet, kept as sent."""
        return self.additional_properties


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
