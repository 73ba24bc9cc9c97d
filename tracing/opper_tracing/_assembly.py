"""Rebuilding a structured result from a stream's ``(json_path, delta)`` pieces: each delta is a
piece of the value at a path from the output schema's root, such as ``people[0].name``; strings may
come in pieces (appended), other values come whole (set)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["OutputAssembler", "has_response_property", "parse_json_path"]

_SEGMENT = re.compile(r"\[(\d+)\]|\[\"((?:[^\"\\]|\\.)*)\"\]|\.?([^.\[\]]+)")


def has_response_property(output_schema: Any) -> bool:
    """Whether a path's leading ``response`` segment names a property of ``output_schema``."""
    properties = output_schema.get("properties") if isinstance(output_schema, Mapping) else None
    return isinstance(properties, Mapping) and "response" in properties


def parse_json_path(path: str, *, keep_response: bool = False) -> tuple[str | int, ...]:
    """Split ``people[0].name`` (or ``response.people[0].name``) into ``("people", 0, "name")``,
    dropping a leading ``response`` unless ``keep_response``. ``ValueError`` if it cannot."""
    segments: list[str | int] = []
    position = 0
    while position < len(path):
        match = _SEGMENT.match(path, position)  # a match is never empty
        if match is None:
            raise ValueError(f"cannot parse json_path {path!r} at offset {position}")
        index, quoted, key = match.groups()
        if quoted is not None:
            key = quoted.replace('\\"', '"').replace("\\\\", "\\")
        segments.append(key if index is None else int(index))
        position = match.end()
    if segments[:1] == ["response"] and not keep_response:
        del segments[0]
    return tuple(segments)


class _Text(list[str]):
    """A string value still being streamed, kept as pieces so appending stays O(1)."""

    __slots__ = ()


class OutputAssembler:
    """Accumulates structured deltas into one JSON-like value (I/O-free)::

        assembler = OutputAssembler()  # output_schema=... when it has a top-level "response"
        assembler.add("people[0].name", "Jo")
        assembler.add("response.people[0].name", "hn")  # the prefixed form: the same place
        assembler.add("people[0].age", 41)
        assembler.value  # {'people': [{'name': 'John', 'age': 41}]}

    Paths are resolved once and string pieces joined only on reading, so it costs linear time.
    """

    __slots__ = ("_keep_response", "_root", "_slots")

    def __init__(self, output_schema: Any = None) -> None:
        self._keep_response = has_response_property(output_schema)
        self._root: list[Any] = [None]  # the value, boxed so that it is a slot like any other
        self._slots: dict[str, tuple[Any, str | int]] = {}

    def snapshot(self) -> Any:
        """The value so far as plain JSON data: a fresh copy, safe to keep as more deltas arrive."""
        return _materialise(self._root[0])

    value = property(snapshot, doc="The value so far (a fresh copy on every read).")

    def add(self, path: str, delta: Any) -> None:
        """Apply one delta; strings append to a string already at ``path``, others replace it."""
        slot = self._slots.get(path)
        if slot is None:
            segments = parse_json_path(path, keep_response=self._keep_response)
            slot = self._slots[path] = self._resolve(path, segments)
        container, key = slot
        current = container[key] if isinstance(key, int) else container.get(key)
        if isinstance(current, _Text):
            if isinstance(delta, str):
                current.append(delta)
                return
        elif isinstance(current, (dict, list)):
            self._slots.clear()  # a container is replaced: paths resolved through it are stale
        if isinstance(delta, str):
            delta = _Text((current, delta) if isinstance(current, str) else (delta,))
        container[key] = delta

    def _resolve(self, path: str, segments: tuple[str | int, ...]) -> tuple[Any, str | int]:
        if segments and isinstance(self._root[0], _Text):
            self._root[0] = None  # a string at the root gives way to the container a path needs
        container: Any = self._root
        for segment, following in zip((0, *segments), (*segments, None), strict=True):
            if isinstance(segment, int):
                if not isinstance(container, list) or isinstance(container, _Text):
                    raise ValueError(f"json_path {path!r}: index [{segment}] on a non-array")
                container.extend([None] * (segment + 1 - len(container)))
            elif not isinstance(container, dict):
                raise ValueError(f"json_path {path!r}: key {segment!r} on a non-object")
            if following is None:
                break
            child = container[segment] if isinstance(segment, int) else container.get(segment)
            if child is None:
                child = container[segment] = [] if isinstance(following, int) else {}
            container = child
        return container, segment


def _materialise(value: Any) -> Any:
    if isinstance(value, _Text):
        return "".join(value)
    if isinstance(value, dict):
        return {key: _materialise(item) for key, item in value.items()}
    return [_materialise(item) for item in value] if isinstance(value, list) else value
