from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.call_model_config_extra_headers import CallModelConfigExtraHeaders
    from ..models.call_model_config_options import CallModelConfigOptions


T = TypeVar("T", bound="CallModelConfig")


@_attrs_define
class CallModelConfig:
    name: str
    """ Model identifier (e.g. "openai/gpt-4o") """
    extra_headers: CallModelConfigExtraHeaders | Unset = UNSET
    """ Extra HTTP headers to send with requests to this model """
    options: CallModelConfigOptions | Unset = UNSET
    """ Per-model parameters (temperature, max_tokens, reasoning_effort, etc.) """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        extra_headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extra_headers, Unset):
            extra_headers = self.extra_headers.to_dict()

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if extra_headers is not UNSET:
            field_dict["extra_headers"] = extra_headers
        if options is not UNSET:
            field_dict["options"] = options

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.call_model_config_extra_headers import CallModelConfigExtraHeaders  # noqa: PLC0415
        from ..models.call_model_config_options import CallModelConfigOptions  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        _extra_headers = d.pop("extra_headers", UNSET)
        extra_headers: CallModelConfigExtraHeaders | Unset
        if isinstance(_extra_headers, Unset):
            extra_headers = UNSET
        else:
            extra_headers = CallModelConfigExtraHeaders.from_dict(_extra_headers)

        _options = d.pop("options", UNSET)
        options: CallModelConfigOptions | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = CallModelConfigOptions.from_dict(_options)

        call_model_config = cls(
            name=name,
            extra_headers=extra_headers,
            options=options,
        )

        call_model_config.additional_properties = d
        return call_model_config

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
