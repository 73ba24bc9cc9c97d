from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelInfoParamsTts")


@_attrs_define
class ModelInfoParamsTts:
    default_voice: str | Unset = UNSET
    max_length: int | Unset = UNSET
    voices: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        default_voice = self.default_voice

        max_length = self.max_length

        voices: list[str] | Unset = UNSET
        if not isinstance(self.voices, Unset):
            voices = self.voices

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if default_voice is not UNSET:
            field_dict["default_voice"] = default_voice
        if max_length is not UNSET:
            field_dict["max_length"] = max_length
        if voices is not UNSET:
            field_dict["voices"] = voices

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        default_voice = d.pop("default_voice", UNSET)

        max_length = d.pop("max_length", UNSET)

        voices = cast(list[str], d.pop("voices", UNSET))

        model_info_params_tts = cls(
            default_voice=default_voice,
            max_length=max_length,
            voices=voices,
        )

        model_info_params_tts.additional_properties = d
        return model_info_params_tts

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
