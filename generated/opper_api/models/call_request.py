from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.call_configuration import CallConfiguration
    from ..models.example import Example
    from ..models.input_schema import InputSchema
    from ..models.model import Model
    from ..models.model_choice_type_2 import ModelChoiceType2
    from ..models.model_choice_type_3_item_type_2 import ModelChoiceType3ItemType2
    from ..models.output_schema import OutputSchema
    from ..models.tags import Tags


T = TypeVar("T", bound="CallRequest")


@_attrs_define
class CallRequest:
    """What to run. `POST /call` and `POST /call/stream` take the same body."""

    name: str
    """ Task name. The server creates a function of this name in the project, or reuses it; the fields below
    override its stored configuration. """
    instructions: None | str | Unset = UNSET
    """ What the model should do, short and direct. """
    input_schema: InputSchema | None | Unset = UNSET
    """ JSON Schema for `input`. The server checks `input` against it (422 when it does not match) only when
    `beta.invocation.input_validation.enabled` is true. Put shared definitions under `$defs`. """
    output_schema: None | OutputSchema | Unset = UNSET
    """ JSON Schema the result must match. With it, `/call` returns `json_payload` and `/call/stream` sends `json`
    chunks with a `json_path`. """
    input_: Any | Unset = UNSET
    """ The task's input, any JSON value (text, an object, media references). """
    model: list[Model | ModelChoiceType3ItemType2 | str] | Model | ModelChoiceType2 | None | str | Unset = UNSET
    """ A model name such as `openai/gpt-4o-mini`, a `Model` with options, any other object the server accepts, or a
    list of these: a fallback chain tried in order. Omitted or null: the server's default. """
    examples: list[Example] | None | Unset = UNSET
    """ Worked examples added to the prompt (few-shot). """
    parent_span_id: None | Unset | UUID = UNSET
    """ Span to nest this call's span under. """
    tags: None | Tags | Unset = UNSET
    """ String labels stored on the call, for filtering and aggregate analytics. """
    configuration: CallConfiguration | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.call_configuration import CallConfiguration  # noqa: PLC0415
        from ..models.input_schema import InputSchema  # noqa: PLC0415
        from ..models.model import Model  # noqa: PLC0415
        from ..models.model_choice_type_2 import ModelChoiceType2  # noqa: PLC0415
        from ..models.model_choice_type_3_item_type_2 import ModelChoiceType3ItemType2  # noqa: PLC0415
        from ..models.output_schema import OutputSchema  # noqa: PLC0415
        from ..models.tags import Tags  # noqa: PLC0415

        name = self.name

        instructions: None | str | Unset
        if isinstance(self.instructions, Unset):
            instructions = UNSET
        else:
            instructions = self.instructions

        input_schema: dict[str, Any] | None | Unset
        if isinstance(self.input_schema, Unset):
            input_schema = UNSET
        elif isinstance(self.input_schema, InputSchema):
            input_schema = self.input_schema.to_dict()
        else:
            input_schema = self.input_schema

        output_schema: dict[str, Any] | None | Unset
        if isinstance(self.output_schema, Unset):
            output_schema = UNSET
        elif isinstance(self.output_schema, OutputSchema):
            output_schema = self.output_schema.to_dict()
        else:
            output_schema = self.output_schema

        input_ = self.input_

        model: dict[str, Any] | list[dict[str, Any] | str] | None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        elif isinstance(self.model, Model):
            model = self.model.to_dict()
        elif isinstance(self.model, ModelChoiceType2):
            model = self.model.to_dict()
        elif isinstance(self.model, list):
            model = []
            for componentsschemas_model_choice_type_3_item_data in self.model:
                componentsschemas_model_choice_type_3_item: dict[str, Any] | str
                if isinstance(componentsschemas_model_choice_type_3_item_data, Model):
                    componentsschemas_model_choice_type_3_item = (
                        componentsschemas_model_choice_type_3_item_data.to_dict()
                    )
                elif isinstance(componentsschemas_model_choice_type_3_item_data, ModelChoiceType3ItemType2):
                    componentsschemas_model_choice_type_3_item = (
                        componentsschemas_model_choice_type_3_item_data.to_dict()
                    )
                else:
                    componentsschemas_model_choice_type_3_item = componentsschemas_model_choice_type_3_item_data
                model.append(componentsschemas_model_choice_type_3_item)

        else:
            model = self.model

        examples: list[dict[str, Any]] | None | Unset
        if isinstance(self.examples, Unset):
            examples = UNSET
        elif isinstance(self.examples, list):
            examples = []
            for examples_type_0_item_data in self.examples:
                examples_type_0_item = examples_type_0_item_data.to_dict()
                examples.append(examples_type_0_item)

        else:
            examples = self.examples

        parent_span_id: None | str | Unset
        if isinstance(self.parent_span_id, Unset):
            parent_span_id = UNSET
        elif isinstance(self.parent_span_id, UUID):
            parent_span_id = str(self.parent_span_id)
        else:
            parent_span_id = self.parent_span_id

        tags: dict[str, Any] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, Tags):
            tags = self.tags.to_dict()
        else:
            tags = self.tags

        configuration: dict[str, Any] | None | Unset
        if isinstance(self.configuration, Unset):
            configuration = UNSET
        elif isinstance(self.configuration, CallConfiguration):
            configuration = self.configuration.to_dict()
        else:
            configuration = self.configuration

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if input_schema is not UNSET:
            field_dict["input_schema"] = input_schema
        if output_schema is not UNSET:
            field_dict["output_schema"] = output_schema
        if input_ is not UNSET:
            field_dict["input"] = input_
        if model is not UNSET:
            field_dict["model"] = model
        if examples is not UNSET:
            field_dict["examples"] = examples
        if parent_span_id is not UNSET:
            field_dict["parent_span_id"] = parent_span_id
        if tags is not UNSET:
            field_dict["tags"] = tags
        if configuration is not UNSET:
            field_dict["configuration"] = configuration

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.call_configuration import CallConfiguration  # noqa: PLC0415
        from ..models.example import Example  # noqa: PLC0415
        from ..models.input_schema import InputSchema  # noqa: PLC0415
        from ..models.model import Model  # noqa: PLC0415
        from ..models.model_choice_type_2 import ModelChoiceType2  # noqa: PLC0415
        from ..models.model_choice_type_3_item_type_2 import ModelChoiceType3ItemType2  # noqa: PLC0415
        from ..models.output_schema import OutputSchema  # noqa: PLC0415
        from ..models.tags import Tags  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instructions = _parse_instructions(d.pop("instructions", UNSET))

        def _parse_input_schema(data: object) -> InputSchema | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                input_schema_type_0 = InputSchema.from_dict(data)

                return input_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InputSchema | None | Unset, data)

        input_schema = _parse_input_schema(d.pop("input_schema", UNSET))

        def _parse_output_schema(data: object) -> None | OutputSchema | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                output_schema_type_0 = OutputSchema.from_dict(data)

                return output_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OutputSchema | Unset, data)

        output_schema = _parse_output_schema(d.pop("output_schema", UNSET))

        input_ = d.pop("input", UNSET)

        def _parse_model(
            data: object,
        ) -> list[Model | ModelChoiceType3ItemType2 | str] | Model | ModelChoiceType2 | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_model_choice_type_1 = Model.from_dict(data)

                return componentsschemas_model_choice_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_model_choice_type_2 = ModelChoiceType2.from_dict(data)

                return componentsschemas_model_choice_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                componentsschemas_model_choice_type_3 = []
                _componentsschemas_model_choice_type_3 = data
                for componentsschemas_model_choice_type_3_item_data in _componentsschemas_model_choice_type_3:

                    def _parse_componentsschemas_model_choice_type_3_item(
                        data: object,
                    ) -> Model | ModelChoiceType3ItemType2 | str:
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_model_choice_type_3_item_type_1 = Model.from_dict(data)

                            return componentsschemas_model_choice_type_3_item_type_1
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        try:
                            if not isinstance(data, dict):
                                raise TypeError()
                            componentsschemas_model_choice_type_3_item_type_2 = ModelChoiceType3ItemType2.from_dict(
                                data
                            )

                            return componentsschemas_model_choice_type_3_item_type_2
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        return cast(Model | ModelChoiceType3ItemType2 | str, data)

                    componentsschemas_model_choice_type_3_item = _parse_componentsschemas_model_choice_type_3_item(
                        componentsschemas_model_choice_type_3_item_data
                    )

                    componentsschemas_model_choice_type_3.append(componentsschemas_model_choice_type_3_item)

                return componentsschemas_model_choice_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                list[Model | ModelChoiceType3ItemType2 | str] | Model | ModelChoiceType2 | None | str | Unset, data
            )

        model = _parse_model(d.pop("model", UNSET))

        def _parse_examples(data: object) -> list[Example] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                examples_type_0 = []
                _examples_type_0 = data
                for examples_type_0_item_data in _examples_type_0:
                    examples_type_0_item = Example.from_dict(examples_type_0_item_data)

                    examples_type_0.append(examples_type_0_item)

                return examples_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Example] | None | Unset, data)

        examples = _parse_examples(d.pop("examples", UNSET))

        def _parse_parent_span_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_span_id_type_0 = UUID(data)

                return parent_span_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        parent_span_id = _parse_parent_span_id(d.pop("parent_span_id", UNSET))

        def _parse_tags(data: object) -> None | Tags | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tags_type_0 = Tags.from_dict(data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Tags | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_configuration(data: object) -> CallConfiguration | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                configuration_type_0 = CallConfiguration.from_dict(data)

                return configuration_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CallConfiguration | None | Unset, data)

        configuration = _parse_configuration(d.pop("configuration", UNSET))

        call_request = cls(
            name=name,
            instructions=instructions,
            input_schema=input_schema,
            output_schema=output_schema,
            input_=input_,
            model=model,
            examples=examples,
            parent_span_id=parent_span_id,
            tags=tags,
            configuration=configuration,
        )

        call_request.additional_properties = d
        return call_request

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
