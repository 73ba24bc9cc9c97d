from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.messages_request_messages_item import MessagesRequestMessagesItem
    from ..models.messages_request_output_format import MessagesRequestOutputFormat
    from ..models.messages_request_tools_item import MessagesRequestToolsItem


T = TypeVar("T", bound="MessagesRequest")


@_attrs_define
class MessagesRequest:
    max_tokens: int
    messages: list[MessagesRequestMessagesItem]
    model: str
    output_format: MessagesRequestOutputFormat | Unset = UNSET
    stop_sequences: list[str] | Unset = UNSET
    stream: bool | Unset = UNSET
    system: Any | Unset = UNSET
    """ Any value """
    temperature: float | Unset = UNSET
    thinking: Any | Unset = UNSET
    """ Any value """
    tool_choice: Any | Unset = UNSET
    """ Any value """
    tools: list[MessagesRequestToolsItem] | Unset = UNSET
    top_k: int | Unset = UNSET
    top_p: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_tokens = self.max_tokens

        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()
            messages.append(messages_item)

        model = self.model

        output_format: dict[str, Any] | Unset = UNSET
        if not isinstance(self.output_format, Unset):
            output_format = self.output_format.to_dict()

        stop_sequences: list[str] | Unset = UNSET
        if not isinstance(self.stop_sequences, Unset):
            stop_sequences = self.stop_sequences

        stream = self.stream

        system = self.system

        temperature = self.temperature

        thinking = self.thinking

        tool_choice = self.tool_choice

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        top_k = self.top_k

        top_p = self.top_p

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "max_tokens": max_tokens,
                "messages": messages,
                "model": model,
            }
        )
        if output_format is not UNSET:
            field_dict["output_format"] = output_format
        if stop_sequences is not UNSET:
            field_dict["stop_sequences"] = stop_sequences
        if stream is not UNSET:
            field_dict["stream"] = stream
        if system is not UNSET:
            field_dict["system"] = system
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if thinking is not UNSET:
            field_dict["thinking"] = thinking
        if tool_choice is not UNSET:
            field_dict["tool_choice"] = tool_choice
        if tools is not UNSET:
            field_dict["tools"] = tools
        if top_k is not UNSET:
            field_dict["top_k"] = top_k
        if top_p is not UNSET:
            field_dict["top_p"] = top_p

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.messages_request_messages_item import MessagesRequestMessagesItem  # noqa: PLC0415
        from ..models.messages_request_output_format import MessagesRequestOutputFormat  # noqa: PLC0415
        from ..models.messages_request_tools_item import MessagesRequestToolsItem  # noqa: PLC0415

        d = dict(src_dict)
        max_tokens = d.pop("max_tokens")

        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = MessagesRequestMessagesItem.from_dict(messages_item_data)

            messages.append(messages_item)

        model = d.pop("model")

        _output_format = d.pop("output_format", UNSET)
        output_format: MessagesRequestOutputFormat | Unset
        if isinstance(_output_format, Unset):
            output_format = UNSET
        else:
            output_format = MessagesRequestOutputFormat.from_dict(_output_format)

        stop_sequences = cast(list[str], d.pop("stop_sequences", UNSET))

        stream = d.pop("stream", UNSET)

        system = d.pop("system", UNSET)

        temperature = d.pop("temperature", UNSET)

        thinking = d.pop("thinking", UNSET)

        tool_choice = d.pop("tool_choice", UNSET)

        _tools = d.pop("tools", UNSET)
        tools: list[MessagesRequestToolsItem] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = MessagesRequestToolsItem.from_dict(tools_item_data)

                tools.append(tools_item)

        top_k = d.pop("top_k", UNSET)

        top_p = d.pop("top_p", UNSET)

        messages_request = cls(
            max_tokens=max_tokens,
            messages=messages,
            model=model,
            output_format=output_format,
            stop_sequences=stop_sequences,
            stream=stream,
            system=system,
            temperature=temperature,
            thinking=thinking,
            tool_choice=tool_choice,
            tools=tools,
            top_k=top_k,
            top_p=top_p,
        )

        messages_request.additional_properties = d
        return messages_request

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
