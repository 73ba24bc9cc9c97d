from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.interactions_response_outputs_item_args import (
        InteractionsResponseOutputsItemArgs,
    )


T = TypeVar("T", bound="InteractionsResponseOutputsItem")


@_attrs_define
class InteractionsResponseOutputsItem:
    type_: str
    args: InteractionsResponseOutputsItemArgs | Unset = UNSET
    data: str | Unset = UNSET
    id: str | Unset = UNSET
    mime_type: str | Unset = UNSET
    name: str | Unset = UNSET
    summary: str | Unset = UNSET
    text: str | Unset = UNSET
    thought: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        args: dict[str, Any] | Unset = UNSET
        if not isinstance(self.args, Unset):
            args = self.args.to_dict()

        data = self.data

        id = self.id

        mime_type = self.mime_type

        name = self.name

        summary = self.summary

        text = self.text

        thought = self.thought

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if args is not UNSET:
            field_dict["args"] = args
        if data is not UNSET:
            field_dict["data"] = data
        if id is not UNSET:
            field_dict["id"] = id
        if mime_type is not UNSET:
            field_dict["mime_type"] = mime_type
        if name is not UNSET:
            field_dict["name"] = name
        if summary is not UNSET:
            field_dict["summary"] = summary
        if text is not UNSET:
            field_dict["text"] = text
        if thought is not UNSET:
            field_dict["thought"] = thought

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.interactions_response_outputs_item_args import (
            InteractionsResponseOutputsItemArgs,  # noqa: PLC0415
        )

        d = dict(src_dict)
        type_ = d.pop("type")

        _args = d.pop("args", UNSET)
        args: InteractionsResponseOutputsItemArgs | Unset
        if isinstance(_args, Unset):
            args = UNSET
        else:
            args = InteractionsResponseOutputsItemArgs.from_dict(_args)

        data = d.pop("data", UNSET)

        id = d.pop("id", UNSET)

        mime_type = d.pop("mime_type", UNSET)

        name = d.pop("name", UNSET)

        summary = d.pop("summary", UNSET)

        text = d.pop("text", UNSET)

        thought = d.pop("thought", UNSET)

        interactions_response_outputs_item = cls(
            type_=type_,
            args=args,
            data=data,
            id=id,
            mime_type=mime_type,
            name=name,
            summary=summary,
            text=text,
            thought=thought,
        )

        interactions_response_outputs_item.additional_properties = d
        return interactions_response_outputs_item

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
