from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.call_configuration import CallConfiguration
    from ..models.function_create_input_schema_type_0 import (
        FunctionCreateInputSchemaType0,
    )
    from ..models.function_create_output_schema_type_0 import (
        FunctionCreateOutputSchemaType0,
    )
    from ..models.model import Model
    from ..models.model_choice_type_2 import ModelChoiceType2
    from ..models.model_choice_type_3_item_type_2 import ModelChoiceType3ItemType2


T = TypeVar("T", bound="FunctionCreate")


@_attrs_define
class FunctionCreate:
    """A function to create."""

    name: str
    """ Unique in the project; letters, numbers, underscores and hyphens. """
    instructions: str
    """ The prompt the model gets, short and direct. """
    description: None | str | Unset = UNSET
    """ What the function is for, for people. """
    input_schema: FunctionCreateInputSchemaType0 | None | Unset = UNSET
    output_schema: FunctionCreateOutputSchemaType0 | None | Unset = UNSET
    model: list[Model | ModelChoiceType3ItemType2 | str] | Model | ModelChoiceType2 | None | str | Unset = UNSET
    """ A model name such as `openai/gpt-4o-mini`, a `Model` with options, any other object the server accepts, or a
    list of these: a fallback chain tried in order. Omitted or null: the server's default. """
    configuration: CallConfiguration | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.call_configuration import CallConfiguration  # noqa: PLC0415
        from ..models.function_create_input_schema_type_0 import (
            FunctionCreateInputSchemaType0,  # noqa: PLC0415
        )
        from ..models.function_create_output_schema_type_0 import (
            FunctionCreateOutputSchemaType0,  # noqa: PLC0415
        )
        from ..models.model import Model  # noqa: PLC0415
        from ..models.model_choice_type_2 import ModelChoiceType2  # noqa: PLC0415
        from ..models.model_choice_type_3_item_type_2 import ModelChoiceType3ItemType2  # noqa: PLC0415

        name = self.name

        instructions = self.instructions

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        input_schema: dict[str, Any] | None | Unset
        if isinstance(self.input_schema, Unset):
            input_schema = UNSET
        elif isinstance(self.input_schema, FunctionCreateInputSchemaType0):
            input_schema = self.input_schema.to_dict()
        else:
            input_schema = self.input_schema

        output_schema: dict[str, Any] | None | Unset
        if isinstance(self.output_schema, Unset):
            output_schema = UNSET
        elif isinstance(self.output_schema, FunctionCreateOutputSchemaType0):
            output_schema = self.output_schema.to_dict()
        else:
            output_schema = self.output_schema

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
                "instructions": instructions,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if input_schema is not UNSET:
            field_dict["input_schema"] = input_schema
        if output_schema is not UNSET:
            field_dict["output_schema"] = output_schema
        if model is not UNSET:
            field_dict["model"] = model
        if configuration is not UNSET:
            field_dict["configuration"] = configuration

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.call_configuration import CallConfiguration  # noqa: PLC0415
        from ..models.function_create_input_schema_type_0 import (
            FunctionCreateInputSchemaType0,  # noqa: PLC0415
        )
        from ..models.function_create_output_schema_type_0 import (
            FunctionCreateOutputSchemaType0,  # noqa: PLC0415
        )
        from ..models.model import Model  # noqa: PLC0415
        from ..models.model_choice_type_2 import ModelChoiceType2  # noqa: PLC0415
        from ..models.model_choice_type_3_item_type_2 import ModelChoiceType3ItemType2  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        instructions = d.pop("instructions")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_input_schema(data: object) -> FunctionCreateInputSchemaType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                input_schema_type_0 = FunctionCreateInputSchemaType0.from_dict(data)

                return input_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FunctionCreateInputSchemaType0 | None | Unset, data)

        input_schema = _parse_input_schema(d.pop("input_schema", UNSET))

        def _parse_output_schema(data: object) -> FunctionCreateOutputSchemaType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                output_schema_type_0 = FunctionCreateOutputSchemaType0.from_dict(data)

                return output_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FunctionCreateOutputSchemaType0 | None | Unset, data)

        output_schema = _parse_output_schema(d.pop("output_schema", UNSET))

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

        function_create = cls(
            name=name,
            instructions=instructions,
            description=description,
            input_schema=input_schema,
            output_schema=output_schema,
            model=model,
            configuration=configuration,
        )

        function_create.additional_properties = d
        return function_create

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
