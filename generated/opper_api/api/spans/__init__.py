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


CreateSpanRequestParams.__doc__ = """The properties of ``CreateSpanRequest``, from the spec:

- ``name``: What the span covers, as shown in the UI.
- ``id``: Span id chosen by the client; the server assigns one when omitted.
- ``trace_id``: The trace to join; a parent's spans share its trace id.
- ``parent_id``: The parent span.
- ``type``: A free-form kind, e.g. `tool`.
- ``start_time``: Start time (UTC).
- ``end_time``: End time (UTC).
- ``input``: The span's input, any JSON value.
- ``output``: The span's output, any JSON value.
- ``error``: The error message, when the work failed.
- ``meta``: Free-form metadata.
- ``score``: A score for the span.
"""


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


UpdateSpanRequestParams.__doc__ = """The properties of ``UpdateSpanRequest``, from the spec:

- ``name``: (no description)
- ``type``: (no description)
- ``start_time``: (no description)
- ``end_time``: (no description)
- ``input``: (no description)
- ``output``: (no description)
- ``error``: (no description)
- ``meta``: (no description)
- ``score``: (no description)
"""

__all__ = [
    "OPERATIONS",
    "CreateSpanRequestParams",
    "UpdateSpanRequestParams",
]
