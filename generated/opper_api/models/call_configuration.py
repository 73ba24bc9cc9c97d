from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CallConfiguration")


@_attrs_define
class CallConfiguration:
    """Per-call overrides of the function's configuration. Keys are literal dotted names; only keys you send are applied,
    the server's defaults hold for the rest.

    """

    invocation_structured_generation_max_attempts: int | Unset = UNSET
    """ Attempts to produce output matching `output_schema` (server default 5). """
    invocation_cache_ttl: int | Unset = UNSET
    """ Seconds to cache results; 0 (the server default) disables the cache. """
    invocation_few_shot_count: int | Unset = UNSET
    """ Ignored on /call by current servers, which use 3; kept for old callers. """
    beta_evaluation_enabled: bool | Unset = UNSET
    """ Older name of the evaluation switch; newer servers ignore it. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        invocation_structured_generation_max_attempts = self.invocation_structured_generation_max_attempts

        invocation_cache_ttl = self.invocation_cache_ttl

        invocation_few_shot_count = self.invocation_few_shot_count

        beta_evaluation_enabled = self.beta_evaluation_enabled

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if invocation_structured_generation_max_attempts is not UNSET:
            field_dict["invocation.structured_generation.max_attempts"] = invocation_structured_generation_max_attempts
        if invocation_cache_ttl is not UNSET:
            field_dict["invocation.cache.ttl"] = invocation_cache_ttl
        if invocation_few_shot_count is not UNSET:
            field_dict["invocation.few_shot.count"] = invocation_few_shot_count
        if beta_evaluation_enabled is not UNSET:
            field_dict["beta.evaluation.enabled"] = beta_evaluation_enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        invocation_structured_generation_max_attempts = d.pop("invocation.structured_generation.max_attempts", UNSET)

        invocation_cache_ttl = d.pop("invocation.cache.ttl", UNSET)

        invocation_few_shot_count = d.pop("invocation.few_shot.count", UNSET)

        beta_evaluation_enabled = d.pop("beta.evaluation.enabled", UNSET)

        call_configuration = cls(
            invocation_structured_generation_max_attempts=invocation_structured_generation_max_attempts,
            invocation_cache_ttl=invocation_cache_ttl,
            invocation_few_shot_count=invocation_few_shot_count,
            beta_evaluation_enabled=beta_evaluation_enabled,
        )

        call_configuration.additional_properties = d
        return call_configuration

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
