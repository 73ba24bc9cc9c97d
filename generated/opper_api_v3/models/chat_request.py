from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_request_messages_item import ChatRequestMessagesItem
    from ..models.chat_request_output_schema import ChatRequestOutputSchema
    from ..models.chat_request_response_format import ChatRequestResponseFormat
    from ..models.chat_request_stream_options import ChatRequestStreamOptions
    from ..models.chat_request_tools_item import ChatRequestToolsItem


T = TypeVar("T", bound="ChatRequest")


@_attrs_define
class ChatRequest:
    messages: list[ChatRequestMessagesItem]
    max_completion_tokens: int | Unset = UNSET
    max_tokens: int | Unset = UNSET
    model: str | Unset = UNSET
    output_schema: ChatRequestOutputSchema | Unset = UNSET
    reasoning_effort: str | Unset = UNSET
    response_format: ChatRequestResponseFormat | Unset = UNSET
    stop: list[str] | Unset = UNSET
    stream: bool | Unset = UNSET
    stream_options: ChatRequestStreamOptions | Unset = UNSET
    temperature: float | Unset = UNSET
    tool_choice: Any | Unset = UNSET
    """ Any value """
    tools: list[ChatRequestToolsItem] | Unset = UNSET
    top_p: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()
            messages.append(messages_item)

        max_completion_tokens = self.max_completion_tokens

        max_tokens = self.max_tokens

        model = self.model

        output_schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.output_schema, Unset):
            output_schema = self.output_schema.to_dict()

        reasoning_effort = self.reasoning_effort

        response_format: dict[str, Any] | Unset = UNSET
        if not isinstance(self.response_format, Unset):
            response_format = self.response_format.to_dict()

        stop: list[str] | Unset = UNSET
        if not isinstance(self.stop, Unset):
            stop = self.stop

        stream = self.stream

        stream_options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stream_options, Unset):
            stream_options = self.stream_options.to_dict()

        temperature = self.temperature

        tool_choice = self.tool_choice

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        top_p = self.top_p

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "messages": messages,
            }
        )
        if max_completion_tokens is not UNSET:
            field_dict["max_completion_tokens"] = max_completion_tokens
        if max_tokens is not UNSET:
            field_dict["max_tokens"] = max_tokens
        if model is not UNSET:
            field_dict["model"] = model
        if output_schema is not UNSET:
            field_dict["output_schema"] = output_schema
        if reasoning_effort is not UNSET:
            field_dict["reasoning_effort"] = reasoning_effort
        if response_format is not UNSET:
            field_dict["response_format"] = response_format
        if stop is not UNSET:
            field_dict["stop"] = stop
        if stream is not UNSET:
            field_dict["stream"] = stream
        if stream_options is not UNSET:
            field_dict["stream_options"] = stream_options
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if tool_choice is not UNSET:
            field_dict["tool_choice"] = tool_choice
        if tools is not UNSET:
            field_dict["tools"] = tools
        if top_p is not UNSET:
            field_dict["top_p"] = top_p

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_request_messages_item import ChatRequestMessagesItem  # noqa: PLC0415
        from ..models.chat_request_output_schema import ChatRequestOutputSchema  # noqa: PLC0415
        from ..models.chat_request_response_format import ChatRequestResponseFormat  # noqa: PLC0415
        from ..models.chat_request_stream_options import ChatRequestStreamOptions  # noqa: PLC0415
        from ..models.chat_request_tools_item import ChatRequestToolsItem  # noqa: PLC0415

        d = dict(src_dict)
        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = ChatRequestMessagesItem.from_dict(messages_item_data)

            messages.append(messages_item)

        max_completion_tokens = d.pop("max_completion_tokens", UNSET)

        max_tokens = d.pop("max_tokens", UNSET)

        model = d.pop("model", UNSET)

        _output_schema = d.pop("output_schema", UNSET)
        output_schema: ChatRequestOutputSchema | Unset
        if isinstance(_output_schema, Unset):
            output_schema = UNSET
        else:
            output_schema = ChatRequestOutputSchema.from_dict(_output_schema)

        reasoning_effort = d.pop("reasoning_effort", UNSET)

        _response_format = d.pop("response_format", UNSET)
        response_format: ChatRequestResponseFormat | Unset
        if isinstance(_response_format, Unset):
            response_format = UNSET
        else:
            response_format = ChatRequestResponseFormat.from_dict(_response_format)

        stop = cast(list[str], d.pop("stop", UNSET))

        stream = d.pop("stream", UNSET)

        _stream_options = d.pop("stream_options", UNSET)
        stream_options: ChatRequestStreamOptions | Unset
        if isinstance(_stream_options, Unset):
            stream_options = UNSET
        else:
            stream_options = ChatRequestStreamOptions.from_dict(_stream_options)

        temperature = d.pop("temperature", UNSET)

        tool_choice = d.pop("tool_choice", UNSET)

        _tools = d.pop("tools", UNSET)
        tools: list[ChatRequestToolsItem] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = ChatRequestToolsItem.from_dict(tools_item_data)

                tools.append(tools_item)

        top_p = d.pop("top_p", UNSET)

        chat_request = cls(
            messages=messages,
            max_completion_tokens=max_completion_tokens,
            max_tokens=max_tokens,
            model=model,
            output_schema=output_schema,
            reasoning_effort=reasoning_effort,
            response_format=response_format,
            stop=stop,
            stream=stream,
            stream_options=stream_options,
            temperature=temperature,
            tool_choice=tool_choice,
            tools=tools,
            top_p=top_p,
        )

        chat_request.additional_properties = d
        return chat_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
