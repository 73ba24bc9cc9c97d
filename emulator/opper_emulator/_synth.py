"""Deterministic task output: what the emulator answers instead of a model.

Rules, in order:

1. When the call's ``input`` equals an example's ``input`` (compared as canonical JSON, so ``1``
   and ``1.0`` differ), the answer is that example's ``output``.
2. With an ``output_schema`` the answer is built by walking the schema (``synthesize``; the
   walk's rules are in ``_walk``): ``people[1].name`` is ``"sample name 2"``, integers ``42``,
   and when ``input`` is an object of numbers only, a lone numeric property is their sum.

3. Without an ``output_schema`` the answer is the text ``"Emulated reply to <name>: <input>"``
   (the input as canonical JSON, cut at 200 characters).

Streams send the same answer: text in pieces of 4 characters, or JSON values as
``(json_path, delta)`` pairs (``json_deltas``). Strings come in pieces of 4 characters, other
scalars whole. Empty objects and arrays have no leaf, so they cannot travel in a stream.

>>> synthesize({"type": "object", "properties": {"sum": {"type": "integer"}}}, {"x": 2, "y": 3})
{'sum': 5}
>>> json_deltas({"people": [{"name": "Ann"}]})
[('people[0].name', 'Ann')]
>>> json_deltas({"people": [{"name": "Ann"}]}, path="response")
[('response.people[0].name', 'Ann')]
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ._walk import SpecSynthesizer, SynthesisError, synthesize

__all__ = [
    "PIECE",
    "SpecSynthesizer",
    "SynthesisError",
    "canonical_json",
    "example_output",
    "json_deltas",
    "pieces",
    "synthesize",
    "text_reply",
    "usage_and_cost",
]

#: Characters per streamed piece of text or of a JSON string value.
PIECE = 4

_TEXT_LIMIT = 200
_PLAIN_KEY = re.compile(r"[^.\[\]]+\Z")


def canonical_json(value: Any) -> str:
    """``value`` as compact JSON with sorted keys: equal JSON values give equal strings."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def example_output(examples: Sequence[Any] | None, input_value: Any) -> tuple[bool, Any]:
    """``(True, output)`` of the first example whose input equals ``input_value``."""
    wanted = canonical_json(input_value)
    for example in examples or ():
        if isinstance(example, Mapping) and canonical_json(example.get("input")) == wanted:
            return True, example.get("output")
    return False, None


def text_reply(name: str, input_value: Any) -> str:
    """The text answer to a call without an output schema.

    >>> text_reply("greet", {"who": "Ann"})
    'Emulated reply to greet: {"who":"Ann"}'
    """
    rendered = input_value if isinstance(input_value, str) else canonical_json(input_value)
    if len(rendered) > _TEXT_LIMIT:
        rendered = rendered[:_TEXT_LIMIT] + "..."
    return f"Emulated reply to {name}: {rendered}"


def pieces(text: str, size: int = PIECE) -> list[str]:
    """``text`` cut into pieces of ``size`` characters (one empty piece for ``""``)."""
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def _key_path(path: str, key: str) -> str:
    if _PLAIN_KEY.match(key):
        return f"{path}.{key}" if path else key
    escaped = key.replace("\\", "\\\\").replace('"', '\\"')
    return f'{path}["{escaped}"]'


def json_deltas(value: Any, path: str = "") -> list[tuple[str, Any]]:
    """The ``(json_path, delta)`` pairs that rebuild ``value``, depth first in key order.

    Paths start at the output's root (``people[0].name``; a scalar root is the empty path), or
    under ``path`` when one is given (``response.people[0].name``). Keys containing ``.``, ``[``
    or ``]`` (or empty) are written ``["key"]``.
    """
    out: list[tuple[str, Any]] = []
    stack: list[tuple[str, Any]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, Mapping):
            stack.extend(reversed([(_key_path(where, str(k)), v) for k, v in item.items()]))
        elif isinstance(item, list):
            stack.extend(reversed([(f"{where}[{i}]", v) for i, v in enumerate(item)]))
        elif isinstance(item, str):
            out.extend((where, piece) for piece in pieces(item))
        else:
            out.append((where, item))
    return out


def usage_and_cost(prompt: str, answer: str) -> tuple[dict[str, int], dict[str, float]]:
    """Plausible token counts (about 4 characters a token) and their price in USD."""
    input_tokens = max(1, math.ceil(len(prompt) / 4))
    output_tokens = max(1, math.ceil(len(answer) / 4))
    generation = round(input_tokens * 2.5e-6 + output_tokens * 1e-5, 10)
    platform = round(generation * 0.1, 10)
    usage = {
        "input_tokens": input_tokens,
        "output_tokens": output_tokens,
        "total_tokens": input_tokens + output_tokens,
    }
    total = round(generation + platform, 10)
    return usage, {"generation": generation, "platform": platform, "total": total}
