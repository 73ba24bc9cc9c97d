from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.interactions_request_generation_config_response_schema import (
        InteractionsRequestGenerationConfigResponseSchema,
    )


T = TypeVar("T", bound="InteractionsRequestGenerationConfig")


@_attrs_define
class InteractionsRequestGenerationConfig:
    max_output_tokens: int | Unset = UNSET
    response_mime_type: str | Unset = UNSET
    response_schema: InteractionsRequestGenerationConfigResponseSchema | Unset = UNSET
    temperature: float | Unset = UNSET
    thinking_level: str | Unset = UNSET
    top_k: int | Unset = UNSET
    top_p: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        max_output_tokens = self.max_output_tokens

        response_mime_type = self.response_mime_type

        response_schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.response_schema, Unset):
            response_schema = self.response_schema.to_dict()

        temperature = self.temperature

        thinking_level = self.thinking_level

        top_k = self.top_k

        top_p = self.top_p

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if max_output_tokens is not UNSET:
            field_dict["max_output_tokens"] = max_output_tokens
        if response_mime_type is not UNSET:
            field_dict["response_mime_type"] = response_mime_type
        if response_schema is not UNSET:
            field_dict["response_schema"] = response_schema
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if thinking_level is not UNSET:
            field_dict["thinking_level"] = thinking_level
        if top_k is not UNSET:
            field_dict["top_k"] = top_k
        if top_p is not UNSET:
            field_dict["top_p"] = top_p

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.interactions_request_generation_config_response_schema import (
            InteractionsRequestGenerationConfigResponseSchema,  # noqa: PLC0415
        )

        d = dict(src_dict)
        max_output_tokens = d.pop("max_output_tokens", UNSET)

        response_mime_type = d.pop("response_mime_type", UNSET)

        _response_schema = d.pop("response_schema", UNSET)
        response_schema: InteractionsRequestGenerationConfigResponseSchema | Unset
        if isinstance(_response_schema, Unset):
            response_schema = UNSET
        else:
            response_schema = InteractionsRequestGenerationConfigResponseSchema.from_dict(_response_schema)

        temperature = d.pop("temperature", UNSET)

        thinking_level = d.pop("thinking_level", UNSET)

        top_k = d.pop("top_k", UNSET)

        top_p = d.pop("top_p", UNSET)

        interactions_request_generation_config = cls(
            max_output_tokens=max_output_tokens,
            response_mime_type=response_mime_type,
            response_schema=response_schema,
            temperature=temperature,
            thinking_level=thinking_level,
            top_k=top_k,
            top_p=top_p,
        )

        interactions_request_generation_config.additional_properties = d
        return interactions_request_generation_config

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
