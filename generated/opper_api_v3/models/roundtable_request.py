from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.roundtable_request_models_item import RoundtableRequestModelsItem
    from ..models.roundtable_request_output_schema import RoundtableRequestOutputSchema


T = TypeVar("T", bound="RoundtableRequest")


@_attrs_define
class RoundtableRequest:
    input_: str
    """ The question or prompt sent to all models """
    models: list[RoundtableRequestModelsItem]
    """ Models to query in parallel """
    choices: list[str] | Unset = UNSET
    """ Literal options for multiple_choice resolution """
    instructions: str | Unset = UNSET
    """ System prompt shared across all model calls """
    max_retries: int | Unset = UNSET
    """ Per-model retry count on transient errors (default 1 / max 3) """
    output_schema: RoundtableRequestOutputSchema | Unset = UNSET
    """ JSON Schema for structured output — applied to all model calls and the consolidation call """
    resolution: str | Unset = UNSET
    """ Resolution mode: summary (default) / fast / multiple_choice """
    stream: bool | Unset = UNSET
    """ Enable SSE streaming """
    summary_model: str | Unset = UNSET
    """ Override the model used for consolidation in summary mode """
    timeout_ms: int | Unset = UNSET
    """ Per-model timeout in milliseconds covering all retries (default 120000 / max 300000) """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        input_ = self.input_

        models = []
        for models_item_data in self.models:
            models_item = models_item_data.to_dict()
            models.append(models_item)

        choices: list[str] | Unset = UNSET
        if not isinstance(self.choices, Unset):
            choices = self.choices

        instructions = self.instructions

        max_retries = self.max_retries

        output_schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.output_schema, Unset):
            output_schema = self.output_schema.to_dict()

        resolution = self.resolution

        stream = self.stream

        summary_model = self.summary_model

        timeout_ms = self.timeout_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "input": input_,
                "models": models,
            }
        )
        if choices is not UNSET:
            field_dict["choices"] = choices
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if max_retries is not UNSET:
            field_dict["max_retries"] = max_retries
        if output_schema is not UNSET:
            field_dict["output_schema"] = output_schema
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if stream is not UNSET:
            field_dict["stream"] = stream
        if summary_model is not UNSET:
            field_dict["summary_model"] = summary_model
        if timeout_ms is not UNSET:
            field_dict["timeout_ms"] = timeout_ms

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.roundtable_request_models_item import RoundtableRequestModelsItem  # noqa: PLC0415
        from ..models.roundtable_request_output_schema import (
            RoundtableRequestOutputSchema,  # noqa: PLC0415
        )

        d = dict(src_dict)
        input_ = d.pop("input")

        models = []
        _models = d.pop("models")
        for models_item_data in _models:
            models_item = RoundtableRequestModelsItem.from_dict(models_item_data)

            models.append(models_item)

        choices = cast(list[str], d.pop("choices", UNSET))

        instructions = d.pop("instructions", UNSET)

        max_retries = d.pop("max_retries", UNSET)

        _output_schema = d.pop("output_schema", UNSET)
        output_schema: RoundtableRequestOutputSchema | Unset
        if isinstance(_output_schema, Unset):
            output_schema = UNSET
        else:
            output_schema = RoundtableRequestOutputSchema.from_dict(_output_schema)

        resolution = d.pop("resolution", UNSET)

        stream = d.pop("stream", UNSET)

        summary_model = d.pop("summary_model", UNSET)

        timeout_ms = d.pop("timeout_ms", UNSET)

        roundtable_request = cls(
            input_=input_,
            models=models,
            choices=choices,
            instructions=instructions,
            max_retries=max_retries,
            output_schema=output_schema,
            resolution=resolution,
            stream=stream,
            summary_model=summary_model,
            timeout_ms=timeout_ms,
        )

        roundtable_request.additional_properties = d
        return roundtable_request

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
