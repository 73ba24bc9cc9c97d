from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelInfoParamsImageEdit")


@_attrs_define
class ModelInfoParamsImageEdit:
    aspect_ratios: list[str] | Unset = UNSET
    default: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        aspect_ratios: list[str] | Unset = UNSET
        if not isinstance(self.aspect_ratios, Unset):
            aspect_ratios = self.aspect_ratios

        default = self.default

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if aspect_ratios is not UNSET:
            field_dict["aspect_ratios"] = aspect_ratios
        if default is not UNSET:
            field_dict["default"] = default

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        aspect_ratios = cast(list[str], d.pop("aspect_ratios", UNSET))

        default = d.pop("default", UNSET)

        model_info_params_image_edit = cls(
            aspect_ratios=aspect_ratios,
            default=default,
        )

        model_info_params_image_edit.additional_properties = d
        return model_info_params_image_edit

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
