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
from .span import Span
from .span_meta import SpanMeta
from .span_with_feedback import SpanWithFeedback
from .streaming_chunk import StreamingChunk
from .tags import Tags
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
    "Span",
    "SpanMeta",
    "SpanWithFeedback",
    "StreamingChunk",
    "Tags",
    "UpdateSpanMeta",
    "UpdateSpanRequest",
    "Usage",
)
