from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelInfoParamsImage")


@_attrs_define
class ModelInfoParamsImage:
    default: str | Unset = UNSET
    qualities: list[str] | Unset = UNSET
    sizes: list[str] | Unset = UNSET
    styles: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        default = self.default

        qualities: list[str] | Unset = UNSET
        if not isinstance(self.qualities, Unset):
            qualities = self.qualities

        sizes: list[str] | Unset = UNSET
        if not isinstance(self.sizes, Unset):
            sizes = self.sizes

        styles: list[str] | Unset = UNSET
        if not isinstance(self.styles, Unset):
            styles = self.styles

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if default is not UNSET:
            field_dict["default"] = default
        if qualities is not UNSET:
            field_dict["qualities"] = qualities
        if sizes is not UNSET:
            field_dict["sizes"] = sizes
        if styles is not UNSET:
            field_dict["styles"] = styles

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        default = d.pop("default", UNSET)

        qualities = cast(list[str], d.pop("qualities", UNSET))

        sizes = cast(list[str], d.pop("sizes", UNSET))

        styles = cast(list[str], d.pop("styles", UNSET))

        model_info_params_image = cls(
            default=default,
            qualities=qualities,
            sizes=sizes,
            styles=styles,
        )

        model_info_params_image.additional_properties = d
        return model_info_params_image

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
