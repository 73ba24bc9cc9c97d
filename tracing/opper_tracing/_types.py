"""What calls return: ``CallResult`` for ``call()`` and ``StreamChunk`` for each streamed event."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final, Generic, NamedTuple, TypeAlias, cast

from typing_extensions import TypeVar

from opper_api.models import CallResponse
from opper_api.types import Unset

from ._params import to_python

__all__ = ["CHUNK_ERROR", "CHUNK_JSON", "CHUNK_TEXT", "JSON", "CallResult", "OutputT",
           "StreamChunk"]  # fmt: skip

JSON: TypeAlias = dict[str, "JSON"] | list["JSON"] | str | int | float | bool | None
"""A JSON value: a result's output without an ``output_schema`` type (text, or JSON data)."""
OutputT = TypeVar("OutputT", default=JSON)
"""The type ``output_schema=`` asks for; ``JSON`` for a dict schema or none."""

CHUNK_TEXT: Final = "text"
"""``chunk_type`` of a text delta (calls without ``output_schema``)."""
CHUNK_JSON: Final = "json"
"""``chunk_type`` of a structured delta: a piece of the value at ``json_path``."""
CHUNK_ERROR: Final = "error"
"""``chunk_type`` of a failure reported after the stream started."""


class CallResult(CallResponse, Generic[OutputT]):
    """The result of ``Opper.call()``: the generated ``CallResponse`` (every property of the
    spec's response, by attribute, as the generator types it; ``UNSET`` when not sent), plus
    ``output``, the task's result, typed, and ``extra`` (also ``result["key"]``)::

        result = opper.call("add", input={"x": 1, "y": 3}, output_schema=Sum)
        result.output.sum                       # mypy knows result.output is a Sum
        result.span_id, result.usage, result.cost, result.request_id
    """

    _output_type: Any = None
    request_id: str | None = None
    """The server's ``x-request-id`` for this answer (to quote to Opper's support)."""

    @property
    def output(self) -> OutputT:
        """The task's result: with ``output_schema=`` a pydantic model, dataclass or TypedDict,
        the ``json_payload`` validated into that type (``APIError`` if it does not validate);
        with a dict schema, the ``json_payload`` as sent; without a schema, the text ``message``."""
        if self.json_payload is not None and not isinstance(self.json_payload, Unset):
            if self._output_type is None:
                return cast(OutputT, self.json_payload)
            if "_parsed" not in self.__dict__:  # validated once
                self.__dict__["_parsed"] = to_python(self._output_type, self.json_payload)
            return cast(OutputT, self.__dict__["_parsed"])
        return cast(OutputT, None if isinstance(self.message, Unset) else self.message)

    @property
    def extra(self) -> dict[str, Any]:
        """Response fields this client does not know yet, kept as sent."""
        return self.additional_properties


class StreamChunk(NamedTuple):
    """One event of a streamed call; fields the server did not send are ``None``. The first
    chunk carries only ``span_id``; text calls then send ``chunk_type == "text"`` deltas, and
    structured calls ``chunk_type == "json"`` deltas, each a piece of the value at ``json_path``;
    unknown chunk types pass through untouched. (A named tuple, not a dataclass: a stream makes
    one per event, and a tuple is immutable and about three times cheaper to build than a frozen
    dataclass.)"""

    delta: str | int | float | bool | None = None
    json_path: str | None = None
    span_id: str | None = None
    chunk_type: str | None = None
    error_type: str | None = None
    error_message: str | None = None
    extra: Mapping[str, Any] = MappingProxyType({})
    """Chunk fields this client does not know yet, kept as sent."""
