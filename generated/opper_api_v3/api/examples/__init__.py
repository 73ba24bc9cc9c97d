"""Contains endpoint functions for accessing the API.

``OPERATIONS`` maps each operation id to its HTTP method and route template; each ``*Params``
TypedDict holds the JSON form of a request body's properties (all optional here: callers pass
the required ones explicitly or are told what is missing at run time).
"""

from typing import Any, TypedDict

OPERATIONS: dict[str, tuple[str, str]] = {
    "list_examples": ("GET", "/v3/functions/{name}/examples"),
    "create_example": ("POST", "/v3/functions/{name}/examples"),
    "create_example_batch": ("POST", "/v3/functions/{name}/examples/batch"),
    "delete_example": ("DELETE", "/v3/functions/{name}/examples/{uuid}"),
}
"""Operation id: (method, route template relative to the server URL)."""


__all__ = [
    "OPERATIONS",
]
