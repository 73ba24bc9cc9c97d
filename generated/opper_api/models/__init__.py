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
from .function import Function
from .function_call_request import FunctionCallRequest
from .function_call_request_tags_type_0 import FunctionCallRequestTagsType0
from .function_call_response import FunctionCallResponse
from .function_call_response_cost_type_0 import FunctionCallResponseCostType0
from .function_call_response_usage_type_0 import FunctionCallResponseUsageType0
from .function_create import FunctionCreate
from .function_create_input_schema_type_0 import FunctionCreateInputSchemaType0
from .function_create_output_schema_type_0 import FunctionCreateOutputSchemaType0
from .function_input_schema_type_0 import FunctionInputSchemaType0
from .function_list import FunctionList
from .function_output_schema_type_0 import FunctionOutputSchemaType0
from .function_revision import FunctionRevision
from .function_revision_configuration import FunctionRevisionConfiguration
from .function_revision_list import FunctionRevisionList
from .function_stream_chunk import FunctionStreamChunk
from .function_summary import FunctionSummary
from .function_update import FunctionUpdate
from .function_update_configuration_type_0 import FunctionUpdateConfigurationType0
from .function_update_input_schema_type_0 import FunctionUpdateInputSchemaType0
from .function_update_output_schema_type_0 import FunctionUpdateOutputSchemaType0
from .input_schema import InputSchema
from .language_model import LanguageModel
from .language_model_list import LanguageModelList
from .model import Model
from .model_choice_type_2 import ModelChoiceType2
from .model_choice_type_3_item_type_2 import ModelChoiceType3ItemType2
from .model_extra_headers import ModelExtraHeaders
from .model_options import ModelOptions
from .output_schema import OutputSchema
from .page_meta import PageMeta
from .saved_example import SavedExample
from .span import Span
from .span_feedback_request import SpanFeedbackRequest
from .span_feedback_result import SpanFeedbackResult
from .span_meta import SpanMeta
from .span_metric import SpanMetric
from .span_metric_create import SpanMetricCreate
from .span_metric_data import SpanMetricData
from .span_metric_list import SpanMetricList
from .span_metric_update import SpanMetricUpdate
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
    "Function",
    "FunctionCallRequest",
    "FunctionCallRequestTagsType0",
    "FunctionCallResponse",
    "FunctionCallResponseCostType0",
    "FunctionCallResponseUsageType0",
    "FunctionCreate",
    "FunctionCreateInputSchemaType0",
    "FunctionCreateOutputSchemaType0",
    "FunctionInputSchemaType0",
    "FunctionList",
    "FunctionOutputSchemaType0",
    "FunctionRevision",
    "FunctionRevisionConfiguration",
    "FunctionRevisionList",
    "FunctionStreamChunk",
    "FunctionSummary",
    "FunctionUpdate",
    "FunctionUpdateConfigurationType0",
    "FunctionUpdateInputSchemaType0",
    "FunctionUpdateOutputSchemaType0",
    "InputSchema",
    "LanguageModel",
    "LanguageModelList",
    "Model",
    "ModelChoiceType2",
    "ModelChoiceType3ItemType2",
    "ModelExtraHeaders",
    "ModelOptions",
    "OutputSchema",
    "PageMeta",
    "SavedExample",
    "Span",
    "SpanFeedbackRequest",
    "SpanFeedbackResult",
    "SpanMeta",
    "SpanMetric",
    "SpanMetricCreate",
    "SpanMetricData",
    "SpanMetricList",
    "SpanMetricUpdate",
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
