"""Contains endpoint functions for accessing the API.

``OPERATIONS`` maps each operation id to its HTTP method and route template; each ``*Params``
TypedDict holds the JSON form of a request body's properties (all optional here: callers pass
the required ones explicitly or are told what is missing at run time).
"""

from typing import Any, TypedDict

OPERATIONS: dict[str, tuple[str, str]] = {
    "list_traces": ("GET", "/v3/traces"),
    "get_trace": ("GET", "/v3/traces/{id}"),
    "delete_trace": ("DELETE", "/v3/traces/{id}"),
    "list_trace_events": ("GET", "/v3/traces/{id}/events"),
}
"""Operation id: (method, route template relative to the server URL)."""


__all__ = [
    "OPERATIONS",
]
