"""Contains all the data models used in inputs/outputs"""

from .call_configuration import CallConfiguration
from .call_request import CallRequest
from .call_response import CallResponse
from .cost import Cost
from .create_span_meta import CreateSpanMeta
from .create_span_request import CreateSpanRequest
from .error import Error
from .example import Example
from .feedback import Feedback
from .input_schema import InputSchema
from .model import Model
from .model_extra_headers import ModelExtraHeaders
from .model_options import ModelOptions
from .output_schema import OutputSchema
from .page_meta import PageMeta
from .span import Span
from .span_meta import SpanMeta
from .span_metric_data import SpanMetricData
from .span_with_feedback import SpanWithFeedback
from .streaming_chunk import StreamingChunk
from .tags import Tags
from .trace import Trace
from .trace_list import TraceList
from .trace_span import TraceSpan
from .trace_span_data import TraceSpanData
from .trace_span_data_scorer_context_type_0 import TraceSpanDataScorerContextType0
from .trace_span_meta_type_0 import TraceSpanMetaType0
from .trace_summary import TraceSummary
from .update_span_meta import UpdateSpanMeta
from .update_span_request import UpdateSpanRequest
from .usage import Usage

__all__ = (
    "CallConfiguration",
    "CallRequest",
    "CallResponse",
    "Cost",
    "CreateSpanMeta",
    "CreateSpanRequest",
    "Error",
    "Example",
    "Feedback",
    "InputSchema",
    "Model",
    "ModelExtraHeaders",
    "ModelOptions",
    "OutputSchema",
    "PageMeta",
    "Span",
    "SpanMeta",
    "SpanMetricData",
    "SpanWithFeedback",
    "StreamingChunk",
    "Tags",
    "Trace",
    "TraceList",
    "TraceSpan",
    "TraceSpanData",
    "TraceSpanDataScorerContextType0",
    "TraceSpanMetaType0",
    "TraceSummary",
    "UpdateSpanMeta",
    "UpdateSpanRequest",
    "Usage",
)
