"""Rebuilding a structured result from ``(json_path, delta)`` pieces.

In structured mode the server streams *values*, not JSON text: each delta is a piece of the
value at a path such as ``response.people[0].name``, whose leading ``response`` segment is the
root of the result. String values may come in several pieces (appended); numbers and booleans
come whole (set).
"""

from __future__ import annotations

import copy
import re
from typing import Any

__all__ = ["OutputAssembler", "parse_json_path"]

_ROOT = "response"
_SEGMENT = re.compile(r"\[(\d+)\]|\[\"((?:[^\"\\]|\\.)*)\"\]|\.?([^.\[\]]+)")

Segment = str | int


def parse_json_path(path: str) -> tuple[Segment, ...]:
    """Split ``response.people[0].name`` into ``("people", 0, "name")`` (the root dropped).

    Raises ``ValueError`` for a path that does not parse.
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
    if segments and segments[0] == _ROOT:
        del segments[0]
    return tuple(segments)


class OutputAssembler:
    """Accumulates structured deltas into one JSON-like value (I/O-free).

    >>> assembler = OutputAssembler()
    >>> assembler.add("response.people[0].name", "Jo")
    >>> assembler.add("response.people[0].name", "hn")
    >>> assembler.add("response.people[0].age", 41)
    >>> assembler.value
    {'people': [{'name': 'John', 'age': 41}]}
    """

    __slots__ = ("_paths", "value")

    def __init__(self) -> None:
        self.value: Any = None
        self._paths: dict[str, tuple[Segment, ...]] = {}

    def snapshot(self) -> Any:
        """A copy of the value so far, safe to keep while more deltas arrive."""
        return copy.deepcopy(self.value)

    def add(self, path: str, delta: Any) -> None:
        """Apply one delta; strings append to a string already at ``path``, others replace it."""
        segments = self._paths.get(path)
        if segments is None:
            segments = self._paths[path] = parse_json_path(path)
        if not segments:
            self.value = _merge(self.value, delta)
            return
        if self.value is None:
            self.value = [] if isinstance(segments[0], int) else {}
        container: Any = self.value
        last = len(segments) - 1
        for depth, segment in enumerate(segments):
            following = None if depth == last else segments[depth + 1]
            if isinstance(segment, int):
                if not isinstance(container, list):
                    raise ValueError(f"json_path {path!r}: index [{segment}] on a non-array")
                if len(container) <= segment:
                    container.extend([None] * (segment + 1 - len(container)))
            elif not isinstance(container, dict):
                raise ValueError(f"json_path {path!r}: key {segment!r} on a non-object")
            if following is None:
                current = container[segment] if isinstance(segment, int) else container.get(segment)
                container[segment] = _merge(current, delta)
                return
            child = container[segment] if isinstance(segment, int) else container.get(segment)
            if child is None:
                child = [] if isinstance(following, int) else {}
                container[segment] = child
            container = child


def _merge(current: Any, delta: Any) -> Any:
    if isinstance(delta, str) and isinstance(current, str):
        return current + delta
    return delta
