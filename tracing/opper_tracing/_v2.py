"""What the v2 clients know of their API beyond the generated package: which operations are a
call and a stream, how a call's answer becomes a ``CallResult``, and how a trace's span is
written."""

from __future__ import annotations

from typing import Any, ClassVar

import httpx

from opper_api.api.call import OPERATIONS as CALL_OPERATIONS
from opper_api.api.call import CallRequestParams
from opper_api.models import Cost, Usage
from opper_api.types import Unset

from ._base import Operation
from ._telemetry import CallSpan
from ._types import CallResult

__all__ = ["V2"]


class V2:
    """The v2 API: ``https://api.opper.ai/v2``, ``POST /call`` and ``POST /call/stream``."""

    DEFAULT_BASE_URL: ClassVar[str] = "https://api.opper.ai/v2"
    _unset: ClassVar[type] = Unset
    _CALL: ClassVar[Operation] = CALL_OPERATIONS["call"]
    _STREAM: ClassVar[Operation] = CALL_OPERATIONS["call_stream"]
    _KEYWORDS: ClassVar[frozenset[str]] = (
        CallRequestParams.__optional_keys__ | CallRequestParams.__required_keys__
    ) | {"input_schema", "output_schema"}

    def _result(
        self, response: httpx.Response, span: CallSpan, output_type: Any
    ) -> CallResult[Any]:
        result: CallResult[Any] = self._parsed(response, CallResult, span)  # type: ignore[attr-defined]
        span.on_opper_span_id(str(result.span_id))
        span.on_result(
            usage=result.usage.to_dict() if isinstance(result.usage, Usage) else None,
            cost=result.cost.to_dict() if isinstance(result.cost, Cost) else None,
            output_text=None if isinstance(result.message, Unset) else result.message,
            output_json=None if isinstance(result.json_payload, Unset) else result.json_payload,
        )
        if output_type is not None:
            result._output_type = output_type
        return result

    def _span_ids(self, created: Any) -> tuple[str | None, str | None]:
        """The span id and trace id in the answer to ``spans.create``."""
        return getattr(created, "id", None), getattr(created, "trace_id", None)

    def _trace_span(self, span: dict[str, Any]) -> dict[str, Any]:
        """A trace's span as v2's ``spans.create`` takes it: the tags go into ``meta``."""
        tags = span.pop("tags", None)
        if tags:
            span["meta"]["tags"] = tags
        return span
