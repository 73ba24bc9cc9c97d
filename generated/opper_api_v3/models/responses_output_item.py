from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.responses_output_item_content_item import ResponsesOutputItemContentItem


T = TypeVar("T", bound="ResponsesOutputItem")


@_attrs_define
class ResponsesOutputItem:
    type_: str
    arguments: str | Unset = UNSET
    call_id: str | Unset = UNSET
    content: list[ResponsesOutputItemContentItem] | Unset = UNSET
    id: str | Unset = UNSET
    name: str | Unset = UNSET
    role: str | Unset = UNSET
    status: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        arguments = self.arguments

        call_id = self.call_id

        content: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.content, Unset):
            content = []
            for content_item_data in self.content:
                content_item = content_item_data.to_dict()
                content.append(content_item)

        id = self.id

        name = self.name

        role = self.role

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if arguments is not UNSET:
            field_dict["arguments"] = arguments
        if call_id is not UNSET:
            field_dict["call_id"] = call_id
        if content is not UNSET:
            field_dict["content"] = content
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if role is not UNSET:
            field_dict["role"] = role
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.responses_output_item_content_item import (
            ResponsesOutputItemContentItem,  # noqa: PLC0415
        )

        d = dict(src_dict)
        type_ = d.pop("type")

        arguments = d.pop("arguments", UNSET)

        call_id = d.pop("call_id", UNSET)

        _content = d.pop("content", UNSET)
        content: list[ResponsesOutputItemContentItem] | Unset = UNSET
        if _content is not UNSET:
            content = []
            for content_item_data in _content:
                content_item = ResponsesOutputItemContentItem.from_dict(content_item_data)

                content.append(content_item)

        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        role = d.pop("role", UNSET)

        status = d.pop("status", UNSET)

        responses_output_item = cls(
            type_=type_,
            arguments=arguments,
            call_id=call_id,
            content=content,
            id=id,
            name=name,
            role=role,
            status=status,
        )

        responses_output_item.additional_properties = d
        return responses_output_item

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
