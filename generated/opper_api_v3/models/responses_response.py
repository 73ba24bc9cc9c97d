from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.responses_response_error import ResponsesResponseError
    from ..models.responses_response_metadata import ResponsesResponseMetadata
    from ..models.responses_response_output_item import ResponsesResponseOutputItem
    from ..models.responses_response_reasoning import ResponsesResponseReasoning
    from ..models.responses_response_tools_item import ResponsesResponseToolsItem
    from ..models.responses_response_usage import ResponsesResponseUsage


T = TypeVar("T", bound="ResponsesResponse")


@_attrs_define
class ResponsesResponse:
    created_at: float
    error: ResponsesResponseError
    id: str
    incomplete_details: Any
    """ Any value """
    model: str
    object_: str
    output: list[ResponsesResponseOutputItem]
    status: str
    tool_choice: Any
    """ Any value """
    cost: float | Unset = UNSET
    instructions: str | Unset = UNSET
    max_output_tokens: int | Unset = UNSET
    metadata: ResponsesResponseMetadata | Unset = UNSET
    output_text: str | Unset = UNSET
    previous_response_id: str | Unset = UNSET
    reasoning: ResponsesResponseReasoning | Unset = UNSET
    temperature: float | Unset = UNSET
    tools: list[ResponsesResponseToolsItem] | Unset = UNSET
    top_p: float | Unset = UNSET
    usage: ResponsesResponseUsage | Unset = UNSET
    user: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        cost = self.cost

        instructions = self.instructions

        max_output_tokens = self.max_output_tokens

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        output_text = self.output_text

        previous_response_id = self.previous_response_id

        reasoning: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reasoning, Unset):
            reasoning = self.reasoning.to_dict()

        temperature = self.temperature

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        top_p = self.top_p

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        user = self.user

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
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
        if cost is not UNSET:
            field_dict["cost"] = cost
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if max_output_tokens is not UNSET:
            field_dict["max_output_tokens"] = max_output_tokens
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if output_text is not UNSET:
            field_dict["output_text"] = output_text
        if previous_response_id is not UNSET:
            field_dict["previous_response_id"] = previous_response_id
        if reasoning is not UNSET:
            field_dict["reasoning"] = reasoning
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if tools is not UNSET:
            field_dict["tools"] = tools
        if top_p is not UNSET:
            field_dict["top_p"] = top_p
        if usage is not UNSET:
            field_dict["usage"] = usage
        if user is not UNSET:
            field_dict["user"] = user

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.responses_response_error import ResponsesResponseError  # noqa: PLC0415
        from ..models.responses_response_metadata import ResponsesResponseMetadata  # noqa: PLC0415
        from ..models.responses_response_output_item import ResponsesResponseOutputItem  # noqa: PLC0415
        from ..models.responses_response_reasoning import ResponsesResponseReasoning  # noqa: PLC0415
        from ..models.responses_response_tools_item import ResponsesResponseToolsItem  # noqa: PLC0415
        from ..models.responses_response_usage import ResponsesResponseUsage  # noqa: PLC0415

        d = dict(src_dict)
        created_at = d.pop("created_at")

        error = ResponsesResponseError.from_dict(d.pop("error"))

        id = d.pop("id")

        incomplete_details = d.pop("incomplete_details")

        model = d.pop("model")

        object_ = d.pop("object")

        output = []
        _output = d.pop("output")
        for output_item_data in _output:
            output_item = ResponsesResponseOutputItem.from_dict(output_item_data)

            output.append(output_item)

        status = d.pop("status")

        tool_choice = d.pop("tool_choice")

        cost = d.pop("cost", UNSET)

        instructions = d.pop("instructions", UNSET)

        max_output_tokens = d.pop("max_output_tokens", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: ResponsesResponseMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ResponsesResponseMetadata.from_dict(_metadata)

        output_text = d.pop("output_text", UNSET)

        previous_response_id = d.pop("previous_response_id", UNSET)

        _reasoning = d.pop("reasoning", UNSET)
        reasoning: ResponsesResponseReasoning | Unset
        if isinstance(_reasoning, Unset):
            reasoning = UNSET
        else:
            reasoning = ResponsesResponseReasoning.from_dict(_reasoning)

        temperature = d.pop("temperature", UNSET)

        _tools = d.pop("tools", UNSET)
        tools: list[ResponsesResponseToolsItem] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = ResponsesResponseToolsItem.from_dict(tools_item_data)

                tools.append(tools_item)

        top_p = d.pop("top_p", UNSET)

        _usage = d.pop("usage", UNSET)
        usage: ResponsesResponseUsage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = ResponsesResponseUsage.from_dict(_usage)

        user = d.pop("user", UNSET)

        responses_response = cls(
            created_at=created_at,
            error=error,
            id=id,
            incomplete_details=incomplete_details,
            model=model,
            object_=object_,
            output=output,
            status=status,
            tool_choice=tool_choice,
            cost=cost,
            instructions=instructions,
            max_output_tokens=max_output_tokens,
            metadata=metadata,
            output_text=output_text,
            previous_response_id=previous_response_id,
            reasoning=reasoning,
            temperature=temperature,
            tools=tools,
            top_p=top_p,
            usage=usage,
            user=user,
        )

        responses_response.additional_properties = d
        return responses_response

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
