"""Contains endpoint functions for accessing the API.

``OPERATIONS`` maps each operation id to its HTTP method and route template; each ``*Params``
TypedDict holds the JSON form of a request body's properties (all optional here: callers pass
the required ones explicitly or are told what is missing at run time).
"""

from typing import Any, TypedDict

OPERATIONS: dict[str, tuple[str, str]] = {
    "create_span": ("POST", "/v3/spans"),
    "get_span": ("GET", "/v3/spans/{id}"),
    "delete_span": ("DELETE", "/v3/spans/{id}"),
    "update_span": ("PATCH", "/v3/spans/{id}"),
    "list_span_events": ("GET", "/v3/spans/{id}/events"),
    "create_span_event": ("POST", "/v3/spans/{id}/events"),
}
"""Operation id: (method, route template relative to the server URL)."""


# ``CreateSpanRequest`` as keyword arguments, in JSON form.
class CreateSpanRequestParams(TypedDict, total=False):
    name: str
    end_time: str | None
    error: str | None
    input: str | None
    meta: dict[str, Any] | None
    metadata: dict[str, Any] | None
    output: str | None
    parent_id: str | None
    start_time: str | None
    tags: dict[str, Any] | None
    trace_id: str | None
    type: str | None


CreateSpanRequestParams.__doc__ = """The properties of ``CreateSpanRequest``, from the spec:

- ``name``: (no description)
- ``end_time``: (no description)
- ``error``: (no description)
- ``input``: (no description)
- ``meta``: (no description)
- ``metadata``: (no description)
- ``output``: (no description)
- ``parent_id``: (no description)
- ``start_time``: (no description)
- ``tags``: (no description)
- ``trace_id``: (no description)
- ``type``: (no description)
"""


# ``UpdateSpanRequest`` as keyword arguments, in JSON form.
class UpdateSpanRequestParams(TypedDict, total=False):
    end_time: str | None
    error: str | None
    meta: dict[str, Any] | None
    metadata: dict[str, Any] | None
    output: str | None
    tags: dict[str, Any] | None


UpdateSpanRequestParams.__doc__ = """The properties of ``UpdateSpanRequest``, from the spec:

- ``end_time``: (no description)
- ``error``: (no description)
- ``meta``: (no description)
- ``metadata``: (no description)
- ``output``: (no description)
- ``tags``: (no description)
"""

__all__ = [
    "OPERATIONS",
    "CreateSpanRequestParams",
    "UpdateSpanRequestParams",
]
