from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.messages_response_usage_server_tool_use import (
        MessagesResponseUsageServerToolUse,
    )


T = TypeVar("T", bound="MessagesResponseUsage")


@_attrs_define
class MessagesResponseUsage:
    input_tokens: int
    output_tokens: int
    cache_creation_input_tokens: int | Unset = UNSET
    cache_read_input_tokens: int | Unset = UNSET
    server_tool_use: MessagesResponseUsageServerToolUse | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        input_tokens = self.input_tokens

        output_tokens = self.output_tokens

        cache_creation_input_tokens = self.cache_creation_input_tokens

        cache_read_input_tokens = self.cache_read_input_tokens

        server_tool_use: dict[str, Any] | Unset = UNSET
        if not isinstance(self.server_tool_use, Unset):
            server_tool_use = self.server_tool_use.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "input_tokens": input_tokens,
                "output_tokens": output_tokens,
            }
        )
        if cache_creation_input_tokens is not UNSET:
            field_dict["cache_creation_input_tokens"] = cache_creation_input_tokens
        if cache_read_input_tokens is not UNSET:
            field_dict["cache_read_input_tokens"] = cache_read_input_tokens
        if server_tool_use is not UNSET:
            field_dict["server_tool_use"] = server_tool_use

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.messages_response_usage_server_tool_use import (
            MessagesResponseUsageServerToolUse,  # noqa: PLC0415
        )

        d = dict(src_dict)
        input_tokens = d.pop("input_tokens")

        output_tokens = d.pop("output_tokens")

        cache_creation_input_tokens = d.pop("cache_creation_input_tokens", UNSET)

        cache_read_input_tokens = d.pop("cache_read_input_tokens", UNSET)

        _server_tool_use = d.pop("server_tool_use", UNSET)
        server_tool_use: MessagesResponseUsageServerToolUse | Unset
        if isinstance(_server_tool_use, Unset):
            server_tool_use = UNSET
        else:
            server_tool_use = MessagesResponseUsageServerToolUse.from_dict(_server_tool_use)

        messages_response_usage = cls(
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            cache_creation_input_tokens=cache_creation_input_tokens,
            cache_read_input_tokens=cache_read_input_tokens,
            server_tool_use=server_tool_use,
        )

        messages_response_usage.additional_properties = d
        return messages_response_usage

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
