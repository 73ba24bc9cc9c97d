from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelInfoParamsStt")


@_attrs_define
class ModelInfoParamsStt:
    default_language: str | Unset = UNSET
    formats: list[str] | Unset = UNSET
    languages: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        default_language = self.default_language

        formats: list[str] | Unset = UNSET
        if not isinstance(self.formats, Unset):
            formats = self.formats

        languages: list[str] | Unset = UNSET
        if not isinstance(self.languages, Unset):
            languages = self.languages

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if default_language is not UNSET:
            field_dict["default_language"] = default_language
        if formats is not UNSET:
            field_dict["formats"] = formats
        if languages is not UNSET:
            field_dict["languages"] = languages

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        default_language = d.pop("default_language", UNSET)

        formats = cast(list[str], d.pop("formats", UNSET))

        languages = cast(list[str], d.pop("languages", UNSET))

        model_info_params_stt = cls(
            default_language=default_language,
            formats=formats,
            languages=languages,
        )

        model_info_params_stt.additional_properties = d
        return model_info_params_stt

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
