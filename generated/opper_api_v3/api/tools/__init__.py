"""Contains endpoint functions for accessing the API.

``OPERATIONS`` maps each operation id to its HTTP method and route template; each ``*Params``
TypedDict holds the JSON form of a request body's properties (all optional here: callers pass
the required ones explicitly or are told what is missing at run time).
"""

from typing import Any, TypedDict

OPERATIONS: dict[str, tuple[str, str]] = {
    "web_fetch": ("POST", "/v3/tools/web/fetch"),
    "web_search": ("POST", "/v3/tools/web/search"),
}
"""Operation id: (method, route template relative to the server URL)."""


# ``WebFetchRequest`` as keyword arguments, in JSON form.
class WebFetchRequestParams(TypedDict, total=False):
    url: str


WebFetchRequestParams.__doc__ = """The properties of ``WebFetchRequest``, from the spec:

- ``url``: (no description)
"""


# ``WebSearchRequest`` as keyword arguments, in JSON form.
class WebSearchRequestParams(TypedDict, total=False):
    query: str
    max_results: int | None


WebSearchRequestParams.__doc__ = """The properties of ``WebSearchRequest``, from the spec:

- ``query``: (no description)
- ``max_results``: (no description)
"""

__all__ = [
    "OPERATIONS",
    "WebFetchRequestParams",
    "WebSearchRequestParams",
]
