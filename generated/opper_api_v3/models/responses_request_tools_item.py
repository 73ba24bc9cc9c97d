from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.responses_request_tools_item_headers import (
        ResponsesRequestToolsItemHeaders,
    )
    from ..models.responses_request_tools_item_parameters import (
        ResponsesRequestToolsItemParameters,
    )


T = TypeVar("T", bound="ResponsesRequestToolsItem")


@_attrs_define
class ResponsesRequestToolsItem:
    type_: str
    description: str | Unset = UNSET
    headers: ResponsesRequestToolsItemHeaders | Unset = UNSET
    name: str | Unset = UNSET
    parameters: ResponsesRequestToolsItemParameters | Unset = UNSET
    require_approval: str | Unset = UNSET
    server_label: str | Unset = UNSET
    server_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        description = self.description

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        name = self.name

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        require_approval = self.require_approval

        server_label = self.server_label

        server_url = self.server_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if headers is not UNSET:
            field_dict["headers"] = headers
        if name is not UNSET:
            field_dict["name"] = name
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if require_approval is not UNSET:
            field_dict["require_approval"] = require_approval
        if server_label is not UNSET:
            field_dict["server_label"] = server_label
        if server_url is not UNSET:
            field_dict["server_url"] = server_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.responses_request_tools_item_headers import (
            ResponsesRequestToolsItemHeaders,  # noqa: PLC0415
        )
        from ..models.responses_request_tools_item_parameters import (
            ResponsesRequestToolsItemParameters,  # noqa: PLC0415
        )

        d = dict(src_dict)
        type_ = d.pop("type")

        description = d.pop("description", UNSET)

        _headers = d.pop("headers", UNSET)
        headers: ResponsesRequestToolsItemHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = ResponsesRequestToolsItemHeaders.from_dict(_headers)

        name = d.pop("name", UNSET)

        _parameters = d.pop("parameters", UNSET)
        parameters: ResponsesRequestToolsItemParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = ResponsesRequestToolsItemParameters.from_dict(_parameters)

        require_approval = d.pop("require_approval", UNSET)

        server_label = d.pop("server_label", UNSET)

        server_url = d.pop("server_url", UNSET)

        responses_request_tools_item = cls(
            type_=type_,
            description=description,
            headers=headers,
            name=name,
            parameters=parameters,
            require_approval=require_approval,
            server_label=server_label,
            server_url=server_url,
        )

        responses_request_tools_item.additional_properties = d
        return responses_request_tools_item

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
