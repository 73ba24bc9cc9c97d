from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_choice_message_tool_calls_item_function import (
        ChatChoiceMessageToolCallsItemFunction,
    )


T = TypeVar("T", bound="ChatChoiceMessageToolCallsItem")


@_attrs_define
class ChatChoiceMessageToolCallsItem:
    function: ChatChoiceMessageToolCallsItemFunction
    id: str
    type_: str
    thought_signature: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        function = self.function.to_dict()

        id = self.id

        type_ = self.type_

        thought_signature = self.thought_signature

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "function": function,
                "id": id,
                "type": type_,
            }
        )
        if thought_signature is not UNSET:
            field_dict["thought_signature"] = thought_signature

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_choice_message_tool_calls_item_function import (
            ChatChoiceMessageToolCallsItemFunction,  # noqa: PLC0415
        )

        d = dict(src_dict)
        function = ChatChoiceMessageToolCallsItemFunction.from_dict(d.pop("function"))

        id = d.pop("id")

        type_ = d.pop("type")

        thought_signature = d.pop("thought_signature", UNSET)

        chat_choice_message_tool_calls_item = cls(
            function=function,
            id=id,
            type_=type_,
            thought_signature=thought_signature,
        )

        chat_choice_message_tool_calls_item.additional_properties = d
        return chat_choice_message_tool_calls_item

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
