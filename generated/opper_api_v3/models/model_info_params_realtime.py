from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelInfoParamsRealtime")


@_attrs_define
class ModelInfoParamsRealtime:
    default_voice: str | Unset = UNSET
    input_audio_format: str | Unset = UNSET
    output_audio_format: str | Unset = UNSET
    sample_rate: int | Unset = UNSET
    supports_tools: bool | Unset = UNSET
    supports_vad: bool | Unset = UNSET
    voices: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        default_voice = self.default_voice

        input_audio_format = self.input_audio_format

        output_audio_format = self.output_audio_format

        sample_rate = self.sample_rate

        supports_tools = self.supports_tools

        supports_vad = self.supports_vad

        voices: list[str] | Unset = UNSET
        if not isinstance(self.voices, Unset):
            voices = self.voices

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if default_voice is not UNSET:
            field_dict["default_voice"] = default_voice
        if input_audio_format is not UNSET:
            field_dict["input_audio_format"] = input_audio_format
        if output_audio_format is not UNSET:
            field_dict["output_audio_format"] = output_audio_format
        if sample_rate is not UNSET:
            field_dict["sample_rate"] = sample_rate
        if supports_tools is not UNSET:
            field_dict["supports_tools"] = supports_tools
        if supports_vad is not UNSET:
            field_dict["supports_vad"] = supports_vad
        if voices is not UNSET:
            field_dict["voices"] = voices

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        default_voice = d.pop("default_voice", UNSET)

        input_audio_format = d.pop("input_audio_format", UNSET)

        output_audio_format = d.pop("output_audio_format", UNSET)

        sample_rate = d.pop("sample_rate", UNSET)

        supports_tools = d.pop("supports_tools", UNSET)

        supports_vad = d.pop("supports_vad", UNSET)

        voices = cast(list[str], d.pop("voices", UNSET))

        model_info_params_realtime = cls(
            default_voice=default_voice,
            input_audio_format=input_audio_format,
            output_audio_format=output_audio_format,
            sample_rate=sample_rate,
            supports_tools=supports_tools,
            supports_vad=supports_vad,
            voices=voices,
        )

        model_info_params_realtime.additional_properties = d
        return model_info_params_realtime

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
