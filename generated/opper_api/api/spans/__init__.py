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
    "list_span_metrics": ("GET", "/spans/{span_id}/metrics"),
    "create_span_metric": ("POST", "/spans/{span_id}/metrics"),
    "get_span_metric": ("GET", "/spans/{span_id}/metrics/{metric_id}"),
    "delete_span_metric": ("DELETE", "/spans/{span_id}/metrics/{metric_id}"),
    "update_span_metric": ("PATCH", "/spans/{span_id}/metrics/{metric_id}"),
    "submit_span_feedback": ("POST", "/spans/{span_id}/feedback"),
    "save_span_examples": ("POST", "/spans/{span_id}/save_examples"),
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


# ``SpanMetricCreate`` as keyword arguments, in JSON form.
class SpanMetricCreateParams(TypedDict, total=False):
    dimension: str
    value: float
    comment: None | str


SpanMetricCreateParams.__doc__ = """The properties of ``SpanMetricCreate``, from the spec:

- ``dimension``: What the metric measures, e.g. `accuracy`.
- ``value``: (no description)
- ``comment``: A comment about the metric, e.g. how it was measured.
"""


# ``SpanMetricUpdate`` as keyword arguments, in JSON form.
class SpanMetricUpdateParams(TypedDict, total=False):
    dimension: None | str
    value: float | None
    comment: None | str


SpanMetricUpdateParams.__doc__ = """The properties of ``SpanMetricUpdate``, from the spec:

- ``dimension``: (no description)
- ``value``: (no description)
- ``comment``: (no description)
"""


# ``SpanFeedbackRequest`` as keyword arguments, in JSON form.
class SpanFeedbackRequestParams(TypedDict, total=False):
    score: float
    comment: None | str
    save_to_dataset: bool | None


SpanFeedbackRequestParams.__doc__ = """The properties of ``SpanFeedbackRequest``, from the spec:

- ``score``: 0.0 is negative, 1.0 positive.
- ``comment``: Why.
- ``save_to_dataset``: True: save the span as an example in the function's dataset; false: never; null or
    omitted: as the function's auto-save setting says.
"""

__all__ = [
    "OPERATIONS",
    "CreateSpanRequestParams",
    "UpdateSpanRequestParams",
    "SpanMetricCreateParams",
    "SpanMetricUpdateParams",
    "SpanFeedbackRequestParams",
]
