"""Contains all the data models used in inputs/outputs"""

from .artifact_state import ArtifactState
from .artifact_status import ArtifactStatus
from .call_model_config import CallModelConfig
from .call_model_config_extra_headers import CallModelConfigExtraHeaders
from .call_model_config_options import CallModelConfigOptions
from .call_model_list_item import CallModelListItem
from .call_model_list_item_extra_headers import CallModelListItemExtraHeaders
from .call_model_list_item_options import CallModelListItemOptions
from .call_request import CallRequest
from .call_request_guard import CallRequestGuard
from .call_request_guard_input_item import CallRequestGuardInputItem
from .call_request_guard_output_item import CallRequestGuardOutputItem
from .call_request_input_schema import CallRequestInputSchema
from .call_request_output_schema import CallRequestOutputSchema
from .call_request_route import CallRequestRoute
from .chat_choice import ChatChoice
from .chat_choice_message import ChatChoiceMessage
from .chat_choice_message_tool_calls_item import ChatChoiceMessageToolCallsItem
from .chat_choice_message_tool_calls_item_function import (
    ChatChoiceMessageToolCallsItemFunction,
)
from .chat_completions_x_opper_guard_action import ChatCompletionsXOpperGuardAction
from .chat_function_call import ChatFunctionCall
from .chat_message import ChatMessage
from .chat_message_tool_calls_item import ChatMessageToolCallsItem
from .chat_message_tool_calls_item_function import ChatMessageToolCallsItemFunction
from .chat_request import ChatRequest
from .chat_request_message import ChatRequestMessage
from .chat_request_message_tool_calls_item import ChatRequestMessageToolCallsItem
from .chat_request_message_tool_calls_item_function import (
    ChatRequestMessageToolCallsItemFunction,
)
from .chat_request_messages_item import ChatRequestMessagesItem
from .chat_request_messages_item_tool_calls_item import (
    ChatRequestMessagesItemToolCallsItem,
)
from .chat_request_messages_item_tool_calls_item_function import (
    ChatRequestMessagesItemToolCallsItemFunction,
)
from .chat_request_output_schema import ChatRequestOutputSchema
from .chat_request_response_format import ChatRequestResponseFormat
from .chat_request_stream_options import ChatRequestStreamOptions
from .chat_request_tool import ChatRequestTool
from .chat_request_tool_function import ChatRequestToolFunction
from .chat_request_tool_function_parameters import ChatRequestToolFunctionParameters
from .chat_request_tools_item import ChatRequestToolsItem
from .chat_request_tools_item_function import ChatRequestToolsItemFunction
from .chat_request_tools_item_function_parameters import (
    ChatRequestToolsItemFunctionParameters,
)
from .chat_response import ChatResponse
from .chat_response_choices_item import ChatResponseChoicesItem
from .chat_response_choices_item_message import ChatResponseChoicesItemMessage
from .chat_response_choices_item_message_tool_calls_item import (
    ChatResponseChoicesItemMessageToolCallsItem,
)
from .chat_response_choices_item_message_tool_calls_item_function import (
    ChatResponseChoicesItemMessageToolCallsItemFunction,
)
from .chat_response_usage import ChatResponseUsage
from .chat_response_usage_completion_tokens_details import (
    ChatResponseUsageCompletionTokensDetails,
)
from .chat_response_usage_prompt_tokens_details import (
    ChatResponseUsagePromptTokensDetails,
)
from .chat_response_usage_server_tool_use import ChatResponseUsageServerToolUse
from .chat_stream_choice import ChatStreamChoice
from .chat_stream_choice_delta import ChatStreamChoiceDelta
from .chat_stream_choice_delta_tool_calls_item import ChatStreamChoiceDeltaToolCallsItem
from .chat_stream_choice_delta_tool_calls_item_function import (
    ChatStreamChoiceDeltaToolCallsItemFunction,
)
from .chat_stream_chunk import ChatStreamChunk
from .chat_stream_chunk_choices_item import ChatStreamChunkChoicesItem
from .chat_stream_chunk_choices_item_delta import ChatStreamChunkChoicesItemDelta
from .chat_stream_chunk_choices_item_delta_tool_calls_item import (
    ChatStreamChunkChoicesItemDeltaToolCallsItem,
)
from .chat_stream_chunk_choices_item_delta_tool_calls_item_function import (
    ChatStreamChunkChoicesItemDeltaToolCallsItemFunction,
)
from .chat_stream_chunk_usage import ChatStreamChunkUsage
from .chat_stream_chunk_usage_completion_tokens_details import (
    ChatStreamChunkUsageCompletionTokensDetails,
)
from .chat_stream_chunk_usage_prompt_tokens_details import (
    ChatStreamChunkUsagePromptTokensDetails,
)
from .chat_stream_chunk_usage_server_tool_use import ChatStreamChunkUsageServerToolUse
from .chat_stream_delta import ChatStreamDelta
from .chat_stream_delta_tool_calls_item import ChatStreamDeltaToolCallsItem
from .chat_stream_delta_tool_calls_item_function import (
    ChatStreamDeltaToolCallsItemFunction,
)
from .chat_tool_call import ChatToolCall
from .chat_tool_call_function import ChatToolCallFunction
from .chat_usage import ChatUsage
from .chat_usage_completion_tokens_details import ChatUsageCompletionTokensDetails
from .chat_usage_prompt_tokens_details import ChatUsagePromptTokensDetails
from .chat_usage_server_tool_use import ChatUsageServerToolUse
from .create_embeddings_x_opper_guard_action import CreateEmbeddingsXOpperGuardAction
from .create_interaction_x_opper_guard_action import CreateInteractionXOpperGuardAction
from .create_message_x_opper_guard_action import CreateMessageXOpperGuardAction
from .create_open_response_x_opper_guard_action import (
    CreateOpenResponseXOpperGuardAction,
)
from .create_response_x_opper_guard_action import CreateResponseXOpperGuardAction
from .create_span_meta import CreateSpanMeta
from .create_span_metadata import CreateSpanMetadata
from .create_span_request import CreateSpanRequest
from .create_span_response import CreateSpanResponse
from .create_span_tags import CreateSpanTags
from .created_span import CreatedSpan
from .delete_generation_response import DeleteGenerationResponse
from .embeddings_data_item import EmbeddingsDataItem
from .embeddings_request import EmbeddingsRequest
from .embeddings_response import EmbeddingsResponse
from .embeddings_response_data_item import EmbeddingsResponseDataItem
from .embeddings_response_usage import EmbeddingsResponseUsage
from .embeddings_usage_info import EmbeddingsUsageInfo
from .error_detail import ErrorDetail
from .error_response import ErrorResponse
from .function_details import FunctionDetails
from .function_details_input_schema import FunctionDetailsInputSchema
from .function_details_output_schema import FunctionDetailsOutputSchema
from .function_info import FunctionInfo
from .function_list import FunctionList
from .function_revision import FunctionRevision
from .function_revision_input_schema import FunctionRevisionInputSchema
from .function_revision_output_schema import FunctionRevisionOutputSchema
from .generation import Generation
from .generation_config import GenerationConfig
from .generation_config_response_schema import GenerationConfigResponseSchema
from .generation_list_item import GenerationListItem
from .generations_list_meta import GenerationsListMeta
from .generations_list_response import GenerationsListResponse
from .get_open_api_spec_json_response_200 import GetOpenApiSpecJsonResponse200
from .get_span_response import GetSpanResponse
from .get_trace_response import GetTraceResponse
from .guard_info import GuardInfo
from .guardrail_config import GuardrailConfig
from .health_response import HealthResponse
from .interactions_error import InteractionsError
from .interactions_function import InteractionsFunction
from .interactions_function_parameters import InteractionsFunctionParameters
from .interactions_output import InteractionsOutput
from .interactions_output_args import InteractionsOutputArgs
from .interactions_request import InteractionsRequest
from .interactions_request_generation_config import InteractionsRequestGenerationConfig
from .interactions_request_generation_config_response_schema import (
    InteractionsRequestGenerationConfigResponseSchema,
)
from .interactions_request_response_format import InteractionsRequestResponseFormat
from .interactions_request_tools_item import InteractionsRequestToolsItem
from .interactions_request_tools_item_function_declarations_item import (
    InteractionsRequestToolsItemFunctionDeclarationsItem,
)
from .interactions_request_tools_item_function_declarations_item_parameters import (
    InteractionsRequestToolsItemFunctionDeclarationsItemParameters,
)
from .interactions_response import InteractionsResponse
from .interactions_response_error import InteractionsResponseError
from .interactions_response_outputs_item import InteractionsResponseOutputsItem
from .interactions_response_outputs_item_args import InteractionsResponseOutputsItemArgs
from .interactions_response_usage import InteractionsResponseUsage
from .interactions_tool import InteractionsTool
from .interactions_tool_function_declarations_item import (
    InteractionsToolFunctionDeclarationsItem,
)
from .interactions_tool_function_declarations_item_parameters import (
    InteractionsToolFunctionDeclarationsItemParameters,
)
from .interactions_usage import InteractionsUsage
from .list_traces_item import ListTracesItem
from .messages_message import MessagesMessage
from .messages_request import MessagesRequest
from .messages_request_messages_item import MessagesRequestMessagesItem
from .messages_request_output_format import MessagesRequestOutputFormat
from .messages_request_tools_item import MessagesRequestToolsItem
from .messages_request_tools_item_input_schema import (
    MessagesRequestToolsItemInputSchema,
)
from .messages_response import MessagesResponse
from .messages_response_block import MessagesResponseBlock
from .messages_response_usage import MessagesResponseUsage
from .messages_response_usage_server_tool_use import MessagesResponseUsageServerToolUse
from .messages_tool import MessagesTool
from .messages_tool_input_schema import MessagesToolInputSchema
from .messages_usage import MessagesUsage
from .messages_usage_server_tool_use import MessagesUsageServerToolUse
from .model_info import ModelInfo
from .model_info_params import ModelInfoParams
from .model_info_params_embedding import ModelInfoParamsEmbedding
from .model_info_params_image import ModelInfoParamsImage
from .model_info_params_image_edit import ModelInfoParamsImageEdit
from .model_info_params_realtime import ModelInfoParamsRealtime
from .model_info_params_reasoning import ModelInfoParamsReasoning
from .model_info_params_stt import ModelInfoParamsStt
from .model_info_params_temperature import ModelInfoParamsTemperature
from .model_info_params_tts import ModelInfoParamsTts
from .model_info_params_video import ModelInfoParamsVideo
from .model_info_pricing import ModelInfoPricing
from .model_info_pricing_image_prices import ModelInfoPricingImagePrices
from .model_info_pricing_image_prices_additional_property import (
    ModelInfoPricingImagePricesAdditionalProperty,
)
from .models_response import ModelsResponse
from .or_error import ORError
from .or_input_tokens_details import ORInputTokensDetails
from .or_output_content import OROutputContent
from .or_output_item import OROutputItem
from .or_output_item_content_item import OROutputItemContentItem
from .or_output_item_summary_item import OROutputItemSummaryItem
from .or_output_tokens_details import OROutputTokensDetails
from .or_reasoning import ORReasoning
from .or_request import ORRequest
from .or_request_input import ORRequestInput
from .or_request_input_items_item import ORRequestInputItemsItem
from .or_request_metadata import ORRequestMetadata
from .or_request_reasoning import ORRequestReasoning
from .or_request_text import ORRequestText
from .or_request_text_format import ORRequestTextFormat
from .or_request_text_format_schema import ORRequestTextFormatSchema
from .or_request_tools_item import ORRequestToolsItem
from .or_request_tools_item_parameters import ORRequestToolsItemParameters
from .or_response import ORResponse
from .or_response_error import ORResponseError
from .or_response_metadata import ORResponseMetadata
from .or_response_output_item import ORResponseOutputItem
from .or_response_output_item_content_item import ORResponseOutputItemContentItem
from .or_response_output_item_summary_item import ORResponseOutputItemSummaryItem
from .or_response_reasoning import ORResponseReasoning
from .or_response_text import ORResponseText
from .or_response_text_format import ORResponseTextFormat
from .or_response_text_format_schema import ORResponseTextFormatSchema
from .or_response_tools_item import ORResponseToolsItem
from .or_response_tools_item_parameters import ORResponseToolsItemParameters
from .or_response_usage import ORResponseUsage
from .or_response_usage_input_tokens_details import ORResponseUsageInputTokensDetails
from .or_response_usage_output_tokens_details import ORResponseUsageOutputTokensDetails
from .or_summary_text import ORSummaryText
from .or_text_config import ORTextConfig
from .or_text_config_format import ORTextConfigFormat
from .or_text_config_format_schema import ORTextConfigFormatSchema
from .or_text_format import ORTextFormat
from .or_text_format_schema import ORTextFormatSchema
from .or_tool_def import ORToolDef
from .or_tool_def_parameters import ORToolDefParameters
from .or_usage import ORUsage
from .or_usage_input_tokens_details import ORUsageInputTokensDetails
from .or_usage_output_tokens_details import ORUsageOutputTokensDetails
from .pending_operation import PendingOperation
from .pending_response import PendingResponse
from .pending_response_meta import PendingResponseMeta
from .pending_status import PendingStatus
from .realtime_create_request import RealtimeCreateRequest
from .realtime_create_request_tools_item import RealtimeCreateRequestToolsItem
from .realtime_create_request_tools_item_parameters import (
    RealtimeCreateRequestToolsItemParameters,
)
from .realtime_create_response import RealtimeCreateResponse
from .reasoning_config import ReasoningConfig
from .response_meta import ResponseMeta
from .responses_error import ResponsesError
from .responses_output_content import ResponsesOutputContent
from .responses_output_item import ResponsesOutputItem
from .responses_output_item_content_item import ResponsesOutputItemContentItem
from .responses_request import ResponsesRequest
from .responses_request_input import ResponsesRequestInput
from .responses_request_input_items_item import ResponsesRequestInputItemsItem
from .responses_request_metadata import ResponsesRequestMetadata
from .responses_request_reasoning import ResponsesRequestReasoning
from .responses_request_text import ResponsesRequestText
from .responses_request_text_format import ResponsesRequestTextFormat
from .responses_request_text_format_schema import ResponsesRequestTextFormatSchema
from .responses_request_tools_item import ResponsesRequestToolsItem
from .responses_request_tools_item_headers import ResponsesRequestToolsItemHeaders
from .responses_request_tools_item_parameters import ResponsesRequestToolsItemParameters
from .responses_response import ResponsesResponse
from .responses_response_error import ResponsesResponseError
from .responses_response_metadata import ResponsesResponseMetadata
from .responses_response_output_item import ResponsesResponseOutputItem
from .responses_response_output_item_content_item import (
    ResponsesResponseOutputItemContentItem,
)
from .responses_response_reasoning import ResponsesResponseReasoning
from .responses_response_tools_item import ResponsesResponseToolsItem
from .responses_response_tools_item_headers import ResponsesResponseToolsItemHeaders
from .responses_response_tools_item_parameters import (
    ResponsesResponseToolsItemParameters,
)
from .responses_response_usage import ResponsesResponseUsage
from .responses_response_usage_input_tokens_details import (
    ResponsesResponseUsageInputTokensDetails,
)
from .responses_response_usage_output_tokens_details import (
    ResponsesResponseUsageOutputTokensDetails,
)
from .responses_tool import ResponsesTool
from .responses_tool_headers import ResponsesToolHeaders
from .responses_tool_parameters import ResponsesToolParameters
from .responses_usage import ResponsesUsage
from .responses_usage_input_tokens_details import ResponsesUsageInputTokensDetails
from .responses_usage_output_tokens_details import ResponsesUsageOutputTokensDetails
from .revision_info import RevisionInfo
from .revision_list import RevisionList
from .roundtable_model_result import RoundtableModelResult
from .roundtable_model_result_usage import RoundtableModelResultUsage
from .roundtable_model_result_usage_extra import RoundtableModelResultUsageExtra
from .roundtable_model_spec import RoundtableModelSpec
from .roundtable_request import RoundtableRequest
from .roundtable_request_models_item import RoundtableRequestModelsItem
from .roundtable_request_output_schema import RoundtableRequestOutputSchema
from .roundtable_response import RoundtableResponse
from .roundtable_response_meta import RoundtableResponseMeta
from .roundtable_response_meta_summary_usage import RoundtableResponseMetaSummaryUsage
from .roundtable_response_meta_summary_usage_extra import (
    RoundtableResponseMetaSummaryUsageExtra,
)
from .roundtable_response_model_results_item import RoundtableResponseModelResultsItem
from .roundtable_response_model_results_item_usage import (
    RoundtableResponseModelResultsItemUsage,
)
from .roundtable_response_model_results_item_usage_extra import (
    RoundtableResponseModelResultsItemUsageExtra,
)
from .roundtable_stream_chunk import RoundtableStreamChunk
from .roundtable_stream_chunk_meta import RoundtableStreamChunkMeta
from .roundtable_stream_chunk_meta_summary_usage import (
    RoundtableStreamChunkMetaSummaryUsage,
)
from .roundtable_stream_chunk_meta_summary_usage_extra import (
    RoundtableStreamChunkMetaSummaryUsageExtra,
)
from .roundtable_stream_chunk_usage import RoundtableStreamChunkUsage
from .roundtable_stream_chunk_usage_extra import RoundtableStreamChunkUsageExtra
from .run_model_config import RunModelConfig
from .run_model_config_extra_headers import RunModelConfigExtraHeaders
from .run_model_config_options import RunModelConfigOptions
from .run_model_list_item import RunModelListItem
from .run_model_list_item_extra_headers import RunModelListItemExtraHeaders
from .run_model_list_item_options import RunModelListItemOptions
from .run_request import RunRequest
from .run_request_guard import RunRequestGuard
from .run_request_guard_input_item import RunRequestGuardInputItem
from .run_request_guard_output_item import RunRequestGuardOutputItem
from .run_request_input_schema import RunRequestInputSchema
from .run_request_output_schema import RunRequestOutputSchema
from .run_request_route import RunRequestRoute
from .run_response import RunResponse
from .span import Span
from .span_meta import SpanMeta
from .span_metadata import SpanMetadata
from .span_tags import SpanTags
from .stream_options import StreamOptions
from .tool import Tool
from .tool_parameters import ToolParameters
from .trace import Trace
from .trace_event import TraceEvent
from .trace_event_data import TraceEventData
from .trace_span import TraceSpan
from .trace_span_meta import TraceSpanMeta
from .trace_span_metadata import TraceSpanMetadata
from .trace_span_tags import TraceSpanTags
from .update_function_request import UpdateFunctionRequest
from .update_span_meta import UpdateSpanMeta
from .update_span_metadata import UpdateSpanMetadata
from .update_span_request import UpdateSpanRequest
from .update_span_tags import UpdateSpanTags
from .usage_info import UsageInfo
from .web_fetch_request import WebFetchRequest
from .web_fetch_response import WebFetchResponse
from .web_search_request import WebSearchRequest
from .web_search_response import WebSearchResponse
from .web_search_response_results_item import WebSearchResponseResultsItem
from .web_search_result import WebSearchResult

__all__ = (
    "ArtifactState",
    "ArtifactStatus",
    "CallModelConfig",
    "CallModelConfigExtraHeaders",
    "CallModelConfigOptions",
    "CallModelListItem",
    "CallModelListItemExtraHeaders",
    "CallModelListItemOptions",
    "CallRequest",
    "CallRequestGuard",
    "CallRequestGuardInputItem",
    "CallRequestGuardOutputItem",
    "CallRequestInputSchema",
    "CallRequestOutputSchema",
    "CallRequestRoute",
    "ChatChoice",
    "ChatChoiceMessage",
    "ChatChoiceMessageToolCallsItem",
    "ChatChoiceMessageToolCallsItemFunction",
    "ChatCompletionsXOpperGuardAction",
    "ChatFunctionCall",
    "ChatMessage",
    "ChatMessageToolCallsItem",
    "ChatMessageToolCallsItemFunction",
    "ChatRequest",
    "ChatRequestMessage",
    "ChatRequestMessagesItem",
    "ChatRequestMessagesItemToolCallsItem",
    "ChatRequestMessagesItemToolCallsItemFunction",
    "ChatRequestMessageToolCallsItem",
    "ChatRequestMessageToolCallsItemFunction",
    "ChatRequestOutputSchema",
    "ChatRequestResponseFormat",
    "ChatRequestStreamOptions",
    "ChatRequestTool",
    "ChatRequestToolFunction",
    "ChatRequestToolFunctionParameters",
    "ChatRequestToolsItem",
    "ChatRequestToolsItemFunction",
    "ChatRequestToolsItemFunctionParameters",
    "ChatResponse",
    "ChatResponseChoicesItem",
    "ChatResponseChoicesItemMessage",
    "ChatResponseChoicesItemMessageToolCallsItem",
    "ChatResponseChoicesItemMessageToolCallsItemFunction",
    "ChatResponseUsage",
    "ChatResponseUsageCompletionTokensDetails",
    "ChatResponseUsagePromptTokensDetails",
    "ChatResponseUsageServerToolUse",
    "ChatStreamChoice",
    "ChatStreamChoiceDelta",
    "ChatStreamChoiceDeltaToolCallsItem",
    "ChatStreamChoiceDeltaToolCallsItemFunction",
    "ChatStreamChunk",
    "ChatStreamChunkChoicesItem",
    "ChatStreamChunkChoicesItemDelta",
    "ChatStreamChunkChoicesItemDeltaToolCallsItem",
    "ChatStreamChunkChoicesItemDeltaToolCallsItemFunction",
    "ChatStreamChunkUsage",
    "ChatStreamChunkUsageCompletionTokensDetails",
    "ChatStreamChunkUsagePromptTokensDetails",
    "ChatStreamChunkUsageServerToolUse",
    "ChatStreamDelta",
    "ChatStreamDeltaToolCallsItem",
    "ChatStreamDeltaToolCallsItemFunction",
    "ChatToolCall",
    "ChatToolCallFunction",
    "ChatUsage",
    "ChatUsageCompletionTokensDetails",
    "ChatUsagePromptTokensDetails",
    "ChatUsageServerToolUse",
    "CreatedSpan",
    "CreateEmbeddingsXOpperGuardAction",
    "CreateInteractionXOpperGuardAction",
    "CreateMessageXOpperGuardAction",
    "CreateOpenResponseXOpperGuardAction",
    "CreateResponseXOpperGuardAction",
    "CreateSpanMeta",
    "CreateSpanMetadata",
    "CreateSpanRequest",
    "CreateSpanResponse",
    "CreateSpanTags",
    "DeleteGenerationResponse",
    "EmbeddingsDataItem",
    "EmbeddingsRequest",
    "EmbeddingsResponse",
    "EmbeddingsResponseDataItem",
    "EmbeddingsResponseUsage",
    "EmbeddingsUsageInfo",
    "ErrorDetail",
    "ErrorResponse",
    "FunctionDetails",
    "FunctionDetailsInputSchema",
    "FunctionDetailsOutputSchema",
    "FunctionInfo",
    "FunctionList",
    "FunctionRevision",
    "FunctionRevisionInputSchema",
    "FunctionRevisionOutputSchema",
    "Generation",
    "GenerationConfig",
    "GenerationConfigResponseSchema",
    "GenerationListItem",
    "GenerationsListMeta",
    "GenerationsListResponse",
    "GetOpenApiSpecJsonResponse200",
    "GetSpanResponse",
    "GetTraceResponse",
    "GuardInfo",
    "GuardrailConfig",
    "HealthResponse",
    "InteractionsError",
    "InteractionsFunction",
    "InteractionsFunctionParameters",
    "InteractionsOutput",
    "InteractionsOutputArgs",
    "InteractionsRequest",
    "InteractionsRequestGenerationConfig",
    "InteractionsRequestGenerationConfigResponseSchema",
    "InteractionsRequestResponseFormat",
    "InteractionsRequestToolsItem",
    "InteractionsRequestToolsItemFunctionDeclarationsItem",
    "InteractionsRequestToolsItemFunctionDeclarationsItemParameters",
    "InteractionsResponse",
    "InteractionsResponseError",
    "InteractionsResponseOutputsItem",
    "InteractionsResponseOutputsItemArgs",
    "InteractionsResponseUsage",
    "InteractionsTool",
    "InteractionsToolFunctionDeclarationsItem",
    "InteractionsToolFunctionDeclarationsItemParameters",
    "InteractionsUsage",
    "ListTracesItem",
    "MessagesMessage",
    "MessagesRequest",
    "MessagesRequestMessagesItem",
    "MessagesRequestOutputFormat",
    "MessagesRequestToolsItem",
    "MessagesRequestToolsItemInputSchema",
    "MessagesResponse",
    "MessagesResponseBlock",
    "MessagesResponseUsage",
    "MessagesResponseUsageServerToolUse",
    "MessagesTool",
    "MessagesToolInputSchema",
    "MessagesUsage",
    "MessagesUsageServerToolUse",
    "ModelInfo",
    "ModelInfoParams",
    "ModelInfoParamsEmbedding",
    "ModelInfoParamsImage",
    "ModelInfoParamsImageEdit",
    "ModelInfoParamsRealtime",
    "ModelInfoParamsReasoning",
    "ModelInfoParamsStt",
    "ModelInfoParamsTemperature",
    "ModelInfoParamsTts",
    "ModelInfoParamsVideo",
    "ModelInfoPricing",
    "ModelInfoPricingImagePrices",
    "ModelInfoPricingImagePricesAdditionalProperty",
    "ModelsResponse",
    "ORError",
    "ORInputTokensDetails",
    "OROutputContent",
    "OROutputItem",
    "OROutputItemContentItem",
    "OROutputItemSummaryItem",
    "OROutputTokensDetails",
    "ORReasoning",
    "ORRequest",
    "ORRequestInput",
    "ORRequestInputItemsItem",
    "ORRequestMetadata",
    "ORRequestReasoning",
    "ORRequestText",
    "ORRequestTextFormat",
    "ORRequestTextFormatSchema",
    "ORRequestToolsItem",
    "ORRequestToolsItemParameters",
    "ORResponse",
    "ORResponseError",
    "ORResponseMetadata",
    "ORResponseOutputItem",
    "ORResponseOutputItemContentItem",
    "ORResponseOutputItemSummaryItem",
    "ORResponseReasoning",
    "ORResponseText",
    "ORResponseTextFormat",
    "ORResponseTextFormatSchema",
    "ORResponseToolsItem",
    "ORResponseToolsItemParameters",
    "ORResponseUsage",
    "ORResponseUsageInputTokensDetails",
    "ORResponseUsageOutputTokensDetails",
    "ORSummaryText",
    "ORTextConfig",
    "ORTextConfigFormat",
    "ORTextConfigFormatSchema",
    "ORTextFormat",
    "ORTextFormatSchema",
    "ORToolDef",
    "ORToolDefParameters",
    "ORUsage",
    "ORUsageInputTokensDetails",
    "ORUsageOutputTokensDetails",
    "PendingOperation",
    "PendingResponse",
    "PendingResponseMeta",
    "PendingStatus",
    "RealtimeCreateRequest",
    "RealtimeCreateRequestToolsItem",
    "RealtimeCreateRequestToolsItemParameters",
    "RealtimeCreateResponse",
    "ReasoningConfig",
    "ResponseMeta",
    "ResponsesError",
    "ResponsesOutputContent",
    "ResponsesOutputItem",
    "ResponsesOutputItemContentItem",
    "ResponsesRequest",
    "ResponsesRequestInput",
    "ResponsesRequestInputItemsItem",
    "ResponsesRequestMetadata",
    "ResponsesRequestReasoning",
    "ResponsesRequestText",
    "ResponsesRequestTextFormat",
    "ResponsesRequestTextFormatSchema",
    "ResponsesRequestToolsItem",
    "ResponsesRequestToolsItemHeaders",
    "ResponsesRequestToolsItemParameters",
    "ResponsesResponse",
    "ResponsesResponseError",
    "ResponsesResponseMetadata",
    "ResponsesResponseOutputItem",
    "ResponsesResponseOutputItemContentItem",
    "ResponsesResponseReasoning",
    "ResponsesResponseToolsItem",
    "ResponsesResponseToolsItemHeaders",
    "ResponsesResponseToolsItemParameters",
    "ResponsesResponseUsage",
    "ResponsesResponseUsageInputTokensDetails",
    "ResponsesResponseUsageOutputTokensDetails",
    "ResponsesTool",
    "ResponsesToolHeaders",
    "ResponsesToolParameters",
    "ResponsesUsage",
    "ResponsesUsageInputTokensDetails",
    "ResponsesUsageOutputTokensDetails",
    "RevisionInfo",
    "RevisionList",
    "RoundtableModelResult",
    "RoundtableModelResultUsage",
    "RoundtableModelResultUsageExtra",
    "RoundtableModelSpec",
    "RoundtableRequest",
    "RoundtableRequestModelsItem",
    "RoundtableRequestOutputSchema",
    "RoundtableResponse",
    "RoundtableResponseMeta",
    "RoundtableResponseMetaSummaryUsage",
    "RoundtableResponseMetaSummaryUsageExtra",
    "RoundtableResponseModelResultsItem",
    "RoundtableResponseModelResultsItemUsage",
    "RoundtableResponseModelResultsItemUsageExtra",
    "RoundtableStreamChunk",
    "RoundtableStreamChunkMeta",
    "RoundtableStreamChunkMetaSummaryUsage",
    "RoundtableStreamChunkMetaSummaryUsageExtra",
    "RoundtableStreamChunkUsage",
    "RoundtableStreamChunkUsageExtra",
    "RunModelConfig",
    "RunModelConfigExtraHeaders",
    "RunModelConfigOptions",
    "RunModelListItem",
    "RunModelListItemExtraHeaders",
    "RunModelListItemOptions",
    "RunRequest",
    "RunRequestGuard",
    "RunRequestGuardInputItem",
    "RunRequestGuardOutputItem",
    "RunRequestInputSchema",
    "RunRequestOutputSchema",
    "RunRequestRoute",
    "RunResponse",
    "Span",
    "SpanMeta",
    "SpanMetadata",
    "SpanTags",
    "StreamOptions",
    "Tool",
    "ToolParameters",
    "Trace",
    "TraceEvent",
    "TraceEventData",
    "TraceSpan",
    "TraceSpanMeta",
    "TraceSpanMetadata",
    "TraceSpanTags",
    "UpdateFunctionRequest",
    "UpdateSpanMeta",
    "UpdateSpanMetadata",
    "UpdateSpanRequest",
    "UpdateSpanTags",
    "UsageInfo",
    "WebFetchRequest",
    "WebFetchResponse",
    "WebSearchRequest",
    "WebSearchResponse",
    "WebSearchResponseResultsItem",
    "WebSearchResult",
)
