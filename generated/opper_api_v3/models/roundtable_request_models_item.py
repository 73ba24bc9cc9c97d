from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RoundtableRequestModelsItem")


@_attrs_define
class RoundtableRequestModelsItem:
    name: str
    """ Model identifier (e.g. gpt-4o or anthropic/claude-sonnet-4-20250514) """
    max_tokens: int | Unset = UNSET
    """ Override max output tokens for this model """
    reasoning: str | Unset = UNSET
    """ Reasoning effort: low/medium/high/max """
    temperature: float | Unset = UNSET
    """ Override temperature for this model (0.0-2.0) """
    top_p: float | Unset = UNSET
    """ Override top_p for this model """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        max_tokens = self.max_tokens

        reasoning = self.reasoning

        temperature = self.temperature

        top_p = self.top_p

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if max_tokens is not UNSET:
            field_dict["max_tokens"] = max_tokens
        if reasoning is not UNSET:
            field_dict["reasoning"] = reasoning
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if top_p is not UNSET:
            field_dict["top_p"] = top_p

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        max_tokens = d.pop("max_tokens", UNSET)

        reasoning = d.pop("reasoning", UNSET)

        temperature = d.pop("temperature", UNSET)

        top_p = d.pop("top_p", UNSET)

        roundtable_request_models_item = cls(
            name=name,
            max_tokens=max_tokens,
            reasoning=reasoning,
            temperature=temperature,
            top_p=top_p,
        )

        roundtable_request_models_item.additional_properties = d
        return roundtable_request_models_item

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
