from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.roundtable_model_result_usage_extra import (
        RoundtableModelResultUsageExtra,
    )


T = TypeVar("T", bound="RoundtableModelResultUsage")


@_attrs_define
class RoundtableModelResultUsage:
    input_tokens: int
    output_tokens: int
    cache_creation_1h_tokens: int | Unset = UNSET
    cache_creation_tokens: int | Unset = UNSET
    cache_read_tokens: int | Unset = UNSET
    extra: RoundtableModelResultUsageExtra | Unset = UNSET
    input_audio_tokens: int | Unset = UNSET
    output_audio_tokens: int | Unset = UNSET
    reasoning_tokens: int | Unset = UNSET
    web_search_requests: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        input_tokens = self.input_tokens

        output_tokens = self.output_tokens

        cache_creation_1h_tokens = self.cache_creation_1h_tokens

        cache_creation_tokens = self.cache_creation_tokens

        cache_read_tokens = self.cache_read_tokens

        extra: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extra, Unset):
            extra = self.extra.to_dict()

        input_audio_tokens = self.input_audio_tokens

        output_audio_tokens = self.output_audio_tokens

        reasoning_tokens = self.reasoning_tokens

        web_search_requests = self.web_search_requests

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
        if extra is not UNSET:
            field_dict["extra"] = extra
        if input_audio_tokens is not UNSET:
            field_dict["input_audio_tokens"] = input_audio_tokens
        if output_audio_tokens is not UNSET:
            field_dict["output_audio_tokens"] = output_audio_tokens
        if reasoning_tokens is not UNSET:
            field_dict["reasoning_tokens"] = reasoning_tokens
        if web_search_requests is not UNSET:
            field_dict["web_search_requests"] = web_search_requests

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.roundtable_model_result_usage_extra import (
            RoundtableModelResultUsageExtra,  # noqa: PLC0415
        )

        d = dict(src_dict)
        input_tokens = d.pop("input_tokens")

        output_tokens = d.pop("output_tokens")

        cache_creation_1h_tokens = d.pop("cache_creation_1h_tokens", UNSET)

        cache_creation_tokens = d.pop("cache_creation_tokens", UNSET)

        cache_read_tokens = d.pop("cache_read_tokens", UNSET)

        _extra = d.pop("extra", UNSET)
        extra: RoundtableModelResultUsageExtra | Unset
        if isinstance(_extra, Unset):
            extra = UNSET
        else:
            extra = RoundtableModelResultUsageExtra.from_dict(_extra)

        input_audio_tokens = d.pop("input_audio_tokens", UNSET)

        output_audio_tokens = d.pop("output_audio_tokens", UNSET)

        reasoning_tokens = d.pop("reasoning_tokens", UNSET)

        web_search_requests = d.pop("web_search_requests", UNSET)

        roundtable_model_result_usage = cls(
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            cache_creation_1h_tokens=cache_creation_1h_tokens,
            cache_creation_tokens=cache_creation_tokens,
            cache_read_tokens=cache_read_tokens,
            extra=extra,
            input_audio_tokens=input_audio_tokens,
            output_audio_tokens=output_audio_tokens,
            reasoning_tokens=reasoning_tokens,
            web_search_requests=web_search_requests,
        )

        roundtable_model_result_usage.additional_properties = d
        return roundtable_model_result_usage

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
