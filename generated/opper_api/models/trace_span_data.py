from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.trace_span_data_scorer_context_type_0 import (
        TraceSpanDataScorerContextType0,
    )


T = TypeVar("T", bound="TraceSpanData")


@_attrs_define
class TraceSpanData:
    """What a span recorded; a call's span has its function, model and tokens."""

    input_: None | str | Unset = UNSET
    output: None | str | Unset = UNSET
    total_tokens: int | None | Unset = UNSET
    model: None | str | Unset = UNSET
    instructions: None | str | Unset = UNSET
    function: None | str | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    score: int | None | Unset = UNSET
    """ By default the evaluation score of the span's generation. """
    generation_id: None | Unset | UUID = UNSET
    observations: None | str | Unset = UNSET
    scorer_context: None | TraceSpanDataScorerContextType0 | Unset = UNSET
    """ Each scorer's result. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.trace_span_data_scorer_context_type_0 import (
            TraceSpanDataScorerContextType0,  # noqa: PLC0415
        )

        input_: None | str | Unset
        if isinstance(self.input_, Unset):
            input_ = UNSET
        else:
            input_ = self.input_

        output: None | str | Unset
        if isinstance(self.output, Unset):
            output = UNSET
        else:
            output = self.output

        total_tokens: int | None | Unset
        if isinstance(self.total_tokens, Unset):
            total_tokens = UNSET
        else:
            total_tokens = self.total_tokens

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        function: None | str | Unset
        if isinstance(self.function, Unset):
            function = UNSET
        else:
            function = self.function

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        score: int | None | Unset
        if isinstance(self.score, Unset):
            score = UNSET
        else:
            score = self.score

        generation_id: None | str | Unset
        if isinstance(self.generation_id, Unset):
            generation_id = UNSET
        elif isinstance(self.generation_id, UUID):
            generation_id = str(self.generation_id)
        else:
            generation_id = self.generation_id

        observations: None | str | Unset
        if isinstance(self.observations, Unset):
            observations = UNSET
        else:
            observations = self.observations

        scorer_context: dict[str, Any] | None | Unset
        if isinstance(self.scorer_context, Unset):
            scorer_context = UNSET
        elif isinstance(self.scorer_context, TraceSpanDataScorerContextType0):
            scorer_context = self.scorer_context.to_dict()
        else:
            scorer_context = self.scorer_context

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if input_ is not UNSET:
            field_dict["input"] = input_
        if output is not UNSET:
            field_dict["output"] = output
        if total_tokens is not UNSET:
            field_dict["total_tokens"] = total_tokens
        if model is not UNSET:
            field_dict["model"] = model
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if function is not UNSET:
            field_dict["function"] = function
        if tags is not UNSET:
            field_dict["tags"] = tags
        if score is not UNSET:
            field_dict["score"] = score
        if generation_id is not UNSET:
            field_dict["generation_id"] = generation_id
        if observations is not UNSET:
            field_dict["observations"] = observations
        if scorer_context is not UNSET:
            field_dict["scorer_context"] = scorer_context

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trace_span_data_scorer_context_type_0 import (
            TraceSpanDataScorerContextType0,  # noqa: PLC0415
        )

        d = dict(src_dict)

        def _parse_input_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        input_ = _parse_input_(d.pop("input", UNSET))

        def _parse_output(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        output = _parse_output(d.pop("output", UNSET))

        def _parse_total_tokens(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        total_tokens = _parse_total_tokens(d.pop("total_tokens", UNSET))

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        def _parse_function(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        function = _parse_function(d.pop("function", UNSET))

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_score(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        score = _parse_score(d.pop("score", UNSET))

        def _parse_generation_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                generation_id_type_0 = UUID(data)

                return generation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        generation_id = _parse_generation_id(d.pop("generation_id", UNSET))

        def _parse_observations(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        observations = _parse_observations(d.pop("observations", UNSET))

        def _parse_scorer_context(data: object) -> None | TraceSpanDataScorerContextType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                scorer_context_type_0 = TraceSpanDataScorerContextType0.from_dict(data)

                return scorer_context_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TraceSpanDataScorerContextType0 | Unset, data)

        scorer_context = _parse_scorer_context(d.pop("scorer_context", UNSET))

        trace_span_data = cls(
            input_=input_,
            output=output,
            total_tokens=total_tokens,
            model=model,
            instructions=instructions,
            function=function,
            tags=tags,
            score=score,
            generation_id=generation_id,
            observations=observations,
            scorer_context=scorer_context,
        )

        trace_span_data.additional_properties = d
        return trace_span_data

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
