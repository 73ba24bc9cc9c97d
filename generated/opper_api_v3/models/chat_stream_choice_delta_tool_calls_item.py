from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chat_stream_choice_delta_tool_calls_item_function import (
        ChatStreamChoiceDeltaToolCallsItemFunction,
    )


T = TypeVar("T", bound="ChatStreamChoiceDeltaToolCallsItem")


@_attrs_define
class ChatStreamChoiceDeltaToolCallsItem:
    index: int
    function: ChatStreamChoiceDeltaToolCallsItemFunction | Unset = UNSET
    id: str | Unset = UNSET
    thought_signature: str | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        function: dict[str, Any] | Unset = UNSET
        if not isinstance(self.function, Unset):
            function = self.function.to_dict()

        id = self.id

        thought_signature = self.thought_signature

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
            }
        )
        if function is not UNSET:
            field_dict["function"] = function
        if id is not UNSET:
            field_dict["id"] = id
        if thought_signature is not UNSET:
            field_dict["thought_signature"] = thought_signature
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_stream_choice_delta_tool_calls_item_function import (
            ChatStreamChoiceDeltaToolCallsItemFunction,  # noqa: PLC0415
        )

        d = dict(src_dict)
        index = d.pop("index")

        _function = d.pop("function", UNSET)
        function: ChatStreamChoiceDeltaToolCallsItemFunction | Unset
        if isinstance(_function, Unset):
            function = UNSET
        else:
            function = ChatStreamChoiceDeltaToolCallsItemFunction.from_dict(_function)

        id = d.pop("id", UNSET)

        thought_signature = d.pop("thought_signature", UNSET)

        type_ = d.pop("type", UNSET)

        chat_stream_choice_delta_tool_calls_item = cls(
            index=index,
            function=function,
            id=id,
            thought_signature=thought_signature,
            type_=type_,
        )

        chat_stream_choice_delta_tool_calls_item.additional_properties = d
        return chat_stream_choice_delta_tool_calls_item

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
