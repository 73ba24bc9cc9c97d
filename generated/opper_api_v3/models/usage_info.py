from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UsageInfo")


@_attrs_define
class UsageInfo:
    input_tokens: int
    output_tokens: int
    cache_creation_1h_tokens: int | Unset = UNSET
    cache_creation_tokens: int | Unset = UNSET
    cache_read_tokens: int | Unset = UNSET
    reasoning_tokens: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        input_tokens = self.input_tokens

        output_tokens = self.output_tokens

        cache_creation_1h_tokens = self.cache_creation_1h_tokens

        cache_creation_tokens = self.cache_creation_tokens

        cache_read_tokens = self.cache_read_tokens

        reasoning_tokens = self.reasoning_tokens

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "input_tokens": input_tokens,
                "output_tokens": output_tokens,
            }
        )
        if cache_creation_1h_tokens is not UNSET:
            field_dict["cache_creation_1h_tokens"] = cache_creation_1h_tokens
        if cache_creation_tokens is not UNSET:
            field_dict["cache_creation_tokens"] = cache_creation_tokens
        if cache_read_tokens is not UNSET:
            field_dict["cache_read_tokens"] = cache_read_tokens
        if reasoning_tokens is not UNSET:
            field_dict["reasoning_tokens"] = reasoning_tokens

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        input_tokens = d.pop("input_tokens")

        output_tokens = d.pop("output_tokens")

        cache_creation_1h_tokens = d.pop("cache_creation_1h_tokens", UNSET)

        cache_creation_tokens = d.pop("cache_creation_tokens", UNSET)

        cache_read_tokens = d.pop("cache_read_tokens", UNSET)

        reasoning_tokens = d.pop("reasoning_tokens", UNSET)

        usage_info = cls(
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            cache_creation_1h_tokens=cache_creation_1h_tokens,
            cache_creation_tokens=cache_creation_tokens,
            cache_read_tokens=cache_read_tokens,
            reasoning_tokens=reasoning_tokens,
        )

        usage_info.additional_properties = d
        return usage_info

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
