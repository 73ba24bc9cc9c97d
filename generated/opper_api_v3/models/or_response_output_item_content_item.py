from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ORResponseOutputItemContentItem")


@_attrs_define
class ORResponseOutputItemContentItem:
    text: str
    type_: str
    annotations: list[Any] | Unset = UNSET
    refusal: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        type_ = self.type_

        annotations: list[Any] | Unset = UNSET
        if not isinstance(self.annotations, Unset):
            annotations = self.annotations

        refusal = self.refusal

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "text": text,
                "type": type_,
            }
        )
        if annotations is not UNSET:
            field_dict["annotations"] = annotations
        if refusal is not UNSET:
            field_dict["refusal"] = refusal

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text")

        type_ = d.pop("type")

        annotations = cast(list[Any], d.pop("annotations", UNSET))

        refusal = d.pop("refusal", UNSET)

        or_response_output_item_content_item = cls(
            text=text,
            type_=type_,
            annotations=annotations,
            refusal=refusal,
        )

        or_response_output_item_content_item.additional_properties = d
        return or_response_output_item_content_item

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
