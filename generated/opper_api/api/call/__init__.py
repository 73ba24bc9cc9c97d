"""Contains endpoint functions for accessing the API.

``OPERATIONS`` maps each operation id to its HTTP method and route template; each ``*Params``
TypedDict holds the JSON form of a request body's properties (all optional here: callers pass
the required ones explicitly or are told what is missing at run time).
"""

from typing import Any, TypedDict

OPERATIONS: dict[str, tuple[str, str]] = {
    "call": ("POST", "/call"),
    "call_stream": ("POST", "/call/stream"),
}
"""Operation id: (method, route template relative to the server URL)."""


# ``CallRequest`` as keyword arguments, in JSON form, less the
# properties the client types itself (input_schema, output_schema).
class CallRequestParams(TypedDict, total=False):
    name: str
    instructions: None | str
    input: Any | None
    model: dict[str, Any] | list[dict[str, Any] | str] | None | str
    examples: list[dict[str, Any]] | None
    parent_span_id: None | str
    tags: dict[str, Any] | None
    configuration: dict[str, Any] | None


__all__ = [
    "OPERATIONS",
    "CallRequestParams",
]
