from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_request_message_tool_calls_item import (
        ChatRequestMessageToolCallsItem,
    )


T = TypeVar("T", bound="ChatRequestMessage")


@_attrs_define
class ChatRequestMessage:
    content: Any
    """ Any value """
    role: str
    name: str | Unset = UNSET
    tool_call_id: str | Unset = UNSET
    tool_calls: list[ChatRequestMessageToolCallsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        role = self.role

        name = self.name

        tool_call_id = self.tool_call_id

        tool_calls: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tool_calls, Unset):
            tool_calls = []
            for tool_calls_item_data in self.tool_calls:
                tool_calls_item = tool_calls_item_data.to_dict()
                tool_calls.append(tool_calls_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "role": role,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if tool_call_id is not UNSET:
            field_dict["tool_call_id"] = tool_call_id
        if tool_calls is not UNSET:
            field_dict["tool_calls"] = tool_calls

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_request_message_tool_calls_item import (
            ChatRequestMessageToolCallsItem,  # noqa: PLC0415
        )

        d = dict(src_dict)
        content = d.pop("content")

        role = d.pop("role")

        name = d.pop("name", UNSET)

        tool_call_id = d.pop("tool_call_id", UNSET)

        _tool_calls = d.pop("tool_calls", UNSET)
        tool_calls: list[ChatRequestMessageToolCallsItem] | Unset = UNSET
        if _tool_calls is not UNSET:
            tool_calls = []
            for tool_calls_item_data in _tool_calls:
                tool_calls_item = ChatRequestMessageToolCallsItem.from_dict(tool_calls_item_data)

                tool_calls.append(tool_calls_item)

        chat_request_message = cls(
            content=content,
            role=role,
            name=name,
            tool_call_id=tool_call_id,
            tool_calls=tool_calls,
        )

        chat_request_message.additional_properties = d
        return chat_request_message

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
