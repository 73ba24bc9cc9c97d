from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.interactions_request_tools_item_function_declarations_item import (
        InteractionsRequestToolsItemFunctionDeclarationsItem,
    )


T = TypeVar("T", bound="InteractionsRequestToolsItem")


@_attrs_define
class InteractionsRequestToolsItem:
    function_declarations: list[InteractionsRequestToolsItemFunctionDeclarationsItem] | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        function_declarations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.function_declarations, Unset):
            function_declarations = []
            for function_declarations_item_data in self.function_declarations:
                function_declarations_item = function_declarations_item_data.to_dict()
                function_declarations.append(function_declarations_item)

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if function_declarations is not UNSET:
            field_dict["function_declarations"] = function_declarations
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.interactions_request_tools_item_function_declarations_item import (
            InteractionsRequestToolsItemFunctionDeclarationsItem,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _function_declarations = d.pop("function_declarations", UNSET)
        function_declarations: list[InteractionsRequestToolsItemFunctionDeclarationsItem] | Unset = UNSET
        if _function_declarations is not UNSET:
            function_declarations = []
            for function_declarations_item_data in _function_declarations:
                function_declarations_item = InteractionsRequestToolsItemFunctionDeclarationsItem.from_dict(
                    function_declarations_item_data
                )

                function_declarations.append(function_declarations_item)

        type_ = d.pop("type", UNSET)

        interactions_request_tools_item = cls(
            function_declarations=function_declarations,
            type_=type_,
        )

        interactions_request_tools_item.additional_properties = d
        return interactions_request_tools_item

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
