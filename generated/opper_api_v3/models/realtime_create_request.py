from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.realtime_create_request_tools_item import RealtimeCreateRequestToolsItem


T = TypeVar("T", bound="RealtimeCreateRequest")


@_attrs_define
class RealtimeCreateRequest:
    instructions: str
    model: str | Unset = UNSET
    provider: str | Unset = UNSET
    tools: list[RealtimeCreateRequestToolsItem] | Unset = UNSET
    voice: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        instructions = self.instructions

        model = self.model

        provider = self.provider

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        voice = self.voice

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "instructions": instructions,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model
        if provider is not UNSET:
            field_dict["provider"] = provider
        if tools is not UNSET:
            field_dict["tools"] = tools
        if voice is not UNSET:
            field_dict["voice"] = voice

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.realtime_create_request_tools_item import (
            RealtimeCreateRequestToolsItem,  # noqa: PLC0415
        )

        d = dict(src_dict)
        instructions = d.pop("instructions")

        model = d.pop("model", UNSET)

        provider = d.pop("provider", UNSET)

        _tools = d.pop("tools", UNSET)
        tools: list[RealtimeCreateRequestToolsItem] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = RealtimeCreateRequestToolsItem.from_dict(tools_item_data)

                tools.append(tools_item)

        voice = d.pop("voice", UNSET)

        realtime_create_request = cls(
            instructions=instructions,
            model=model,
            provider=provider,
            tools=tools,
            voice=voice,
        )

        realtime_create_request.additional_properties = d
        return realtime_create_request

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
