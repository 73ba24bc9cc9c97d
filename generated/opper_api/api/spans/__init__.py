"""Contains endpoint functions for accessing the API.

``OPERATIONS`` maps each operation id to its HTTP method and route template; each ``*Params``
TypedDict holds the JSON form of a request body's properties (all optional here: callers pass
the required ones explicitly or are told what is missing at run time).
"""

from typing import Any, TypedDict

OPERATIONS: dict[str, tuple[str, str]] = {
    "create_span": ("POST", "/spans"),
    "get_span": ("GET", "/spans/{span_id}"),
    "delete_span": ("DELETE", "/spans/{span_id}"),
    "update_span": ("PATCH", "/spans/{span_id}"),
}
"""Operation id: (method, route template relative to the server URL)."""


# ``CreateSpanRequest`` as keyword arguments, in JSON form.
class CreateSpanRequestParams(TypedDict, total=False):
    name: str
    id: None | str
    trace_id: None | str
    parent_id: None | str
    type: None | str
    start_time: None | str
    end_time: None | str
    input: Any | None
    output: Any | None
    error: None | str
    meta: dict[str, Any] | None
    score: int | None


# ``UpdateSpanRequest`` as keyword arguments, in JSON form.
class UpdateSpanRequestParams(TypedDict, total=False):
    name: None | str
    type: None | str
    start_time: None | str
    end_time: None | str
    input: None | str
    output: None | str
    error: None | str
    meta: dict[str, Any] | None
    score: int | None


__all__ = [
    "OPERATIONS",
    "CreateSpanRequestParams",
    "UpdateSpanRequestParams",
]
