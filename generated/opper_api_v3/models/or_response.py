from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.or_response_error import ORResponseError
    from ..models.or_response_metadata import ORResponseMetadata
    from ..models.or_response_output_item import ORResponseOutputItem
    from ..models.or_response_reasoning import ORResponseReasoning
    from ..models.or_response_text import ORResponseText
    from ..models.or_response_tools_item import ORResponseToolsItem
    from ..models.or_response_usage import ORResponseUsage


T = TypeVar("T", bound="ORResponse")


@_attrs_define
class ORResponse:
    completed_at: int
    created_at: int
    error: ORResponseError
    id: str
    incomplete_details: Any
    """ Any value """
    model: str
    object_: str
    output: list[ORResponseOutputItem]
    status: str
    tool_choice: Any
    """ Any value """
    frequency_penalty: float | Unset = UNSET
    instructions: str | Unset = UNSET
    max_output_tokens: int | Unset = UNSET
    metadata: ORResponseMetadata | Unset = UNSET
    presence_penalty: float | Unset = UNSET
    reasoning: ORResponseReasoning | Unset = UNSET
    service_tier: str | Unset = UNSET
    temperature: float | Unset = UNSET
    text: ORResponseText | Unset = UNSET
    tools: list[ORResponseToolsItem] | Unset = UNSET
    top_p: float | Unset = UNSET
    truncation: str | Unset = UNSET
    usage: ORResponseUsage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completed_at = self.completed_at

        created_at = self.created_at

        error = self.error.to_dict()

        id = self.id

        incomplete_details = self.incomplete_details

        model = self.model

        object_ = self.object_

        output = []
        for output_item_data in self.output:
            output_item = output_item_data.to_dict()
            output.append(output_item)

        status = self.status

        tool_choice = self.tool_choice

        frequency_penalty = self.frequency_penalty

        instructions = self.instructions

        max_output_tokens = self.max_output_tokens

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        presence_penalty = self.presence_penalty

        reasoning: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reasoning, Unset):
            reasoning = self.reasoning.to_dict()

        service_tier = self.service_tier

        temperature = self.temperature

        text: dict[str, Any] | Unset = UNSET
        if not isinstance(self.text, Unset):
            text = self.text.to_dict()

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        top_p = self.top_p

        truncation = self.truncation

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completed_at": completed_at,
                "created_at": created_at,
                "error": error,
                "id": id,
                "incomplete_details": incomplete_details,
                "model": model,
                "object": object_,
                "output": output,
                "status": status,
                "tool_choice": tool_choice,
            }
        )
        if frequency_penalty is not UNSET:
            field_dict["frequency_penalty"] = frequency_penalty
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if max_output_tokens is not UNSET:
            field_dict["max_output_tokens"] = max_output_tokens
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if presence_penalty is not UNSET:
            field_dict["presence_penalty"] = presence_penalty
        if reasoning is not UNSET:
            field_dict["reasoning"] = reasoning
        if service_tier is not UNSET:
            field_dict["service_tier"] = service_tier
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if text is not UNSET:
            field_dict["text"] = text
        if tools is not UNSET:
            field_dict["tools"] = tools
        if top_p is not UNSET:
            field_dict["top_p"] = top_p
        if truncation is not UNSET:
            field_dict["truncation"] = truncation
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.or_response_error import ORResponseError  # noqa: PLC0415
        from ..models.or_response_metadata import ORResponseMetadata  # noqa: PLC0415
        from ..models.or_response_output_item import ORResponseOutputItem  # noqa: PLC0415
        from ..models.or_response_reasoning import ORResponseReasoning  # noqa: PLC0415
        from ..models.or_response_text import ORResponseText  # noqa: PLC0415
        from ..models.or_response_tools_item import ORResponseToolsItem  # noqa: PLC0415
        from ..models.or_response_usage import ORResponseUsage  # noqa: PLC0415

        d = dict(src_dict)
        completed_at = d.pop("completed_at")

        created_at = d.pop("created_at")

        error = ORResponseError.from_dict(d.pop("error"))

        id = d.pop("id")

        incomplete_details = d.pop("incomplete_details")

        model = d.pop("model")

        object_ = d.pop("object")

        output = []
        _output = d.pop("output")
        for output_item_data in _output:
            output_item = ORResponseOutputItem.from_dict(output_item_data)

            output.append(output_item)

        status = d.pop("status")

        tool_choice = d.pop("tool_choice")

        frequency_penalty = d.pop("frequency_penalty", UNSET)

        instructions = d.pop("instructions", UNSET)

        max_output_tokens = d.pop("max_output_tokens", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: ORResponseMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ORResponseMetadata.from_dict(_metadata)

        presence_penalty = d.pop("presence_penalty", UNSET)

        _reasoning = d.pop("reasoning", UNSET)
        reasoning: ORResponseReasoning | Unset
        if isinstance(_reasoning, Unset):
            reasoning = UNSET
        else:
            reasoning = ORResponseReasoning.from_dict(_reasoning)

        service_tier = d.pop("service_tier", UNSET)

        temperature = d.pop("temperature", UNSET)

        _text = d.pop("text", UNSET)
        text: ORResponseText | Unset
        if isinstance(_text, Unset):
            text = UNSET
        else:
            text = ORResponseText.from_dict(_text)

        _tools = d.pop("tools", UNSET)
        tools: list[ORResponseToolsItem] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = ORResponseToolsItem.from_dict(tools_item_data)

                tools.append(tools_item)

        top_p = d.pop("top_p", UNSET)

        truncation = d.pop("truncation", UNSET)

        _usage = d.pop("usage", UNSET)
        usage: ORResponseUsage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = ORResponseUsage.from_dict(_usage)

        or_response = cls(
            completed_at=completed_at,
            created_at=created_at,
            error=error,
            id=id,
            incomplete_details=incomplete_details,
            model=model,
            object_=object_,
            output=output,
            status=status,
            tool_choice=tool_choice,
            frequency_penalty=frequency_penalty,
            instructions=instructions,
            max_output_tokens=max_output_tokens,
            metadata=metadata,
            presence_penalty=presence_penalty,
            reasoning=reasoning,
            service_tier=service_tier,
            temperature=temperature,
            text=text,
            tools=tools,
            top_p=top_p,
            truncation=truncation,
            usage=usage,
        )

        or_response.additional_properties = d
        return or_response

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
