"""Rebuilding a structured result from ``(json_path, delta)`` pieces.

In structured mode the server streams *values*, not JSON text: each delta is a piece of the
value at a path from the root of the output schema, such as ``people[0].name`` or ``summary``.
Some sources put the whole path under a ``response`` segment (``response.people[0].name``); that
segment is dropped, unless the output schema has a top-level ``response`` property, whose paths
then start with it. String values may come in several pieces (appended); numbers and booleans
come whole (set).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["OUTPUT_SCHEMA", "OutputAssembler", "has_response_property", "parse_json_path"]

#: The ``httpx.Request`` extension carrying a streamed call's JSON output schema, so the stream
#: reading the answer knows how its ``json_path``s are rooted.
OUTPUT_SCHEMA = "opper.output_schema"

_ROOT = "response"
_SEGMENT = re.compile(r"\[(\d+)\]|\[\"((?:[^\"\\]|\\.)*)\"\]|\.?([^.\[\]]+)")

Segment = str | int


def has_response_property(output_schema: Any) -> bool:
    """Whether ``output_schema`` has a top-level ``response`` property (then a path's leading
    ``response`` segment is that property, not a prefix).

    >>> has_response_property({"type": "object", "properties": {"response": {"type": "string"}}})
    True
    """
    properties = output_schema.get("properties") if isinstance(output_schema, Mapping) else None
    return isinstance(properties, Mapping) and _ROOT in properties


def parse_json_path(path: str, *, keep_response: bool = False) -> tuple[Segment, ...]:
    """Split ``people[0].name`` (or ``response.people[0].name``) into ``("people", 0, "name")``.

    A leading ``response`` segment is dropped unless ``keep_response``. Raises ``ValueError``
    for a path that does not parse.
    """
    segments: list[Segment] = []
    position = 0
    while position < len(path):
        match = _SEGMENT.match(path, position)
        if match is None or match.end() == position:
            raise ValueError(f"cannot parse json_path {path!r} at offset {position}")
        index, quoted, key = match.groups()
        if index is not None:
            segments.append(int(index))
        elif quoted is not None:
            segments.append(quoted.replace('\\"', '"').replace("\\\\", "\\"))
        else:
            segments.append(key)
        position = match.end()
    if segments and segments[0] == _ROOT and not keep_response:
        del segments[0]
    return tuple(segments)


class _Text(list[str]):
    """A string value still being streamed, kept as pieces so appending stays O(1)."""

    __slots__ = ()


class OutputAssembler:
    """Accumulates structured deltas into one JSON-like value (I/O-free).

    >>> assembler = OutputAssembler()
    >>> assembler.add("people[0].name", "Jo")
    >>> assembler.add("response.people[0].name", "hn")     # the prefixed form, same place
    >>> assembler.add("people[0].age", 41)
    >>> assembler.value
    {'people': [{'name': 'John', 'age': 41}]}

    Give it the output schema when it has a top-level ``response`` property::

        OutputAssembler(output_schema={"properties": {"response": {"type": "string"}}})

    Each path is resolved to its parent container once and remembered, and string pieces are
    joined only when the value is read, so a long field streamed in many pieces costs linear
    time.
    """

    __slots__ = ("_keep_response", "_root", "_slots")

    def __init__(self, output_schema: Any = None) -> None:
        self._keep_response = has_response_property(output_schema)
        self._root: Any = None
        self._slots: dict[str, tuple[Any, Segment]] = {}

    @property
    def value(self) -> Any:
        """The value so far, as plain JSON data (a fresh copy on every read)."""
        return _materialise(self._root)

    def snapshot(self) -> Any:
        """A copy of the value so far, safe to keep while more deltas arrive."""
        return _materialise(self._root)

    def add(self, path: str, delta: Any) -> None:
        """Apply one delta; strings append to a string already at ``path``, others replace it."""
        slot = self._slots.get(path)
        if slot is None:
            segments = parse_json_path(path, keep_response=self._keep_response)
            if not segments:
                self._slots.clear()
                self._root = _merge(self._root, delta)
                return
            slot = self._slots[path] = self._resolve(path, segments)
        container, key = slot
        current = container[key] if isinstance(key, int) else container.get(key)
        if isinstance(current, (dict, list)) and not isinstance(current, _Text):
            # A container is being replaced: paths resolved through it are stale now.
            self._slots.clear()
        container[key] = _merge(current, delta)

    def _resolve(self, path: str, segments: tuple[Segment, ...]) -> tuple[Any, Segment]:
        if self._root is None or isinstance(self._root, _Text):
            self._root = [] if isinstance(segments[0], int) else {}
        container: Any = self._root
        last = len(segments) - 1
        for depth, segment in enumerate(segments):
            if isinstance(segment, int):
                if not isinstance(container, list) or isinstance(container, _Text):
                    raise ValueError(f"json_path {path!r}: index [{segment}] on a non-array")
                if len(container) <= segment:
                    container.extend([None] * (segment + 1 - len(container)))
            elif not isinstance(container, dict):
                raise ValueError(f"json_path {path!r}: key {segment!r} on a non-object")
            if depth == last:
                return container, segment
            following = segments[depth + 1]
            child = container[segment] if isinstance(segment, int) else container.get(segment)
            if child is None:
                child = [] if isinstance(following, int) else {}
                container[segment] = child
            container = child
        raise AssertionError("unreachable: segments is not empty")  # pragma: no cover


def _merge(current: Any, delta: Any) -> Any:
    if isinstance(delta, str):
        if isinstance(current, _Text):
            current.append(delta)
            return current
        if isinstance(current, str):
            return _Text((current, delta))
        return _Text((delta,))
    return delta


def _materialise(value: Any) -> Any:
    if isinstance(value, _Text):
        return "".join(value)
    if isinstance(value, dict):
        return {key: _materialise(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_materialise(item) for item in value]
    return value
