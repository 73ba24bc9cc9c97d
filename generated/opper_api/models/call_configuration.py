from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CallConfiguration")


@_attrs_define
class CallConfiguration:
    """Per-call overrides of the function's configuration. Keys are literal dotted names. Each key's server default is in
    its description and in `x-server-default`; the spec gives no `default:` on purpose, because the generated client
    would then send every default with every configuration and so override what the function has stored. (The official
    SDK does send all of them, with its own defaults, as soon as one key is given.)

    """

    invocation_structured_generation_max_attempts: int | Unset = UNSET
    """ Attempts to produce output matching `output_schema` (server default 5). """
    invocation_cache_ttl: int | Unset = UNSET
    """ Seconds a result stays cached: a repeat of the same call within it answers from the cache with `cached:
    true`. 0 (the server default) disables the cache. """
    invocation_few_shot_count: int | Unset = UNSET
    """ How many examples from the function's dataset to add to the prompt. Ignored on `/call`, where the server
    uses 3; set it on the function instead. """
    beta_invocation_input_validation_enabled: bool | Unset = UNSET
    """ Beta: check `input` against `input_schema` and answer 422 when it does not match. Off by default (server
    default false). """
    beta_invocation_xml_mode_enabled: bool | Unset = UNSET
    """ Experimental: the model gets an XML schema and its answer is converted back to JSON (server default false).
    """
    beta_evaluation: Any | Unset = UNSET
    """ Ignored; evaluation follows the function's `observer_enabled`. """
    beta_evaluation_enabled: bool | Unset = UNSET
    """ Older name of the evaluation switch; current servers ignore it. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        invocation_structured_generation_max_attempts = self.invocation_structured_generation_max_attempts

        invocation_cache_ttl = self.invocation_cache_ttl

        invocation_few_shot_count = self.invocation_few_shot_count

        beta_invocation_input_validation_enabled = self.beta_invocation_input_validation_enabled

        beta_invocation_xml_mode_enabled = self.beta_invocation_xml_mode_enabled

        beta_evaluation = self.beta_evaluation

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
        if beta_invocation_input_validation_enabled is not UNSET:
            field_dict["beta.invocation.input_validation.enabled"] = beta_invocation_input_validation_enabled
        if beta_invocation_xml_mode_enabled is not UNSET:
            field_dict["beta.invocation.xml_mode.enabled"] = beta_invocation_xml_mode_enabled
        if beta_evaluation is not UNSET:
            field_dict["beta.evaluation"] = beta_evaluation
        if beta_evaluation_enabled is not UNSET:
            field_dict["beta.evaluation.enabled"] = beta_evaluation_enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        invocation_structured_generation_max_attempts = d.pop("invocation.structured_generation.max_attempts", UNSET)

        invocation_cache_ttl = d.pop("invocation.cache.ttl", UNSET)

        invocation_few_shot_count = d.pop("invocation.few_shot.count", UNSET)

        beta_invocation_input_validation_enabled = d.pop("beta.invocation.input_validation.enabled", UNSET)

        beta_invocation_xml_mode_enabled = d.pop("beta.invocation.xml_mode.enabled", UNSET)

        beta_evaluation = d.pop("beta.evaluation", UNSET)

        beta_evaluation_enabled = d.pop("beta.evaluation.enabled", UNSET)

        call_configuration = cls(
            invocation_structured_generation_max_attempts=invocation_structured_generation_max_attempts,
            invocation_cache_ttl=invocation_cache_ttl,
            invocation_few_shot_count=invocation_few_shot_count,
            beta_invocation_input_validation_enabled=beta_invocation_input_validation_enabled,
            beta_invocation_xml_mode_enabled=beta_invocation_xml_mode_enabled,
            beta_evaluation=beta_evaluation,
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
