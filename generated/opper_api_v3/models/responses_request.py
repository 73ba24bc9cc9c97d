from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.responses_request_input import ResponsesRequestInput
    from ..models.responses_request_metadata import ResponsesRequestMetadata
    from ..models.responses_request_reasoning import ResponsesRequestReasoning
    from ..models.responses_request_text import ResponsesRequestText
    from ..models.responses_request_tools_item import ResponsesRequestToolsItem


T = TypeVar("T", bound="ResponsesRequest")


@_attrs_define
class ResponsesRequest:
    input_: ResponsesRequestInput | Unset = UNSET
    instructions: str | Unset = UNSET
    max_output_tokens: int | Unset = UNSET
    metadata: ResponsesRequestMetadata | Unset = UNSET
    model: str | Unset = UNSET
    previous_response_id: str | Unset = UNSET
    reasoning: ResponsesRequestReasoning | Unset = UNSET
    store: bool | Unset = UNSET
    stream: bool | Unset = UNSET
    temperature: float | Unset = UNSET
    text: ResponsesRequestText | Unset = UNSET
    tool_choice: Any | Unset = UNSET
    """ Any value """
    tools: list[ResponsesRequestToolsItem] | Unset = UNSET
    top_p: float | Unset = UNSET
    user: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        input_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.input_, Unset):
            input_ = self.input_.to_dict()

        instructions = self.instructions

        max_output_tokens = self.max_output_tokens

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        model = self.model

        previous_response_id = self.previous_response_id

        reasoning: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reasoning, Unset):
            reasoning = self.reasoning.to_dict()

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

        user = self.user

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if input_ is not UNSET:
            field_dict["input"] = input_
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if max_output_tokens is not UNSET:
            field_dict["max_output_tokens"] = max_output_tokens
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if model is not UNSET:
            field_dict["model"] = model
        if previous_response_id is not UNSET:
            field_dict["previous_response_id"] = previous_response_id
        if reasoning is not UNSET:
            field_dict["reasoning"] = reasoning
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
        if user is not UNSET:
            field_dict["user"] = user

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.responses_request_input import ResponsesRequestInput  # noqa: PLC0415
        from ..models.responses_request_metadata import ResponsesRequestMetadata  # noqa: PLC0415
        from ..models.responses_request_reasoning import ResponsesRequestReasoning  # noqa: PLC0415
        from ..models.responses_request_text import ResponsesRequestText  # noqa: PLC0415
        from ..models.responses_request_tools_item import ResponsesRequestToolsItem  # noqa: PLC0415

        d = dict(src_dict)
        _input_ = d.pop("input", UNSET)
        input_: ResponsesRequestInput | Unset
        if isinstance(_input_, Unset):
            input_ = UNSET
        else:
            input_ = ResponsesRequestInput.from_dict(_input_)

        instructions = d.pop("instructions", UNSET)

        max_output_tokens = d.pop("max_output_tokens", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: ResponsesRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ResponsesRequestMetadata.from_dict(_metadata)

        model = d.pop("model", UNSET)

        previous_response_id = d.pop("previous_response_id", UNSET)

        _reasoning = d.pop("reasoning", UNSET)
        reasoning: ResponsesRequestReasoning | Unset
        if isinstance(_reasoning, Unset):
            reasoning = UNSET
        else:
            reasoning = ResponsesRequestReasoning.from_dict(_reasoning)

        store = d.pop("store", UNSET)

        stream = d.pop("stream", UNSET)

        temperature = d.pop("temperature", UNSET)

        _text = d.pop("text", UNSET)
        text: ResponsesRequestText | Unset
        if isinstance(_text, Unset):
            text = UNSET
        else:
            text = ResponsesRequestText.from_dict(_text)

        tool_choice = d.pop("tool_choice", UNSET)

        _tools = d.pop("tools", UNSET)
        tools: list[ResponsesRequestToolsItem] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = ResponsesRequestToolsItem.from_dict(tools_item_data)

                tools.append(tools_item)

        top_p = d.pop("top_p", UNSET)

        user = d.pop("user", UNSET)

        responses_request = cls(
            input_=input_,
            instructions=instructions,
            max_output_tokens=max_output_tokens,
            metadata=metadata,
            model=model,
            previous_response_id=previous_response_id,
            reasoning=reasoning,
            store=store,
            stream=stream,
            temperature=temperature,
            text=text,
            tool_choice=tool_choice,
            tools=tools,
            top_p=top_p,
            user=user,
        )

        responses_request.additional_properties = d
        return responses_request

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
