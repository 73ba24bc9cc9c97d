from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelInfoParamsEmbedding")


@_attrs_define
class ModelInfoParamsEmbedding:
    dimensions: int
    max_input_tokens: int | Unset = UNSET
    supports_dimensions: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dimensions = self.dimensions

        max_input_tokens = self.max_input_tokens

        supports_dimensions = self.supports_dimensions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dimensions": dimensions,
            }
        )
        if max_input_tokens is not UNSET:
            field_dict["max_input_tokens"] = max_input_tokens
        if supports_dimensions is not UNSET:
            field_dict["supports_dimensions"] = supports_dimensions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dimensions = d.pop("dimensions")

        max_input_tokens = d.pop("max_input_tokens", UNSET)

        supports_dimensions = d.pop("supports_dimensions", UNSET)

        model_info_params_embedding = cls(
            dimensions=dimensions,
            max_input_tokens=max_input_tokens,
            supports_dimensions=supports_dimensions,
        )

        model_info_params_embedding.additional_properties = d
        return model_info_params_embedding

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
