"""What the emulator remembers for v3 only: functions by name with their revisions, examples by
function name, span events, and recorded generations. Spans and traces are shared with v2
(``_state``): a v3 call is a span like a v2 call, and a trace may hold both.

Like ``EmulatorState``, every access takes one lock, readers get copies, and each store keeps at
most ``max_records`` entries (the oldest forgotten first).

A function record is ``{"name", "hit_count", "current", "revisions": [...]}``, each revision a
``FunctionRevision`` answer (``revision_id`` 1, 2, ... per function); ``current`` is the
``revision_id`` in use (``revert`` moves it back).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["V3Store"]


def _trim(entries: dict[Any, Any], size: int) -> None:
    while len(entries) > size:
        del entries[next(iter(entries))]


@dataclass
class V3Store:
    """The v3-only memory of one emulator."""

    max_records: int
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _functions: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    _examples: dict[str, list[dict[str, Any]]] = field(default_factory=dict, repr=False)
    _events: dict[str, list[dict[str, Any]]] = field(default_factory=dict, repr=False)
    _generations: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    # Functions
    def function(self, name: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._functions.get(name)
            return copy.deepcopy(found) if found is not None else None

    def functions(self) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(list(self._functions.values()))

    def change_function(
        self, name: str, change: Callable[[dict[str, Any] | None], dict[str, Any] | None]
    ) -> dict[str, Any] | None:
        """Replace function ``name`` by ``change(a copy of it, or None)`` under the lock, so a
        read and its write are one step; ``None`` from ``change`` leaves it as it was."""
        with self._lock:
            current = self._functions.get(name)
            changed = change(copy.deepcopy(current) if current is not None else None)
            if changed is None:
                return copy.deepcopy(current) if current is not None else None
            self._functions[name] = copy.deepcopy(changed)
            _trim(self._functions, self.max_records)
            return copy.deepcopy(changed)

    def delete_function(self, name: str) -> bool:
        with self._lock:
            return self._functions.pop(name, None) is not None

    # Examples, by function name
    def add_examples(self, name: str, examples: list[dict[str, Any]]) -> None:
        with self._lock:
            self._examples.setdefault(name, []).extend(copy.deepcopy(examples))
            _trim(self._examples, self.max_records)

    def examples(self, name: str) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(self._examples.get(name, []))

    def delete_example(self, name: str, example_id: str) -> bool:
        with self._lock:
            kept = [e for e in self._examples.get(name, []) if e["uuid"] != example_id]
            if len(kept) == len(self._examples.get(name, [])):
                return False
            self._examples[name] = kept
            return True

    # Span events, by span id
    def add_event(self, event: Mapping[str, Any]) -> None:
        with self._lock:
            self._events.setdefault(str(event["span_id"]), []).append(copy.deepcopy(dict(event)))
            _trim(self._events, self.max_records)

    def events(self, span_ids: list[str]) -> list[dict[str, Any]]:
        """The events of these spans, in the order they were recorded per span."""
        with self._lock:
            return copy.deepcopy([e for i in span_ids for e in self._events.get(i, [])])

    def forget_spans(self, span_ids: list[str]) -> None:
        with self._lock:
            for span_id in span_ids:
                self._events.pop(span_id, None)

    # Generations, by id
    def add_generation(self, generation: Mapping[str, Any]) -> None:
        with self._lock:
            self._generations[str(generation["id"])] = copy.deepcopy(dict(generation))
            _trim(self._generations, self.max_records)

    def generations(self) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(list(self._generations.values()))

    def generation(self, generation_id: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._generations.get(generation_id)
            return copy.deepcopy(found) if found is not None else None

    def delete_generation(self, generation_id: str) -> bool:
        with self._lock:
            return self._generations.pop(generation_id, None) is not None

    def reset(self) -> None:
        with self._lock:
            self._functions.clear()
            self._examples.clear()
            self._events.clear()
            self._generations.clear()
