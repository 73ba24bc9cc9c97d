from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.interactions_request_generation_config import (
        InteractionsRequestGenerationConfig,
    )
    from ..models.interactions_request_response_format import (
        InteractionsRequestResponseFormat,
    )
    from ..models.interactions_request_tools_item import InteractionsRequestToolsItem


T = TypeVar("T", bound="InteractionsRequest")


@_attrs_define
class InteractionsRequest:
    contents: Any
    """ Any value """
    input_: Any
    """ Any value """
    agent: str | Unset = UNSET
    background: bool | Unset = UNSET
    generation_config: InteractionsRequestGenerationConfig | Unset = UNSET
    model: str | Unset = UNSET
    previous_interaction_id: str | Unset = UNSET
    response_format: InteractionsRequestResponseFormat | Unset = UNSET
    store: bool | Unset = UNSET
    stream: bool | Unset = UNSET
    system_instruction: str | Unset = UNSET
    tools: list[InteractionsRequestToolsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contents = self.contents

        input_ = self.input_

        agent = self.agent

        background = self.background

        generation_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.generation_config, Unset):
            generation_config = self.generation_config.to_dict()

        model = self.model

        previous_interaction_id = self.previous_interaction_id

        response_format: dict[str, Any] | Unset = UNSET
        if not isinstance(self.response_format, Unset):
            response_format = self.response_format.to_dict()

        store = self.store

        stream = self.stream

        system_instruction = self.system_instruction

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contents": contents,
                "input": input_,
            }
        )
        if agent is not UNSET:
            field_dict["agent"] = agent
        if background is not UNSET:
            field_dict["background"] = background
        if generation_config is not UNSET:
            field_dict["generation_config"] = generation_config
        if model is not UNSET:
            field_dict["model"] = model
        if previous_interaction_id is not UNSET:
            field_dict["previous_interaction_id"] = previous_interaction_id
        if response_format is not UNSET:
            field_dict["response_format"] = response_format
        if store is not UNSET:
            field_dict["store"] = store
        if stream is not UNSET:
            field_dict["stream"] = stream
        if system_instruction is not UNSET:
            field_dict["system_instruction"] = system_instruction
        if tools is not UNSET:
            field_dict["tools"] = tools

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.interactions_request_generation_config import (
            InteractionsRequestGenerationConfig,  # noqa: PLC0415
        )
        from ..models.interactions_request_response_format import (
            InteractionsRequestResponseFormat,  # noqa: PLC0415
        )
        from ..models.interactions_request_tools_item import (
            InteractionsRequestToolsItem,  # noqa: PLC0415
        )

        d = dict(src_dict)
        contents = d.pop("contents")

        input_ = d.pop("input")

        agent = d.pop("agent", UNSET)

        background = d.pop("background", UNSET)

        _generation_config = d.pop("generation_config", UNSET)
        generation_config: InteractionsRequestGenerationConfig | Unset
        if isinstance(_generation_config, Unset):
            generation_config = UNSET
        else:
            generation_config = InteractionsRequestGenerationConfig.from_dict(_generation_config)

        model = d.pop("model", UNSET)

        previous_interaction_id = d.pop("previous_interaction_id", UNSET)

        _response_format = d.pop("response_format", UNSET)
        response_format: InteractionsRequestResponseFormat | Unset
        if isinstance(_response_format, Unset):
            response_format = UNSET
        else:
            response_format = InteractionsRequestResponseFormat.from_dict(_response_format)

        store = d.pop("store", UNSET)

        stream = d.pop("stream", UNSET)

        system_instruction = d.pop("system_instruction", UNSET)

        _tools = d.pop("tools", UNSET)
        tools: list[InteractionsRequestToolsItem] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = InteractionsRequestToolsItem.from_dict(tools_item_data)

                tools.append(tools_item)

        interactions_request = cls(
            contents=contents,
            input_=input_,
            agent=agent,
            background=background,
            generation_config=generation_config,
            model=model,
            previous_interaction_id=previous_interaction_id,
            response_format=response_format,
            store=store,
            stream=stream,
            system_instruction=system_instruction,
            tools=tools,
        )

        interactions_request.additional_properties = d
        return interactions_request

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
