from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.chat_request_tools_item_function import ChatRequestToolsItemFunction


T = TypeVar("T", bound="ChatRequestToolsItem")


@_attrs_define
class ChatRequestToolsItem:
    function: ChatRequestToolsItemFunction
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        function = self.function.to_dict()

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "function": function,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chat_request_tools_item_function import (
            ChatRequestToolsItemFunction,  # noqa: PLC0415
        )

        d = dict(src_dict)
        function = ChatRequestToolsItemFunction.from_dict(d.pop("function"))

        type_ = d.pop("type")

        chat_request_tools_item = cls(
            function=function,
            type_=type_,
        )

        chat_request_tools_item.additional_properties = d
        return chat_request_tools_item

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
