from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.or_request_input import ORRequestInput
    from ..models.or_request_metadata import ORRequestMetadata
    from ..models.or_request_reasoning import ORRequestReasoning
    from ..models.or_request_text import ORRequestText
    from ..models.or_request_tools_item import ORRequestToolsItem


T = TypeVar("T", bound="ORRequest")


@_attrs_define
class ORRequest:
    frequency_penalty: float | Unset = UNSET
    include: list[str] | Unset = UNSET
    input_: ORRequestInput | Unset = UNSET
    instructions: str | Unset = UNSET
    max_output_tokens: int | Unset = UNSET
    max_tool_calls: int | Unset = UNSET
    metadata: ORRequestMetadata | Unset = UNSET
    model: str | Unset = UNSET
    parallel_tool_calls: bool | Unset = UNSET
    presence_penalty: float | Unset = UNSET
    previous_response_id: str | Unset = UNSET
    reasoning: ORRequestReasoning | Unset = UNSET
    service_tier: str | Unset = UNSET
    store: bool | Unset = UNSET
    stream: bool | Unset = UNSET
    temperature: float | Unset = UNSET
    text: ORRequestText | Unset = UNSET
    tool_choice: Any | Unset = UNSET
    """ Any value """
    tools: list[ORRequestToolsItem] | Unset = UNSET
    top_p: float | Unset = UNSET
    truncation: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        frequency_penalty = self.frequency_penalty

        include: list[str] | Unset = UNSET
        if not isinstance(self.include, Unset):
            include = self.include

        input_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.input_, Unset):
            input_ = self.input_.to_dict()

        instructions = self.instructions

        max_output_tokens = self.max_output_tokens

        max_tool_calls = self.max_tool_calls

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        model = self.model

        parallel_tool_calls = self.parallel_tool_calls

        presence_penalty = self.presence_penalty

        previous_response_id = self.previous_response_id

        reasoning: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reasoning, Unset):
            reasoning = self.reasoning.to_dict()

        service_tier = self.service_tier

        store = self.store

        stream = self.stream

        temperature = self.temperature

        text: dict[str, Any] | Unset = UNSET
        if not isinstance(self.text, Unset):
            text = self.text.to_dict()

        tool_choice = self.tool_choice

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        top_p = self.top_p

        truncation = self.truncation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if frequency_penalty is not UNSET:
            field_dict["frequency_penalty"] = frequency_penalty
        if include is not UNSET:
            field_dict["include"] = include
        if input_ is not UNSET:
            field_dict["input"] = input_
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if max_output_tokens is not UNSET:
            field_dict["max_output_tokens"] = max_output_tokens
        if max_tool_calls is not UNSET:
            field_dict["max_tool_calls"] = max_tool_calls
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if model is not UNSET:
            field_dict["model"] = model
        if parallel_tool_calls is not UNSET:
            field_dict["parallel_tool_calls"] = parallel_tool_calls
        if presence_penalty is not UNSET:
            field_dict["presence_penalty"] = presence_penalty
        if previous_response_id is not UNSET:
            field_dict["previous_response_id"] = previous_response_id
        if reasoning is not UNSET:
            field_dict["reasoning"] = reasoning
        if service_tier is not UNSET:
            field_dict["service_tier"] = service_tier
        if store is not UNSET:
            field_dict["store"] = store
        if stream is not UNSET:
            field_dict["stream"] = stream
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if text is not UNSET:
            field_dict["text"] = text
        if tool_choice is not UNSET:
            field_dict["tool_choice"] = tool_choice
        if tools is not UNSET:
            field_dict["tools"] = tools
        if top_p is not UNSET:
            field_dict["top_p"] = top_p
        if truncation is not UNSET:
            field_dict["truncation"] = truncation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.or_request_input import ORRequestInput  # noqa: PLC0415
        from ..models.or_request_metadata import ORRequestMetadata  # noqa: PLC0415
        from ..models.or_request_reasoning import ORRequestReasoning  # noqa: PLC0415
        from ..models.or_request_text import ORRequestText  # noqa: PLC0415
        from ..models.or_request_tools_item import ORRequestToolsItem  # noqa: PLC0415

        d = dict(src_dict)
        frequency_penalty = d.pop("frequency_penalty", UNSET)

        include = cast(list[str], d.pop("include", UNSET))

        _input_ = d.pop("input", UNSET)
        input_: ORRequestInput | Unset
        if isinstance(_input_, Unset):
            input_ = UNSET
        else:
            input_ = ORRequestInput.from_dict(_input_)

        instructions = d.pop("instructions", UNSET)

        max_output_tokens = d.pop("max_output_tokens", UNSET)

        max_tool_calls = d.pop("max_tool_calls", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: ORRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ORRequestMetadata.from_dict(_metadata)

        model = d.pop("model", UNSET)

        parallel_tool_calls = d.pop("parallel_tool_calls", UNSET)

        presence_penalty = d.pop("presence_penalty", UNSET)

        previous_response_id = d.pop("previous_response_id", UNSET)

        _reasoning = d.pop("reasoning", UNSET)
        reasoning: ORRequestReasoning | Unset
        if isinstance(_reasoning, Unset):
            reasoning = UNSET
        else:
            reasoning = ORRequestReasoning.from_dict(_reasoning)

        service_tier = d.pop("service_tier", UNSET)

        store = d.pop("store", UNSET)

        stream = d.pop("stream", UNSET)

        temperature = d.pop("temperature", UNSET)

        _text = d.pop("text", UNSET)
        text: ORRequestText | Unset
        if isinstance(_text, Unset):
            text = UNSET
        else:
            text = ORRequestText.from_dict(_text)

        tool_choice = d.pop("tool_choice", UNSET)

        _tools = d.pop("tools", UNSET)
        tools: list[ORRequestToolsItem] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = ORRequestToolsItem.from_dict(tools_item_data)

                tools.append(tools_item)

        top_p = d.pop("top_p", UNSET)

        truncation = d.pop("truncation", UNSET)

        or_request = cls(
            frequency_penalty=frequency_penalty,
            include=include,
            input_=input_,
            instructions=instructions,
            max_output_tokens=max_output_tokens,
            max_tool_calls=max_tool_calls,
            metadata=metadata,
            model=model,
            parallel_tool_calls=parallel_tool_calls,
            presence_penalty=presence_penalty,
            previous_response_id=previous_response_id,
            reasoning=reasoning,
            service_tier=service_tier,
            store=store,
            stream=stream,
            temperature=temperature,
            text=text,
            tool_choice=tool_choice,
            tools=tools,
            top_p=top_p,
            truncation=truncation,
        )

        or_request.additional_properties = d
        return or_request

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
