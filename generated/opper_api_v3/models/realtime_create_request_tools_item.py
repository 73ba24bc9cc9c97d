from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.realtime_create_request_tools_item_parameters import (
        RealtimeCreateRequestToolsItemParameters,
    )


T = TypeVar("T", bound="RealtimeCreateRequestToolsItem")


@_attrs_define
class RealtimeCreateRequestToolsItem:
    name: str
    description: str | Unset = UNSET
    parameters: RealtimeCreateRequestToolsItemParameters | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.realtime_create_request_tools_item_parameters import (
            RealtimeCreateRequestToolsItemParameters,  # noqa: PLC0415
        )

        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description", UNSET)

        _parameters = d.pop("parameters", UNSET)
        parameters: RealtimeCreateRequestToolsItemParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = RealtimeCreateRequestToolsItemParameters.from_dict(_parameters)

        type_ = d.pop("type", UNSET)

        realtime_create_request_tools_item = cls(
            name=name,
            description=description,
            parameters=parameters,
            type_=type_,
        )

        realtime_create_request_tools_item.additional_properties = d
        return realtime_create_request_tools_item

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
