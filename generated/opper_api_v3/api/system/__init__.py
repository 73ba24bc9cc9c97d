"""Contains endpoint functions for accessing the API.

``OPERATIONS`` maps each operation id to its HTTP method and route template; each ``*Params``
TypedDict holds the JSON form of a request body's properties (all optional here: callers pass
the required ones explicitly or are told what is missing at run time).
"""

from typing import Any, TypedDict

OPERATIONS: dict[str, tuple[str, str]] = {
    "health_check": ("GET", "/health"),
    "get_open_api_spec_json": ("GET", "/v3/openapi.json"),
    "get_open_api_spec_yaml": ("GET", "/v3/openapi.yaml"),
}
"""Operation id: (method, route template relative to the server URL)."""


__all__ = [
    "OPERATIONS",
]
